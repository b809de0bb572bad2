import { runBadge } from '../components/badge/run-badge';
import { githubPage } from '../lib/registries/github/page';

// Registered at runtime, when the user turns GitHub on (its hosts are optional permissions).
export default defineContentScript({
  registration: 'runtime',
  matches: [...githubPage.contentMatches],
  main: (ctx) => runBadge(ctx, githubPage),
});
