import { runBadge } from '../components/badge/run-badge';
import { BADGE_RUN_AT } from '../lib/content/run-at';
import { npmPage } from '../lib/registries/npm/page';

export default defineContentScript({
  matches: [...npmPage.contentMatches],
  runAt: BADGE_RUN_AT,
  main: (ctx) => runBadge(ctx, npmPage),
});
