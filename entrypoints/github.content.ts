import { runBadge } from '../components/badge/run-badge';
import { githubPage } from '../lib/registries/github/page';

export default defineContentScript({
  // Registered by the worker when the user turns GitHub on (lib/background/optional-registries.ts), with
  // githubPage.contentMatches; no `matches` here, or WXT would make github.com a required host.
  registration: 'runtime',
  main: (ctx) => runBadge(ctx, githubPage),
});
