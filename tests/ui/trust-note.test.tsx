import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrustNote } from '../../components/popup/TrustNote';
import type { ReleaseReport } from '../../lib/report/model';
import { TRUST_REFRESH_FAILED, TRUST_REFRESH_FAILED_MESSAGE } from '../../lib/trust/verify-with-trust';
import { verdictReason } from '../../lib/ui/code-text';
import { installDom, mount, settle, uninstallDom } from './dom';

const report = (over: Partial<ReleaseReport>): ReleaseReport => ({ ecosystem: 'npm', package: 'x', version: '1.0.0', status: 'error', artifacts: [], checkedAt: '', ...over });

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  dom = installDom();
});
afterEach(uninstallDom);

describe('popup: trust material mention', () => {
  it('appears when the verdict waits for trust material, with a link to the options page', async () => {
    const root = await mount(<TrustNote report={report({ code: TRUST_REFRESH_FAILED })} optionsUrl="chrome-extension://abc/options.html" />, dom);
    await settle();
    expect(root.querySelector('[data-trust-note]')?.textContent).toMatch(/Refresh now/);
    expect(root.querySelector('a')?.getAttribute('href')).toBe('chrome-extension://abc/options.html');
  });

  it('is absent for every other outcome', async () => {
    const root = await mount(<TrustNote report={report({ code: 'NETWORK' })} optionsUrl="x" />, dom);
    await settle();
    expect(root.querySelector('[data-trust-note]')).toBeNull();
  });

  it('the reason line says "trust material could not be refreshed", from the message or the code alone', () => {
    expect(verdictReason({ status: 'error', report: report({ code: TRUST_REFRESH_FAILED, message: TRUST_REFRESH_FAILED_MESSAGE }) })).toMatch(/trust material could not be refreshed/i);
    expect(verdictReason({ status: 'error', report: report({ code: TRUST_REFRESH_FAILED }) })).toMatch(/trust material could not be refreshed/i);
  });
});
