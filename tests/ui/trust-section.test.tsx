import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrustSection, type TrustApi } from '../../components/options/TrustSection';
import type { TrustStatus } from '../../lib/trust/trust-status';
import { click, installDom, mount, settle, uninstallDom } from './dom';

const embedded: TrustStatus = { source: 'embedded', rootVersion: 16, expires: '2027-04-22T19:27:31.000Z', expired: false };
const refreshed: TrustStatus = {
  source: 'refreshed', rootVersion: 16, targetsVersion: 14, timestampVersion: 762, refreshedAt: '2026-08-25T00:00:00.000Z',
  expires: '2026-08-28T19:25:56.000Z', expired: false, lastAttempt: { at: '2026-08-25T00:00:00.000Z', ok: true, reason: 'user' },
};

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  dom = installDom();
});
afterEach(uninstallDom);

const field = (root: ParentNode, name: string) => root.querySelector(`[data-trust-field="${name}"]`)?.textContent;

describe('options: Sigstore trust material', () => {
  it('shows the embedded material, and the refreshed one after "Refresh now"', async () => {
    const api = {
      trustStatus: vi.fn(async () => embedded),
      refreshTrust: vi.fn(async () => ({ ok: true, changed: true, message: 'Refreshed: Sigstore published new trust material, which is now in use.', status: refreshed })),
    } satisfies TrustApi;
    const root = await mount(<TrustSection api={api} />, dom);
    await settle();
    expect(field(root, 'source')).toBe('Embedded in this version of Provenant');
    expect(field(root, 'root-version')).toBe('16');
    expect(field(root, 'expires')).toBe('2027-04-22 19:27:31 UTC');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Refresh now')!;
    await click(button, dom);
    await settle();
    expect(api.refreshTrust).toHaveBeenCalledTimes(1);
    expect(field(root, 'source')).toBe('Refreshed from Sigstore\u2019s TUF repository');
    expect(field(root, 'targets-version')).toBe('14');
    expect(field(root, 'refreshed-at')).toBe('2026-08-25 00:00:00 UTC');
    expect(root.querySelector('.trust-result')?.textContent).toMatch(/^Refreshed: /);
    expect(api.trustStatus).toHaveBeenCalledTimes(1);
  });

  it('says when a refresh failed and that the material in use stays', async () => {
    const failed: TrustStatus = { ...refreshed, expired: true, lastAttempt: { at: '2026-09-01T00:00:00.000Z', ok: false, code: 'EXPIRED', reason: 'user' } };
    const api = {
      trustStatus: vi.fn(async () => refreshed),
      refreshTrust: vi.fn(async () => ({ ok: false, changed: false, message: 'Not refreshed: TUF metadata has expired (the repository may be frozen or replayed). The trust material in use stays as it was.', status: failed })),
    } satisfies TrustApi;
    const root = await mount(<TrustSection api={api} />, dom);
    await settle();
    await click([...root.querySelectorAll("button")].find((b) => b.textContent === "Refresh now")!, dom);
    await settle();
    expect(root.querySelector('.trust-result')?.textContent).toMatch(/Not refreshed: TUF metadata has expired/);
    expect(field(root, 'expires')).toMatch(/still in use until a refresh succeeds/);
    expect(field(root, 'last-attempt')).toMatch(/failed: TUF metadata has expired/);
  });

  it('for GitHub\u2019s instance: asks about it, under its own heading, and names tuf-repo.github.com as the source', async () => {
    const api = {
      trustStatus: vi.fn(async () => embedded),
      refreshTrust: vi.fn(async () => ({ ok: true, changed: true, message: 'Refreshed: GitHub published new trust material, which is now in use.', status: refreshed })),
    } satisfies TrustApi;
    const root = await mount(<TrustSection api={api} instance="github" />, dom);
    await settle();
    expect(api.trustStatus).toHaveBeenCalledWith('github');
    const section = root.querySelector('section')!;
    expect(section.getAttribute('data-trust-instance')).toBe('github');
    expect(section.getAttribute('aria-labelledby')).toBe('trust-heading-github');
    expect(root.querySelector('#trust-heading-github')?.textContent).toBe('GitHub\u2019s Sigstore trust material');
    await click([...root.querySelectorAll('button')].find((b) => b.textContent === 'Refresh now')!, dom);
    await settle();
    expect(api.refreshTrust).toHaveBeenCalledWith('github');
    expect(field(root, 'source')).toBe('Refreshed from GitHub\u2019s TUF repository (tuf-repo.github.com)');
  });
});
