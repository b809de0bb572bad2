import { NPM_SITE, runBadge } from '../lib/content/run-badge';

// All of www.npmjs.com: a search or profile page can navigate to a package without a page load.
export default defineContentScript({
  matches: ['https://www.npmjs.com/*'],
  main: (ctx) => runBadge(ctx, NPM_SITE),
});
