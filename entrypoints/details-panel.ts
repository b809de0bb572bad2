import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installDetailsPanel } from '../lib/content/details-panel';

// Injected by the worker into a registry tab when the toolbar popup is refused (lib/content/details-panel-api.ts).
export default defineUnlistedScript(() => installDetailsPanel());
