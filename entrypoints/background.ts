import { installDiagnostics } from '../lib/background/diagnostics';
import { startBackground } from '../lib/background/main';

/** True only in test builds (wxt.config.ts); the minifier drops the branch and the module from production. */
declare const PROVENANT_DIAGNOSTICS: boolean;

export default defineBackground(() => {
  if (PROVENANT_DIAGNOSTICS) installDiagnostics(globalThis as unknown as Record<string, unknown>);
  startBackground();
});
