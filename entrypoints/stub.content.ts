import { runBadge } from '../lib/content/run-badge';
import { stubPage } from '../lib/registries/stub/page';

export default defineContentScript({
  matches: [...stubPage.contentMatches],
  main: (ctx) => runBadge(ctx, stubPage),
});
