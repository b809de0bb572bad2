import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installDetailsPanel } from '../components/badge/install-details-panel';

// Injected by the worker into a registry tab when the toolbar popup is refused (lib/content/details-panel-api.ts).
export default defineUnlistedScript(() => installDetailsPanel());
