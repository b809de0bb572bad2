import { runBadge } from '../components/badge/run-badge';
import { rubygemsPage } from '../lib/registries/rubygems/page';

export default defineContentScript({
  // Turned on by the user (lib/background/optional-registries.ts registers it with rubygemsPage.contentMatches);
  // no `matches` here, or WXT would make rubygems.org a required host.
  registration: 'runtime',
  main: (ctx) => runBadge(ctx, rubygemsPage),
});
