import { runBadge } from '../components/badge/run-badge';
import { PYPI_SITE } from '../lib/content/sites';

export default defineContentScript({
  matches: ['https://pypi.org/project/*'],
  main: (ctx) => runBadge(ctx, PYPI_SITE),
});
