import { runBadge } from '../components/badge/run-badge';
import { NPM_SITE } from '../lib/content/sites';

// All of www.npmjs.com: a search or profile page can navigate to a package without a page load.
export default defineContentScript({
  matches: ['https://www.npmjs.com/*'],
  main: (ctx) => runBadge(ctx, NPM_SITE),
});
