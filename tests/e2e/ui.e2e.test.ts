/**
 * What a person sees and does in the extension's own pages, in real Chromium
 * on the replayed registries (real recorded data, scenario/recorded-registries.ts):
 * the popup's fields, per-file rows, pinning, the history's alerts and
 * timeline, acknowledgements, and the options page (pins, import/export,
 * settings across a worker restart). Saves the screenshots the README shows.
 *
 * The tests share one browser and run in order: later ones rely on the pins
 * and acknowledgements earlier ones leave (and clean up what would skew others).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type ExtensionGlobal } from './harness/browser';
import { html, json } from './harness/replay-server';
import { extensionOnReplay } from './harness/suite';

const FINAL = ['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch'];
const POPUP_VIEWPORT = { width: 440, height: 900 };

/** sigstore@1.0.0 as its Fulcio certificate and Rekor entry say (npm-cli's recorded attestations). */
const SIGSTORE_1_0_0 = {
  repository: 'https://github.com/sigstore/sigstore-js',
  workflow: '.github/workflows/publish.yml',
  commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
  ref: 'refs/tags/v1.0.0',
  trigger: 'release',
  logIndex: '12988397',
  issuer: 'https://token.actions.githubusercontent.com',
};

type Message = Record<string, unknown>;

async function waitForStatus(page: Page, statuses: string[] = FINAL, timeout = 20_000): Promise<string> {
  await page.waitForFunction(
    (wanted) => {
      const hosts = document.querySelectorAll('provenant-badge');
      return hosts.length === 1 && wanted.includes(hosts[0]!.getAttribute('data-status') ?? '');
    },
    statuses,
    { timeout },
  );
  return (await page.locator('provenant-badge').getAttribute('data-status'))!;
}

/** What the badge says (its shadow root is open; Playwright's CSS engine pierces it). */
const badgeText = (page: Page) => page.locator('provenant-badge .pv-badge').textContent();
const badgeAlert = (page: Page) => page.locator('provenant-badge').getAttribute('data-alert');

