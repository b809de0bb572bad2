/**
 * Homebrew in Chromium, turned on in the options page, on a replay.
 *
 * Real: the formula-API record of a2ps (tests/fixtures/github/homebrew/, May
 * 2022: its seven bottles, their tags and sha256 digests, as recorded; those
 * bottles were never attested), the Sigstore bundle of malancas/attest-demo and
 * the artifact it signs (tests/fixtures/github/cli/), both trusted roots, and
 * Homebrew's rules as shipped (homebrew-core, then the backfill repository).
 * Shaped: the formula page (formulae.brew.sh's one `h1` holding the formula
 * name, around nothing else); one bottle of the real record, arm64_monterey,
 * given the attest-demo artifact's digest instead of its own, as the unit tests
 * do (tests/registries/homebrew/homebrew.test.ts); and the attestations-API
 * answers: homebrew-core answers for that digest with the real attest-demo
 * bundle, every other digest is unrouted (404, no attestation). No homebrew-core
 * bottle attestation could be recorded, so the real bundle is one built by
 * another repository: under Homebrew's real rules that bottle fails
 * (REPOSITORY_MISMATCH) and the six untouched bottles are absent, which is what
 * the unit tests expect for the unmodified rules.
 *
 * The permission prompt cannot be answered from automation, so this suite loads
 * a copy of the build with Homebrew's hosts granted at install
 * (harness/optional-registries.ts); the switch in the options page and all
 * after it are the shipped code.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../lib/errors/vocabulary';
import { registryOrigins } from '../../lib/registries/optional';
import { homebrewSite } from '../../lib/registries/homebrew/page';
import { STATUS_WORDS } from '../../lib/ui/status-text';
import { readFixture } from '../support/fixtures';
import { ATTEST_DEMO } from '../registries/github/github-fixtures';
import { launchExtension, type ExtensionGlobal, type ExtensionHarness } from './harness/browser';
import { pregrantedExtensionCopy, turnOnInOptions } from './harness/optional-registries';
import { html, json, startReplayServer, type ReplayServer } from './harness/replay-server';

const HOSTS = registryOrigins(homebrewSite).map((o) => new URL(o.replace('/*', '/')).hostname);
type Files = Record<string, { cellar: string; url: string; sha256: string }>;
const A2PS = JSON.parse(readFixture('github', 'homebrew', 'formulae.brew.sh-formula-a2ps.2022-05.json').toString('utf8')) as {
  versions: { stable: string };
  bottle: { stable: { rebuild: number; files: Files } };
};
const ATTESTED = ATTEST_DEMO.digest();
const SWAPPED_TAG = 'arm64_monterey';

/** The real record with one bottle's digest swapped for the attested artifact's (shaped, see above). */
function servedFormula() {
  const files: Files = { ...A2PS.bottle.stable.files };
  expect(files[SWAPPED_TAG]).toBeDefined();
  files[SWAPPED_TAG] = { ...files[SWAPPED_TAG]!, url: `https://ghcr.io/v2/homebrew/core/a2ps/blobs/sha256:${ATTESTED}`, sha256: ATTESTED };
  return { ...A2PS, bottle: { stable: { ...A2PS.bottle.stable, files } } };
}

/** brew's bottle file name for a tag, written out here from the record (not by the code under test). */
const bottleFile = (tag: string) => {
  const { rebuild } = A2PS.bottle.stable;
  return `a2ps--${A2PS.versions.stable}.${tag}.bottle${rebuild > 0 ? `.${rebuild}` : ''}.tar.gz`;
};

// A shaped page: formulae.brew.sh's title markup (the formula name in the page's one h1) and nothing else.
const formulaPage = (name: string) =>
  `<!doctype html><html><head><title>${name} \u2014 Homebrew Formulae</title></head><body><div id="content"><h1>${name}</h1><p class="desc">Any-to-PostScript filter</p></div></body></html>`;

async function badgeOn(p: Page) {
  await p.waitForFunction(() => {
    const status = document.querySelector('provenant-badge')?.getAttribute('data-status');
    return !!status && status !== 'pending';
  }, undefined, { timeout: 30_000 });
  return p.locator('provenant-badge').evaluate((el) => ({
    status: el.getAttribute('data-status'),
    ecosystem: el.getAttribute('data-ecosystem'),
    package: el.getAttribute('data-package'),
    afterTitle: String(el.previousElementSibling?.matches('#content > h1') ?? false),
    title: el.shadowRoot?.querySelector('.pv-badge')?.getAttribute('title') ?? '',
  }));
}

describe('Homebrew, turned on in the options page, in Chromium', () => {
  let copy: string;
  let server: ReplayServer;
  let h: ExtensionHarness;

  beforeAll(async () => {
    copy = pregrantedExtensionCopy(['homebrew']);
    server = await startReplayServer({ extraHosts: HOSTS });
    server.route('formulae.brew.sh', '/formula/a2ps', html(formulaPage('a2ps')));
    server.route('formulae.brew.sh', '/api/formula/a2ps.json', json(servedFormula()));
    server.route('api.github.com', `/repos/Homebrew/homebrew-core/attestations/sha256:${ATTESTED}`, json({ attestations: [{ bundle: ATTEST_DEMO.bundle(), repository_id: 1, initiator: 'github' }] }));
    h = await launchExtension({ server, extensionPath: copy });
    await turnOnInOptions(h.context, h.optionsUrl, 'homebrew');
  }, 90_000);

  afterAll(async () => {
    await h?.close();
    await server?.stop();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('a2ps: the badge after the title fails under Homebrew\u2019s rules (REPOSITORY_MISMATCH); the popup lists one row per bottle', async () => {
    const p = await h.context.newPage();
    await p.goto('https://formulae.brew.sh/formula/a2ps');
    const badge = await badgeOn(p);
    expect(badge).toMatchObject({ status: 'failed', ecosystem: 'homebrew', package: 'a2ps', afterTitle: 'true' });
    // A failed verdict's title is its status in words (the reason is in the popup, below).
    expect(badge.title).toBe(`Provenant: ${STATUS_WORDS.failed}. Click for details.`);

    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl(await h.tabIdOf(p)));
    await popup.waitForFunction(() => document.querySelector('main')?.getAttribute('data-status') === 'failed', undefined, { timeout: 20_000 });
    expect(await popup.locator('.reason').textContent()).toBe(ERRORS.release.REPOSITORY_MISMATCH.sentence);
    const rows = await popup.locator('li[data-file]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-file'), e.getAttribute('data-file-status')]));
    expect(rows).toEqual(Object.keys(A2PS.bottle.stable.files).map((tag) => [bottleFile(tag), tag === SWAPPED_TAG ? 'failed' : 'absent']));
    expect(rows).toHaveLength(7);

    // The code itself, in the verdict the worker holds for this tab (the popup shows its sentence, above).
    const tabId = await h.tabIdOf(p);
    const state = (await popup.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'tab/get', tabId: id }), tabId)) as {
      value?: { verdict?: { report?: { code?: string; version?: string } } };
    };
    expect(state.value?.verdict?.report).toMatchObject({ code: 'REPOSITORY_MISMATCH', version: A2PS.versions.stable });

    // Homebrew's real rules: homebrew-core first, then the backfill only where homebrew-core has none.
    const asked = server.requestsTo('api.github.com').map((r) => r.path.split('?')[0]);
    expect(asked).toContain(`/repos/Homebrew/homebrew-core/attestations/sha256:${ATTESTED}`);
    expect(asked).not.toContain(`/repos/trailofbits/homebrew-brew-verify/attestations/sha256:${ATTESTED}`);
    await popup.close();
    await p.close();
  });
});
