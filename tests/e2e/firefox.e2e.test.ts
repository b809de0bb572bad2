/**
 * The product in real Firefox ESR: the Firefox build (.output/firefox-mv3, an MV3 event
 * page rather than a service worker) installed as a temporary add-on, on the same
 * replayed registries as the Chromium suite (scenario/recorded-registries.ts), reached
 * through a local CONNECT proxy that tunnels only the three registry hosts.
 *
 * Only the in-page badge is tested here: its automation contract (`<provenant-badge
 * data-*>` with an open shadow root) is read from the page. The popup, the options page
 * and the toolbar badge text need extension-page access, which Firefox refuses under
 * WebDriver BiDi in this mode; they are covered in Chromium (extension.e2e, ui.e2e).
 *
 * Without Firefox the suite is skipped with a message; under CI=true that is an error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { REPO_ROOT } from './harness/browser';
import { firefoxPath, haveFirefox, launchFirefoxExtension, REGISTRY_HOSTS, startConnectProxy, type FirefoxHarness } from './harness/firefox';
import { html, startReplayServer, type ReplayServer } from './harness/replay-server';
import { recordedRegistries } from './scenario/recorded-registries';
import { FIXTURES } from '../support/fixtures';
import { attestationsUrl } from '../../lib/registries/npm/names';
import { integrityUrl } from '../../lib/registries/pypi/names';

const HAVE_FIREFOX = haveFirefox();
if (!HAVE_FIREFOX) {
  const message = `Firefox is not installed at ${firefoxPath()} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;
  if (process.env.CI) throw new Error(`CI must run the Firefox e2e suite: ${message}`);
  console.warn(`\n[provenant] ${message}: the Firefox e2e suite is SKIPPED.\n`);
}

const FINAL = ['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch'];

interface Contract {
  hosts: number;
  status: string | null;
  ecosystem: string | null;
  package: string | null;
  version: string | null;
  alert: string | null;
  shadowMode: string | null;
}

/** The automation contract as the page itself sees it. */
function contract(page: Page): Promise<Contract> {
  return page.evaluate(() => {
    const all = document.querySelectorAll('provenant-badge');
    const el = all[0];
    return {
      hosts: all.length,
      status: el?.getAttribute('data-status') ?? null,
      ecosystem: el?.getAttribute('data-ecosystem') ?? null,
      package: el?.getAttribute('data-package') ?? null,
      version: el?.getAttribute('data-version') ?? null,
      alert: el?.getAttribute('data-alert') ?? null,
      // An open root is visible to the page; a closed one reads as null.
      shadowMode: el?.shadowRoot?.mode ?? null,
    };
  });
}

/** Wait until the page has exactly one badge host whose data-status is one of `statuses`. */
async function waitForStatus(page: Page, statuses: string[] = FINAL, timeout = 20_000): Promise<string> {
  await page.waitForFunction(
    (wanted: string[]) => {
      const hosts = document.querySelectorAll('provenant-badge');
      return hosts.length === 1 && wanted.includes(hosts[0]!.getAttribute('data-status') ?? '');
    },
    { timeout, polling: 100 },
    statuses,
  );
  return (await contract(page)).status!;
}