describe('Provenant popup and options in Chromium', () => {
  const suite = extensionOnReplay({
    routes: (server) => {
      server.route('www.npmjs.com', '/', html('<!doctype html><html lang="en"><head><title>npm | Home</title></head><body><h1>Build amazing things</h1></body></html>'));
      // npm staged publishing: the recorded tuf-js packument with `_npmUser.approver` ADDED on 1.0.0, in the
      // documented shape (the registry mirror strips `_npmUser`; tests/fixtures/SOURCES.md). Served in place of the recording.
      const tufjs = structuredClone(suite.registries.packuments['tuf-js']!);
      tufjs.versions['1.0.0']._npmUser = { name: 'github-actions', email: 'npm-oidc-no-reply@github.com', approver: { name: 'jku', email: 'jku@example.com' } };
      server.route('registry.npmjs.org', '/tuf-js', json(tufjs));
      // registry-disagrees: the recorded lodash packument with `dist.attestations` ADDED on its latest, 4.18.1, as
      // registry.npmjs.org writes it for a release with provenance (the mirror strips it); the attestations endpoint answers 404.
      const lodash = structuredClone(suite.registries.packuments['lodash']!);
      lodash.versions['4.18.1'].dist.attestations = { url: 'https://registry.npmjs.org/-/npm/v1/attestations/lodash@4.18.1', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
      server.route('registry.npmjs.org', '/lodash', json(lodash));
    },
  });
  const { registries, open } = suite;

  /** The popup for the tab showing `page`, opened as a page of its own (`?tabId=`), once it shows a final verdict. */
  const openPopup = async (page: Page, statuses: string[] = [...FINAL, 'none']) => {
    const tabId = await suite.h.tabIdOf(page);
    const popup = await open(suite.h.popupUrl(tabId), POPUP_VIEWPORT);
    await popup.waitForFunction((wanted) => wanted.includes(document.querySelector('main')?.getAttribute('data-status') ?? ''), statuses, { timeout: 20_000 });
    return popup;
  };

  /** The popup's history, once it has arrived (the timeline lists the current version first). */
  const waitForTimeline = (popup: Page) => popup.locator('[data-timeline-version]').first().waitFor({ timeout: 20_000 });

  /** A request from an extension page, as the popup and options page send them. */
  const ask = (extensionPage: Page, message: Message) =>
    extensionPage.evaluate((m) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(m), message) as Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;

  const toolbarText = (tabId: number) =>
    suite.h.serviceWorker.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({ tabId: id }), tabId);

  const toolbarColor = (tabId: number) =>
    suite.h.serviceWorker.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeBackgroundColor({ tabId: id }), tabId);

  const pinRows = (options: Page) => options.locator('tr[data-pin]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pin')));

  it('popup on a verified npm version: every field from the real certificate', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const popup = await openPopup(page);
    const field = (name: string) => popup.locator(`[data-field="${name}"]`);

    expect(await popup.locator('main').getAttribute('data-status')).toBe('verified');
    expect(await field('status').textContent()).toBe('Provenance verified');
    expect(await field('repository').textContent()).toBe('sigstore/sigstore-js');
    expect(await field('repository').locator('a').getAttribute('href')).toBe(SIGSTORE_1_0_0.repository);
    expect(await field('workflow').textContent()).toBe(SIGSTORE_1_0_0.workflow);
    expect(await field('workflow').locator('a').getAttribute('href')).toBe(`${SIGSTORE_1_0_0.repository}/blob/${SIGSTORE_1_0_0.commit}/${SIGSTORE_1_0_0.workflow}`);
    expect(await field('commit').locator('code').getAttribute('title')).toBe(SIGSTORE_1_0_0.commit);
    expect(await field('commit').locator('a').getAttribute('href')).toBe(`${SIGSTORE_1_0_0.repository}/commit/${SIGSTORE_1_0_0.commit}`);
    expect(await field('ref').textContent()).toBe(SIGSTORE_1_0_0.ref);
    expect(await field('trigger').textContent()).toBe(SIGSTORE_1_0_0.trigger);
    // Certificates from before Fulcio's runner-environment extension (mid-2023) do not say.
    expect(await field('runner').textContent()).toBe('\u2014');
    expect(await field('issuer').textContent()).toBe('GitHub Actions');
    expect(await field('issuer').locator('[title]').getAttribute('title')).toBe(SIGSTORE_1_0_0.issuer);
    expect(await field('logIndex').textContent()).toBe(SIGSTORE_1_0_0.logIndex);
    expect(await field('logIndex').locator('a').getAttribute('href')).toBe(`https://search.sigstore.dev/?logIndex=${SIGSTORE_1_0_0.logIndex}`);
    // The first version in the window: a timeline of one, nothing to alert about.
    await waitForTimeline(popup);
    expect(await popup.locator('[data-timeline-version]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-timeline-version'), r.getAttribute('data-timeline-status')]))).toEqual([['1.0.0', 'verified']]);
    expect(await popup.locator('[data-alert-kind]').count()).toBe(0);
    await screenshot(popup, 'popup-npm-verified', { fullPage: true });
  });

  it('popup on a partly attested PyPI release: one row per file with its own status', async () => {
    const page = await open('https://pypi.org/project/pypi-attestation-models/');
    expect(await waitForStatus(page)).toBe('partial');
    const popup = await openPopup(page);
    expect(await popup.locator('[data-field="status"]').textContent()).toBe('Partly verified');
    const release = registries.pypiReleases.find((r) => r.name === 'pypi-attestation-models')!;
    const rows = await popup.locator('li[data-file]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-file'), e.getAttribute('data-file-status')]));
    expect(rows).toEqual(release.files.map((f) => [f.filename, f.provenance ? 'verified' : 'absent']));
    expect(await popup.locator('li[data-file-status="absent"]').textContent()).toContain('No provenance');
    expect(await popup.locator('li[data-file-status="verified"] a').getAttribute('href')).toMatch(/^https:\/\/search\.sigstore\.dev\/\?logIndex=\d+$/);
    await waitForTimeline(popup);
    await screenshot(popup, 'popup-pypi-partial', { fullPage: true });
  });

  it('popup on a tab that is not a package page explains Provenant', async () => {
    const page = await open('https://www.npmjs.com/');
    const popup = await openPopup(page, ['none']);
    expect(await popup.locator('h2').first().textContent()).toBe('This tab is not a package page');
    const text = (await popup.locator('main').textContent())!;
    expect(text).toContain('verifies their signed build attestations');
    expect(text).toContain('pypi.org');
    expect(text).toContain('www.npmjs.com');
    expect(await popup.locator('details.explainer summary').textContent()).toBe('What does this mean?');
    expect(await page.locator('provenant-badge').count()).toBe(0);
  });

  it('history: provenance lost on sigstore latest, shown on the page, in the toolbar and in the popup with the timeline', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore');
    expect(await waitForStatus(page)).toBe('absent');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert') === 'provenance-lost', undefined, { timeout: 20_000 });
    expect(await badgeText(page)).toContain('Earlier versions had provenance');
    const tabId = await suite.h.tabIdOf(page);
    expect(await toolbarText(tabId)).toBe('!');
    await screenshot(page, 'npm-badge-provenance-lost');

    const popup = await openPopup(page);
    await waitForTimeline(popup);
    const alert = popup.locator('[data-alert-kind="provenance-lost"]');
    expect(await alert.count()).toBe(1);
    const alertText = (await alert.textContent())!;
    expect(alertText).toContain('Provenance lost in 5.0.1');
    // One sentence: both versions, and which comparison fired (5.x has no earlier verified release, so the newest overall).
    expect(await alert.locator('.alert-message').textContent()).toBe(
      '5.0.1 has no provenance, but 2.0.0, the newest verified release overall (no earlier 5.x release was verified), was verified as built by sigstore/sigstore-js (release.yml).',
    );
    expect(await alert.getAttribute('data-alert-level')).toBe('high');
    expect(alertText).toContain('High');
    expect(await alert.locator('[data-side="previous"]').textContent()).toBe('2.0.0, built by sigstore/sigstore-js \u00B7 release.yml');
    expect(await alert.locator('[data-side="current"]').textContent()).toBe('5.0.1: no provenance');

    const timeline = await popup.locator('[data-timeline-version]').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-timeline-version'), r.getAttribute('data-timeline-status'), r.getAttribute('data-timeline-alert')]),
    );
    expect(timeline).toEqual([
      ['5.0.1', 'absent', 'provenance-lost'],
      ['3.0.0', 'absent', null],
      ['2.3.1', 'absent', null],
      ['2.0.0', 'verified', 'provenance-lost'],
      ['1.0.0', 'unchecked', null],
    ]);
    expect(await popup.locator('[data-timeline-version="2.0.0"]').textContent()).toContain('last verified version');
    expect(await popup.locator('[data-timeline-version="2.0.0"]').textContent()).toContain('sigstore/sigstore-js \u00B7 release.yml');
    expect(await popup.locator('[data-timeline-version="1.0.0"]').textContent()).toContain('Not checked');
    await screenshot(popup, 'popup-history-alert', { fullPage: true });
  });

  it('history: sigstore 2.0.0 names both workflows of its publisher change, side by side', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/2.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const popup = await openPopup(page);
    await waitForTimeline(popup);
    const alert = popup.locator('[data-alert-kind="publisher-changed"]');
    expect(await alert.count()).toBe(1);
    expect(await alert.locator('.alert-message').textContent()).toBe(
      '1.0.0 was built by publish.yml on release from a tag, 2.0.0 by release.yml on push from a branch in the same repository (sigstore/sigstore-js); 1.0.0 is the newest verified release overall (no earlier 2.x release was verified).',
    );
    // Within one repository: a medium alert, said in words and in amber, not the red of a new publisher.
    expect(await alert.getAttribute('data-alert-level')).toBe('medium');
    expect(await alert.locator('[data-alert-level-words]').textContent()).toContain('Medium');
    expect(await alert.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(92, 59, 0)');
    // Only what changed is shown first: three rows, each with its value before and now; nothing "(not recorded)".
    const changed = alert.locator('table[data-changed-fields]');
    expect(await changed.isVisible()).toBe(true);
    expect(await changed.locator('caption').textContent()).toBe('What changed: 1.0.0 \u2192 2.0.0');
    expect(await changed.locator('tr[data-changed-field]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-changed-field'), ...[...r.querySelectorAll('th, td[data-changed-side]')].map((c) => c.textContent)]))).toEqual([
      ['workflowPath', 'Workflow', '.github/workflows/publish.yml', '.github/workflows/release.yml'],
      ['trigger', 'Trigger', 'release', 'push'],
      ['refKind', 'Ref pattern', 'refs/tags/v1.0.0', 'refs/heads/main'],
    ]);
    expect(await changed.textContent()).not.toContain('not recorded');
    // The full side-by-side is one click away, closed.
    expect(await alert.locator('details.compare-all').getAttribute('open')).toBeNull();
    expect(await alert.locator('table.identity-compare').isVisible()).toBe(false);
    // The timeline outlines both versions in amber too.
    expect(await popup.locator('[data-timeline-version="2.0.0"]').getAttribute('class')).toContain('tl-alert-medium');
    expect(await popup.locator('[data-timeline-version="1.0.0"]').getAttribute('class')).toContain('tl-alert-medium');
    await screenshot(popup, 'popup-publisher-changed-medium', { fullPage: true });
    const workflow = alert.locator('tr[data-compare-field="workflowPath"]');
    expect(await workflow.getAttribute('class')).toBe('differs');
    expect(await workflow.locator('[data-side="previous"]').textContent()).toBe('.github/workflows/publish.yml');
    expect(await workflow.locator('[data-side="current"]').textContent()).toBe('.github/workflows/release.yml');
    expect(await alert.locator('tr[data-compare-field="repositoryUrl"]').getAttribute('class')).toBe('same');
    // 1.0.0 was released from a tag, 2.0.0 from a push to main: shown, but not what makes the alert.
    const ref = alert.locator('tr[data-compare-field="ref"]');
    expect(await ref.getAttribute('data-compare-state')).toBe('differs');
    expect(await ref.locator('td').allTextContents()).toEqual(['refs/tags/v1.0.0', 'refs/heads/main']);
    expect(await popup.locator('[data-timeline-version]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-timeline-version'), r.getAttribute('data-timeline-status')]))).toEqual([
      ['2.0.0', 'verified'],
      ['1.0.0', 'verified'],
    ]);
  });

  it('popup on a release built by the SLSA generator\u2019s Node.js builder: built by the builder, for the source; history compares the source', async () => {
    const page = await open('https://www.npmjs.com/package/@laurentsimon/provenance-npm-test/v/1.0.5');
    expect(await waitForStatus(page)).toBe('verified');
    const popup = await openPopup(page);
    const field = (name: string) => popup.locator(`[data-field="${name}"]`);
    expect(await popup.locator('[data-meaning="verified"]').textContent()).toBe(
      'Built by the SLSA Node.js builder v1.6.0 for laurentsimon/provenance-npm-test with release-slsa3.yml from commit 34490b4, and recorded in a public transparency log \u2014 this does not mean the code is safe.',
    );
    expect(await field('builder').textContent()).toBe('SLSA Node.js builder v1.6.0');
    expect(await field('builder').locator('a').getAttribute('href')).toBe('https://github.com/slsa-framework/slsa-github-generator/blob/v1.6.0/.github/workflows/builder_nodejs_slsa3.yml');
    // The source: the package's own repository, workflow and commit, from the certificate.
    expect(await field('repository').textContent()).toBe('laurentsimon/provenance-npm-test');
    expect(await field('workflow').textContent()).toBe('.github/workflows/release-slsa3.yml');
    expect(await field('commit').locator('code').getAttribute('title')).toBe('34490b44db557f009617bcb92b8780f972c189ab');
    // 1.0.0 was built by the npm CLI in release.yml of the same repository: a workflow change, not a new publisher.
    await waitForTimeline(popup);
    const alert = popup.locator('[data-alert-kind="publisher-changed"]');
    expect(await alert.count()).toBe(1);
    expect(await alert.locator('tr[data-compare-field="repositoryUrl"]').getAttribute('class')).toBe('same');
    expect(await alert.locator('tr[data-compare-field="workflowPath"]').getAttribute('class')).toBe('differs');
    await screenshot(popup, 'popup-npm-generator-built', { fullPage: true });
  });

  it('registry-disagrees: lodash\u2019s packument announces provenance (dist.attestations added as registry.npmjs.org writes it), the endpoint answers 404: failed, a high alert saying what was claimed and found', async () => {
    const page = await open('https://www.npmjs.com/package/lodash');
    expect(await waitForStatus(page)).toBe('failed');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert')?.includes('registry-disagrees'), undefined, { timeout: 20_000 });
    expect(await page.locator('provenant-badge').getAttribute('data-alert')).toBe('registry-disagrees');
    expect(await page.locator('provenant-badge').getAttribute('data-alert-level')).toBe('high');
    expect(await badgeText(page)).toContain('Registry disagrees');
    expect(await page.locator('provenant-badge .pv-badge').getAttribute('title')).toBe('Provenant: Verification FAILED. ALERT: Registry disagrees. Click for details.');
    const tabId = await suite.h.tabIdOf(page);
    expect(await toolbarText(tabId)).toBe('!');
    expect(await toolbarColor(tabId)).toEqual([0xb3, 0x26, 0x1e, 255]);

    const popup = await openPopup(page);
    await waitForTimeline(popup);
    const alert = popup.locator('[data-alert-kind="registry-disagrees"]');
    expect(await alert.count()).toBe(1);
    expect(await alert.getAttribute('data-alert-level')).toBe('high');
    expect(await alert.locator('.alert-title').textContent()).toContain('Registry disagrees in 4.18.1');
    expect(await alert.locator('[data-claim="claimed"]').textContent()).toBe("the packument's dist.attestations announces SLSA provenance v1");
    expect(await alert.locator('[data-claim="found"]').textContent()).toBe('the attestations endpoint serves no such attestation');
    expect(await alert.locator('.alert-message').textContent()).toBe(
      "The registry says 4.18.1 has provenance (the packument's dist.attestations announces SLSA provenance v1), but the attestations endpoint serves no such attestation.",
    );
    await screenshot(popup, 'popup-registry-disagrees', { fullPage: true });
  });

  it('the badge and toolbar follow the highest level: amber for a medium alert on a verified release, red for a high one', async () => {
    const medium = await open('https://www.npmjs.com/package/sigstore/v/2.0.0');
    expect(await waitForStatus(medium)).toBe('verified');
    await medium.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert-level') === 'medium', undefined, { timeout: 20_000 });
    const high = await open('https://www.npmjs.com/package/sigstore');
    expect(await waitForStatus(high)).toBe('absent');
    await high.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert-level') === 'high', undefined, { timeout: 20_000 });
    const background = (p: Page) => p.locator('provenant-badge .pv-badge').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(medium)).toBe('rgb(255, 244, 224)');
    expect(await background(high)).toBe('rgb(179, 38, 30)');
    // The verified pill beside a medium alert does not read as all good in its tooltip either.
    expect(await medium.locator('provenant-badge .pv-badge').getAttribute('title')).toBe('Provenant: Provenance verified. Caution: Publisher changed. Click for details.');
    expect(await toolbarColor(await suite.h.tabIdOf(medium))).toEqual([0x8a, 0x5a, 0x00, 255]);
    expect(await toolbarColor(await suite.h.tabIdOf(high))).toEqual([0xb3, 0x26, 0x1e, 255]);
    await screenshot(medium, 'npm-badge-publisher-changed-medium');
  });

  it('acknowledging provenance-lost for every version: gone from the badge and toolbar on the next visit, listed and removable in the options', async () => {
    const first = await open('https://www.npmjs.com/package/sigstore');
    expect(await waitForStatus(first)).toBe('absent');
    const popup = await openPopup(first);
    await waitForTimeline(popup);
    const alert = popup.locator('[data-alert-kind="provenance-lost"]');
    // Keyboard: the action is a real button, reached and pressed without a mouse.
    await alert.locator('button[data-ack-scope="package"]').focus();
    await popup.keyboard.press('Enter');
    await popup.locator('details.acknowledged [data-acknowledged-kind="provenance-lost"]').waitFor({ state: 'attached' });
    expect(await popup.locator('[data-alert-kind]').count()).toBe(0);
    expect(await popup.locator('details.acknowledged').getAttribute('open')).toBeNull();
    expect(await popup.locator('.notice').textContent()).toContain('Provenance lost for every version of sigstore');
    expect(await popup.locator('[data-timeline-alert]').count()).toBe(0);

    const options = await open(suite.h.optionsUrl);
    const again = await open('https://www.npmjs.com/package/sigstore');
    expect(await waitForStatus(again)).toBe('absent');
    // The same history the page's script asks for (one shared walk): acknowledged, not shown.
    const history = await ask(options, { type: 'history/get', page: { ecosystem: 'npm', package: 'sigstore' } });
    expect(history.value).toMatchObject({ alerts: [], acknowledged: [{ kind: 'provenance-lost', version: '5.0.1' }] });
    await again.waitForTimeout(500);
    expect(await badgeAlert(again)).toBe('');
    expect(await toolbarText(await suite.h.tabIdOf(again))).toBe('NONE');

    await options.reload();
    const row = options.locator('tr[data-ack="npm:sigstore:provenance-lost:*"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('every version');
    await options.getByRole('button', { name: 'Remove acknowledgement: Provenance lost for every version of sigstore' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await ask(options, { type: 'acks/list' })).value).toEqual([]);

    // Removed: the next visit warns again.
    const third = await open('https://www.npmjs.com/package/sigstore');
    expect(await waitForStatus(third)).toBe('absent');
    await third.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert') === 'provenance-lost', undefined, { timeout: 20_000 });
  });

  it('"Pin this identity" from the popup: the page stays verified and the options page lists the pin', async () => {
    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    const popup = await openPopup(page);
    await popup.getByRole('button', { name: 'Pin this identity' }).click();
    await popup.locator('p.pinned').waitFor();
    expect(await popup.locator('.notice').textContent()).toContain('Pinned.');
    expect(await popup.getByRole('button', { name: 'Pin this identity' }).count()).toBe(0);

    await page.reload();
    expect(await waitForStatus(page)).toBe('verified');
    const options = await open(suite.h.optionsUrl);
    const row = options.locator('tr[data-pin="pypi:pypi-attestations"]');
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toContain('trailofbits/pypi-attestations');
    expect(text).toContain('.github/workflows/release.yml');
    expect(text).toContain('pinned from the popup');
  });

  it('options: add a pin with the keyboard; a mismatching pin shows expected vs actual in the popup; edit it to match; remove it', async () => {
    const options = await open(suite.h.optionsUrl);
    await options.locator('tr[data-pin]').first().waitFor();
    // Every control is labelled; fill them by their labels and submit from the keyboard.
    await options.getByLabel('Registry').selectOption('npm');
    await options.getByLabel('Package', { exact: true }).fill('tuf-js');
    await options.getByLabel('Repository URL').fill('https://github.com/someone-else/tuf-js');
    await options.getByLabel('Workflow path').fill('.github/workflows/publish.yml');
    await options.getByLabel('Workflow path').press('Enter');
    const row = options.locator('tr[data-pin="npm:tuf-js"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('someone-else/tuf-js');
    expect(await row.textContent()).toContain('added here');

    const page = await open('https://www.npmjs.com/package/tuf-js/v/1.0.0');
    expect(await waitForStatus(page)).toBe('mismatch');
    expect(await badgeText(page)).toContain('Not the pinned identity');
    await screenshot(page, 'npm-badge-mismatch');
    const popup = await openPopup(page);
    expect(await popup.locator('[data-field="status"]').textContent()).toBe('Not the pinned identity');
    const repo = popup.locator('.pin-comparison tr[data-pin-field="repositoryUrl"]');
    expect(await repo.getAttribute('class')).toBe('differs');
    expect(await repo.locator('td').allTextContents()).toEqual(['https://github.com/someone-else/tuf-js', 'https://github.com/theupdateframework/tuf-js']);
    expect(await popup.locator('.pin-comparison tr[data-pin-field="workflowPath"]').getAttribute('class')).toBe('same');
    expect(await popup.locator('.pin-which').getAttribute('data-pin-matched')).toBe('none');
    await screenshot(popup, 'popup-npm-mismatch', { fullPage: true });

    // Edit: the Edit button is reachable by Tab order like any button; its form replaces the pin.
    await options.getByRole('button', { name: 'Edit pin for tuf-js' }).focus();
    await options.keyboard.press('Enter');
    await options.getByRole('heading', { name: 'Edit pin for tuf-js' }).waitFor();
    await options.getByLabel('Repository URL').fill('https://github.com/theupdateframework/tuf-js');
    await options.getByRole('button', { name: 'Save changes' }).press('Enter');
    await options.getByRole('heading', { name: 'Add a pin' }).waitFor();
    expect(await row.textContent()).toContain('theupdateframework/tuf-js');
    expect(await pinRows(options)).toEqual(['pypi:pypi-attestations', 'npm:tuf-js']);
    await page.reload();
    expect(await waitForStatus(page)).toBe('verified');

    await options.getByRole('button', { name: 'Remove pin for tuf-js' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await ask(options, { type: 'pins/list' })).value.map((p: { package: string }) => p.package)).toEqual(['pypi-attestations']);
  });

  it('options: a pin accepting two identities, edited as a list; the popup says which one matched', async () => {
    const options = await open(suite.h.optionsUrl, { width: 1000, height: 1200 });
    await options.locator('tr[data-pin="pypi:pypi-attestations"]').waitFor();
    await options.getByRole('button', { name: 'Edit pin for pypi-attestations' }).click();
    await options.getByRole('heading', { name: 'Edit pin for pypi-attestations' }).waitFor();
    // First another publisher, accepted before the real one; then a third row, removed again.
    await options.getByRole('button', { name: 'Add another accepted identity' }).click();
    await options.getByRole('button', { name: 'Add another accepted identity' }).click();
    expect(await options.locator('fieldset.pin-identity-row').count()).toBe(3);
    await options.getByRole('button', { name: 'Remove accepted identity 3' }).click();
    expect(await options.locator('fieldset.pin-identity-row').count()).toBe(2);
    await options.getByLabel('Repository URL (identity 2)').fill('https://gitlab.com/facutuesca/gitlab-oidc-project');
    await options.getByLabel('Workflow path (identity 2)').fill('.gitlab-ci.yml');
    await options.getByRole('button', { name: 'Save changes' }).click();
    await options.getByRole('heading', { name: 'Add a pin' }).waitFor();
    const row = options.locator('tr[data-pin="pypi:pypi-attestations"]');
    expect(await row.locator('[data-pin-identity]').count()).toBe(2);
    expect(await row.textContent()).toContain('Any one of these 2 identities');
    const stored = (await ask(options, { type: 'pins/list' })).value.find((p: { package: string }) => p.package === 'pypi-attestations');
    expect(stored.identities.map((i: { repositoryUrl?: string }) => i.repositoryUrl)).toEqual(['https://github.com/trailofbits/pypi-attestations', 'https://gitlab.com/facutuesca/gitlab-oidc-project']);

    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    const popup = await openPopup(page);
    const which = popup.locator('.pin-which');
    expect(await which.getAttribute('data-pin-matched')).toBe('1');
    expect((await which.textContent())!.trim()).toBe('Matches accepted identity 1 of 2.');

    // Back to one accepted identity, as later tests expect.
    await options.getByRole('button', { name: 'Edit pin for pypi-attestations' }).click();
    await options.getByRole('button', { name: 'Remove accepted identity 2' }).click();
    await options.getByRole('button', { name: 'Save changes' }).click();
    await options.getByRole('heading', { name: 'Add a pin' }).waitFor();
    expect(await row.locator('[data-pin-identity]').count()).toBe(1);
  });

  it('npm staged publishing: the popup and timeline show the approver as the registry\'s unsigned claim', async () => {
    const page = await open('https://www.npmjs.com/package/tuf-js/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const popup = await openPopup(page);
    expect(await popup.locator('[data-field="approver"]').textContent()).toBe('approved by jku \u2014 registry\u2019s claim, not signed');
    await waitForTimeline(popup);
    expect(await popup.locator('[data-timeline-version="1.0.0"] .tl-approver').textContent()).toBe('approved by jku \u2014 registry\u2019s claim, not signed');
    expect(await popup.content()).not.toContain('jku@example.com');
  });

  it('options: import a valid file (pasted and chosen), refuse a bad one changing nothing, export what is pinned', async () => {
    const options = await open(suite.h.optionsUrl, { width: 1000, height: 900 });
    await options.locator('tr[data-pin]').first().waitFor();
    const file = (pins: object[]) => JSON.stringify({ format: 'provenant-pins', version: 1, pins });
    const at = '2026-01-01T00:00:00.000Z';

    await options.getByLabel('Or paste a pin file').fill(file([{ ecosystem: 'npm', package: '@laurentsimon/provenance-npm-test', repositoryUrl: 'https://github.com/laurentsimon/provenance-npm-test', createdAt: at }]));
    await options.getByRole('button', { name: 'Import pasted pins' }).click();
    await options.locator('tr[data-pin="npm:@laurentsimon/provenance-npm-test"]').waitFor();
    expect(await options.getByRole('status').filter({ hasText: 'Imported.' }).count()).toBe(1);

    await options.getByLabel('Import a pin file').setInputFiles({
      name: 'pins.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file([{ ecosystem: 'pypi', package: 'gitlab-oidc-project', repositoryUrl: 'https://gitlab.com/facutuesca/gitlab-oidc-project', workflowPath: '.gitlab-ci.yml', createdAt: at }])),
    });
    await options.locator('tr[data-pin="pypi:gitlab-oidc-project"]').waitFor();
    const before = (await ask(options, { type: 'pins/list' })).value;
    expect(before).toHaveLength(3);

    let previous = '';
    for (const bad of ['this is not JSON', file([{ ecosystem: 'npm', package: 'lodash', repositoryUrl: 'https://github.com/lodash/lodash', createdAt: at }, { ecosystem: 'npm' }])]) {
      await options.getByLabel('Import a pin file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
      const error = options.locator('[data-error-for="import"]');
      // Each bad file has its own reason: wait for this one's, not the last one's.
      await options.waitForFunction((last) => {
        const text = document.querySelector('[data-error-for="import"]')?.textContent ?? '';
        return text !== '' && text !== last;
      }, previous);
      previous = (await error.textContent())!;
      expect(await error.getAttribute('role')).toBe('alert');
      expect(previous).toContain('Nothing was changed.');
      expect((await ask(options, { type: 'pins/list' })).value).toEqual(before);
      expect(await options.locator('tr[data-pin="npm:lodash"]').count()).toBe(0);
    }

    await options.getByRole('button', { name: 'Export pins' }).click();
    const exported = JSON.parse(await options.getByLabel('Exported pins').inputValue());
    expect(exported).toMatchObject({ format: 'provenant-pins', version: 2 });
    expect(exported.pins.map((p: { ecosystem: string; package: string }) => `${p.ecosystem}:${p.package}`).sort()).toEqual(
      ['npm:@laurentsimon/provenance-npm-test', 'pypi:gitlab-oidc-project', 'pypi:pypi-attestations'].sort(),
    );
    expect(await options.locator('a[download="provenant-pins.json"]').getAttribute('href')).toMatch(/^blob:chrome-extension:/);
  });

  it('settings and pins survive a service-worker restart', async () => {
    const options = await open(suite.h.optionsUrl, { width: 1000, height: 900 });
    await options.locator('tr[data-pin]').first().waitFor();
    const tofu = options.getByLabel('Trust on first use');
    expect(await tofu.isChecked()).toBe(false);
    await tofu.focus();
    await options.keyboard.press('Space');
    await options.getByText('Trust on first use is on.').waitFor();
    const pinsBefore = await pinRows(options);

    // Leave one acknowledgement in place for the options page's picture.
    expect((await ask(options, { type: 'acks/add', ack: { ecosystem: 'npm', package: 'sigstore', version: '2.0.0', kind: 'publisher-changed' } })).ok).toBe(true);

    const started = await suite.h.workerStartTime();
    await suite.h.restartServiceWorker();
    expect(await suite.h.workerStartTime()).not.toBe(started);

    await options.reload();
    await options.locator('tr[data-pin]').first().waitFor();
    expect(await options.getByLabel('Trust on first use').isChecked()).toBe(true);
    expect(await pinRows(options)).toEqual(pinsBefore);
    expect((await ask(options, { type: 'settings/get' })).value).toMatchObject({ trustOnFirstUse: true });
    await options.locator('tr[data-ack="npm:sigstore:publisher-changed:2.0.0"]').waitFor();
    await screenshot(options, 'options-page', { fullPage: true });

    await options.getByLabel('Trust on first use').uncheck();
    await options.getByText('Trust on first use is off.').waitFor();
  });

  it('only the registries were contacted', () => {
    expect(suite.h.unexpectedRequests()).toEqual([]);
  });
});
