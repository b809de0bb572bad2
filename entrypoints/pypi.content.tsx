import { runBadge } from '../components/badge/run-badge';
import { pypiPage } from '../lib/registries/pypi/page';

export default defineContentScript({
  matches: [...pypiPage.contentMatches],
  main: (ctx) => runBadge(ctx, pypiPage),
});
