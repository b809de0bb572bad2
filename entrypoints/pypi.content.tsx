import { runBadge } from '../components/badge/run-badge';
import { BADGE_RUN_AT } from '../lib/content/run-at';
import { pypiPage } from '../lib/registries/pypi/page';

export default defineContentScript({
  matches: [...pypiPage.contentMatches],
  runAt: BADGE_RUN_AT,
  main: (ctx) => runBadge(ctx, pypiPage),
});
