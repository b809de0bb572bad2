import { runBadge } from '../components/badge/run-badge';
import { npmPage } from '../lib/registries/npm/page';

export default defineContentScript({
  matches: [...npmPage.contentMatches],
  main: (ctx) => runBadge(ctx, npmPage),
});
