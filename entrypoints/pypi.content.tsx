import { PYPI_SITE, runBadge } from '../lib/content/run-badge';

export default defineContentScript({
  matches: ['https://pypi.org/project/*'],
  main: (ctx) => runBadge(ctx, PYPI_SITE),
});