describe.skipIf(!HAVE_FIREFOX)('Provenant in Firefox ESR on the replayed registries', () => {
  let server: ReplayServer;
  let h: FirefoxHarness;
  const registries = recordedRegistries(FIXTURES);
  const pages: Page[] = [];

  const open = async (url: string) => {
    const page = await h.newPage();
    pages.push(page);
    await page.goto(url);
    return page;
  };

  beforeAll(async () => {
    server = await startReplayServer();
    registries.install(server);
    // Firefox ESR opens the toolbar popup from the worker's action.openPopup() (the badge's
    // first choice), but automation cannot see that popup; refused by this pref, the badge's
    // own panel opens instead, which the page can be read for. Nothing else here clicks the badge.
    h = await launchFirefoxExtension({ server, prefs: { 'extensions.openPopupWithoutUserGesture.enabled': false } });
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close().catch(() => undefined);
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('installs the Firefox build with its gecko id and the required host permissions granted', async () => {
    expect(h.extensionId).toBe('provenant@provenant.dev');
    // Firefox 127+ grants MV3 host_permissions at install while the pref
    // extensions.originControls.grantByDefault is true, its default (153 ESR included);
    // the harness leaves that pref alone, so this is what a user gets. The grant is
    // written to extension-preferences.json shortly after install.
    let granted = h.grantedPermissions();
    for (let i = 0; i < 50 && !granted; i++) {
      await new Promise((r) => setTimeout(r, 100));
      granted = h.grantedPermissions();
    }
    // The required hosts (the registries and Sigstore's TUF CDN); none of the optional ones.
    expect(granted?.origins?.slice().sort()).toEqual(['https://pypi.org/*', 'https://registry.npmjs.org/*', 'https://tuf-repo-cdn.sigstore.dev/*', 'https://www.npmjs.com/*']);
  });

  it('PyPI release with a GitHub Trusted Publisher: verified, with the automation contract', async () => {
    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    expect(await contract(page)).toEqual({
      hosts: 1,
      status: 'verified',
      ecosystem: 'pypi',
      package: 'pypi-attestations',
      version: '0.0.19',
      alert: '',
      shadowMode: 'open',
    });
    // The verdict came from the background's own fetch through the proxy, not from the page.
    const file = registries.pypiReleases.find((r) => r.name === 'pypi-attestations')!.files[0]!.filename;
    expect(server.requestsTo('pypi.org', new URL(integrityUrl('pypi-attestations', '0.0.19', file)).pathname).length).toBeGreaterThan(0);
  });

  it('PyPI release with one attested file and one without: partial', async () => {
    const page = await open('https://pypi.org/project/pypi-attestation-models/');
    expect(await waitForStatus(page)).toBe('partial');
    expect(await contract(page)).toEqual({
      hosts: 1,
      status: 'partial',
      ecosystem: 'pypi',
      package: 'pypi-attestation-models',
      version: '0.0.4a2',
      alert: '',
      shadowMode: 'open',
    });
  });

  it('npm version page with recorded provenance: verified', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    expect(await contract(page)).toEqual({
      hosts: 1,
      status: 'verified',
      ecosystem: 'npm',
      package: 'sigstore',
      version: '1.0.0',
      alert: '',
      shadowMode: 'open',
    });
    expect(server.requestsTo('registry.npmjs.org', new URL(attestationsUrl('sigstore', '1.0.0')).pathname).length).toBeGreaterThan(0);
    mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'firefox-npm-badge-verified.png') });
  });

  it('when the toolbar popup is refused, the badge opens its details panel; Escape closes it and focus returns', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const badge = await page.waitForSelector('provenant-badge >>> .pv-badge');
    await badge!.focus();
    await page.keyboard.press('Enter');
    const panelText = () => page.evaluate(() => document.querySelector('provenant-badge')!.shadowRoot!.querySelector('.pv-panel [data-field="repository"]')?.textContent ?? null);
    await page.waitForFunction(() => !!document.querySelector('provenant-badge')!.shadowRoot!.querySelector('.pv-panel [data-field="repository"]'), { timeout: 10_000, polling: 100 });
    expect(await panelText()).toBe('sigstore/sigstore-js');
    expect(await page.evaluate(() => document.querySelector('provenant-badge')!.shadowRoot!.querySelector('[data-meaning]')!.textContent)).toContain('this does not mean the code is safe');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('provenant-badge')!.shadowRoot!.querySelector('.pv-panel'), { timeout: 5_000, polling: 100 });
    expect(await page.evaluate(() => document.querySelector('provenant-badge')!.shadowRoot!.activeElement?.className ?? null)).toContain('pv-badge');
  });

  it('npm package with no attestations: absent', async () => {
    const page = await open('https://www.npmjs.com/package/lodash');
    expect(await waitForStatus(page)).toBe('absent');
    expect(await contract(page)).toEqual({
      hosts: 1,
      status: 'absent',
      ecosystem: 'npm',
      package: 'lodash',
      version: registries.packuments.lodash!['dist-tags'].latest,
      alert: '',
      shadowMode: 'open',
    });
  });

  it('npm latest without provenance after verified versions: absent with the provenance-lost alert', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore');
    expect(await waitForStatus(page)).toBe('absent');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert')?.split(' ').includes('provenance-lost'), {
      timeout: 20_000,
      polling: 100,
    });
    expect(await contract(page)).toMatchObject({
      hosts: 1,
      status: 'absent',
      ecosystem: 'npm',
      package: 'sigstore',
      version: registries.packuments.sigstore!['dist-tags'].latest,
      shadowMode: 'open',
    });
  });

  it('npmjs.com client-side navigation updates the one badge in place', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    // A marker on the window survives only if no new document is loaded.
    await page.evaluate(() => ((window as unknown as Record<string, unknown>).__provenantSameDocument = true));
    const link = await page.waitForSelector('a[data-spa][href="/package/lodash"]');
    await link!.click();
    await page.waitForFunction(() => location.pathname === '/package/lodash', { timeout: 5_000 });
    expect(await waitForStatus(page, ['absent'])).toBe('absent');
    expect(await contract(page)).toMatchObject({ hosts: 1, status: 'absent', package: 'lodash', shadowMode: 'open' });
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__provenantSameDocument)).toBe(true);
  });

  it('the badge and the page do not style each other', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const look = () =>
      page.evaluate(() => {
        const host = document.querySelector('provenant-badge')!;
        const pill = host.shadowRoot!.querySelector('.pv-badge')!;
        const title = document.querySelector('#top h1')!;
        const cs = (el: Element) => getComputedStyle(el);
        return {
          pill: { font: cs(pill).fontSize, color: cs(pill).color, visible: host.getBoundingClientRect().height > 0 },
          title: { font: cs(title).fontSize, color: cs(title).color },
          pageRules: [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).filter((t) => t.includes('pv-')),
        };
      });
    const before = await look();
    expect(before.pill.visible).toBe(true);
    expect(before.pageRules).toEqual([]);
    await page.addStyleTag({
      content: '* { font-size: 40px !important; color: rgb(255, 0, 0) !important; } provenant-badge { display: none !important; }',
    });
    const after = await look();
    expect(after.title).toEqual({ font: '40px', color: 'rgb(255, 0, 0)' });
    expect(after.pill).toEqual(before.pill);
  });

  it('only the three registries were contacted, by pages, content scripts and background alike', () => {
    expect(h.unexpectedRequests()).toEqual([]);
    expect(new Set(h.proxy.tunnelled.map((t) => t.replace(/:443$/, '')))).toEqual(new Set(REGISTRY_HOSTS));
  });
});

