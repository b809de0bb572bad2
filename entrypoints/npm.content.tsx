import { runBadge } from '../lib/content/run-badge';
import { npmPage } from '../lib/registries/npm/page';

export default defineContentScript({
  matches: [...npmPage.contentMatches],
  main: (ctx) => runBadge(ctx, npmPage),
});
