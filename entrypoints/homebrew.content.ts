import { runBadge } from '../components/badge/run-badge';
import { homebrewPage } from '../lib/registries/homebrew/page';

export default defineContentScript({
  // Registered by the worker when the user turns Homebrew on (lib/background/optional-registries.ts), with
  // homebrewPage.contentMatches; no `matches` here, or WXT would make formulae.brew.sh a required host.
  registration: 'runtime',
  main: (ctx) => runBadge(ctx, homebrewPage),
});