/** The proxy on its own (no Firefox needed): what the suite's "unexpected" check relies on. */
describe('the Firefox suite\'s CONNECT proxy', () => {
  /** CONNECT through the proxy; resolves with the proxy's status line and, if tunnelled, the socket. */
  const connectVia = (port: number, target: string) =>
    new Promise<{ status: number; socket: import('node:net').Socket }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'CONNECT', path: target });
      req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
      req.on('error', reject);
      req.end();
    });

  it('tunnels a registry host to the replay server and refuses and records any other host', async () => {
    const server = await startReplayServer();
    server.route('pypi.org', '/ping', html('pong'));
    const proxy = await startConnectProxy({ hosts: REGISTRY_HOSTS, target: { host: '127.0.0.1', port: server.port } });
    try {
      const ok = await connectVia(proxy.port, 'pypi.org:443');
      expect(ok.status).toBe(200);
      const body = await new Promise<string>((resolve, reject) => {
        const tls = tlsConnect({ socket: ok.socket, servername: 'pypi.org', rejectUnauthorized: false }, () => {
          tls.write('GET /ping HTTP/1.1\r\nhost: pypi.org\r\nconnection: close\r\n\r\n');
        });
        let text = '';
        tls.on('data', (d: Buffer) => (text += d.toString('utf8')));
        tls.on('end', () => resolve(text));
        tls.on('error', reject);
      });
      expect(body).toContain('pong');
      expect(server.requestsTo('pypi.org', '/ping')).toHaveLength(1);

      const refused = await connectVia(proxy.port, 'example.com:443');
      expect(refused.status).toBe(403);
      refused.socket.destroy();
      const wrongPort = await connectVia(proxy.port, 'pypi.org:8443');
      expect(wrongPort.status).toBe(403);
      wrongPort.socket.destroy();
      expect(proxy.tunnelled).toEqual(['pypi.org:443']);
      expect(proxy.refused).toEqual(['CONNECT example.com:443', 'CONNECT pypi.org:8443']);
    } finally {
      await proxy.stop();
      await server.stop();
    }
  });
});
