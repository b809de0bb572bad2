import { installDiagnostics } from '../lib/background/diagnostics';
import { startBackground } from '../lib/background/main';

export default defineBackground(() => {
  installDiagnostics(globalThis as unknown as Record<string, unknown>);
  startBackground();
});
