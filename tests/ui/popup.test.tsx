import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupApi } from '../../components/popup/popup-api';
import { PopupApp } from '../../components/popup/PopupApp';
import type { Acknowledgement, Alert } from '../../lib/history/alerts';
import type { HistoryView, TabState } from '../../lib/messages/protocol';
import { pinSchema } from '../../lib/policy/pins';
import { verdictSchema, type Verdict } from '../../lib/policy/verdict';
import type { Identity } from '../../lib/report/model';
import { localTime } from '../../lib/ui/local-time';
import { STATUS_WORDS } from '../../lib/ui/status-text';
import { click, installDom, mount, settle, uninstallDom, until } from './dom';

const COMMIT = '1b2c3d4e5f60718293a4b5c6d7e8f90123456789';
const identity: Identity = {
  publisherKind: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  repositoryUrl: 'https://github.com/sigstore/sigstore-js',
  repositoryId: '495574555',
  ownerId: '71096353',
  workflowPath: '.github/workflows/release.yml',
  ref: 'refs/heads/main',
  commit: COMMIT,
  trigger: 'push',
  runnerEnvironment: 'github-hosted',
  runInvocationUri: 'https://github.com/sigstore/sigstore-js/actions/runs/11111111/attempts/1',
};

const verdict = (overrides: Partial<Verdict> = {}, reportOverrides: Partial<Verdict['report']> = {}): Verdict =>
  verdictSchema.parse({
    status: 'verified',
    report: {
      ecosystem: 'npm',
      package: 'sigstore',
      version: '3.0.0',
      status: 'verified',
      artifacts: [
        {
          name: 'pkg:npm/sigstore@3.0.0',
          digest: { algorithm: 'sha512', hex: 'ab'.repeat(64) },
          status: 'verified',
          identity,
          attestations: [
            {
              predicateType: 'https://slsa.dev/provenance/v1',
              signer: 'certificate',
              tlog: [{ logIndex: '123456789', logId: 'x', rekorVersion: 1, kind: 'dsse', integratedTime: '2024-10-01T12:00:00.000Z', searchUrl: 'https://search.sigstore.dev/?logIndex=123456789' }],
            },
            { predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1', signer: 'npm-registry-key', tlog: [] },
          ],
        },
      ],
      identity,
      checkedAt: '2026-01-01T00:00:00.000Z',
      ...reportOverrides,
    },
    pinDifferences: [],
    actualIdentity: identity,
    ...overrides,
  });

const page = { ecosystem: 'npm', package: 'sigstore' } as const;

type Fn = ReturnType<typeof vi.fn>;
function fakeApi(states: TabState[], extra: Partial<PopupApi> = {}): PopupApi & { tabGet: Fn; recheck: Fn; pinCurrent: Fn; historyGet: Fn; acknowledge: Fn } {
  let i = 0;
  return {
    tabGet: vi.fn(async () => states[Math.min(i++, states.length - 1)]!),
    recheck: vi.fn(async (tabId: number) => ({ tabId, page, verdict: verdict(), pending: false })),
    pinCurrent: vi.fn(async () => []),
    historyGet: vi.fn(async (): Promise<HistoryView> => ({ version: '3.0.0', entries: [], alerts: [], acknowledged: [] })),
    acknowledge: vi.fn(async () => []),
    missingSiteAccess: vi.fn(async () => []),
    requestSiteAccess: vi.fn(async () => true),
    optionsUrl: 'chrome-extension://abc/options.html',
    ...extra,
  } as never;
}

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  dom = installDom();
});
afterEach(uninstallDom);

const field = (root: HTMLElement, name: string) => root.querySelector(`[data-field="${name}"]`);

describe('PopupApp', () => {
  it('on a tab that is not a package page, explains what Provenant does', async () => {
    const api = fakeApi([{ tabId: 3, pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(api.tabGet).toHaveBeenCalledWith(3);
    expect(root.textContent).toContain('This tab is not a package page');
    expect(root.textContent).toContain('pypi.org');
    expect(root.querySelector('details.explainer summary')!.textContent).toBe('What does this mean?');
    expect(api.recheck).not.toHaveBeenCalled();
    expect(root.querySelector('.site-access')).toBeNull();
  });

  it('says which registry sites it cannot read, and asks for exactly those', async () => {
    let missing = ['https://pypi.org/*', 'https://www.npmjs.com/*'];
    const requestSiteAccess = vi.fn(async (origins: string[]) => {
      missing = missing.filter((m) => !origins.includes(m));
      return true;
    });
    const api = fakeApi([{ tabId: 3, pending: false }], { missingSiteAccess: vi.fn(async () => missing), requestSiteAccess });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    const notice = root.querySelector('.site-access')!;
    expect(notice.getAttribute('data-missing')).toBe('pypi.org www.npmjs.com');
    expect(notice.textContent).toContain('Provenant cannot read pypi.org, www.npmjs.com');
    // The rest of the popup still explains what Provenant does.
    expect(root.textContent).toContain('This tab is not a package page');
    const allow = [...notice.querySelectorAll('button')].find((b) => b.textContent === 'Allow access to these sites')!;
    await click(allow, dom);
    await settle();
    expect(requestSiteAccess).toHaveBeenCalledWith(['https://pypi.org/*', 'https://www.npmjs.com/*']);
    expect(root.querySelector('.site-access')!.classList.contains('granted')).toBe(true);
    expect(root.querySelector('.site-access')!.textContent).toContain('Reload the package page');
  });

  it('when the user refuses site access, says so and keeps asking', async () => {
    const api = fakeApi([{ tabId: 3, pending: false }], {
      missingSiteAccess: vi.fn(async () => ['https://registry.npmjs.org/*']),
      requestSiteAccess: vi.fn(async () => false),
    });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    const allow = [...root.querySelectorAll('.site-access button')].find((b) => b.textContent === 'Allow access to registry.npmjs.org')!;
    await click(allow, dom);
    await settle();
    const notice = root.querySelector('.site-access')!;
    expect(notice.classList.contains('granted')).toBe(false);
    expect(notice.textContent).toContain('Access was not allowed; nothing changed.');
    expect(notice.querySelector('button')).not.toBeNull();
  });

  it('shows a verified release with every contract field and safe links', async () => {
    const api = fakeApi([{ tabId: 3, page, verdict: verdict(), pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe('verified');
    expect(field(root, 'status')!.textContent).toBe(STATUS_WORDS.verified);
    expect(field(root, 'repository')!.querySelector('a')!.getAttribute('href')).toBe('https://github.com/sigstore/sigstore-js');
    expect(field(root, 'repository')!.textContent).toBe('sigstore/sigstore-js');
    expect(field(root, 'workflow')!.querySelector('a')!.getAttribute('href')).toBe(`https://github.com/sigstore/sigstore-js/blob/${COMMIT}/.github/workflows/release.yml`);
    expect(field(root, 'commit')!.querySelector('a')!.getAttribute('href')).toBe(`https://github.com/sigstore/sigstore-js/commit/${COMMIT}`);
    expect(field(root, 'ref')!.textContent).toBe('refs/heads/main');
    expect(field(root, 'trigger')!.textContent).toBe('push');
    expect(field(root, 'runner')!.textContent).toBe('github-hosted');
    // The issuer by name, its URL in the tooltip.
    expect(field(root, 'issuer')!.textContent).toBe('GitHub Actions');
    expect(field(root, 'issuer')!.querySelector('[title]')!.getAttribute('title')).toBe('https://token.actions.githubusercontent.com');
    // The workflow run, from the verified certificate.
    const run = field(root, 'run')!.querySelector('a')!;
    expect(run.textContent).toBe('Build summary');
    expect(run.getAttribute('href')).toBe('https://github.com/sigstore/sigstore-js/actions/runs/11111111/attempts/1');
    expect(run.getAttribute('rel')).toContain('noopener');
    // What "verified" means, and not, next to the status.
    expect(root.querySelector('[data-meaning="verified"]')!.textContent).toBe(
      `Built by sigstore/sigstore-js with release.yml from commit ${COMMIT.slice(0, 7)}, and recorded in a public transparency log \u2014 this does not mean the code is safe.`,
    );
    const log = field(root, 'logIndex')!.querySelector('a')!;
    expect(log.textContent).toBe('123456789');
    expect(log.getAttribute('href')).toBe('https://search.sigstore.dev/?logIndex=123456789');
    expect(log.getAttribute('rel')).toContain('noopener');
    // Times in the reader's zone, the exact UTC instant in the tooltip and in datetime.
    const signed = field(root, 'signedAt')!.querySelector('time')!;
    expect(signed.getAttribute('datetime')).toBe('2024-10-01T12:00:00.000Z');
    expect(signed.getAttribute('title')).toBe('2024-10-01T12:00:00.000Z');
    expect(signed.textContent).toBe(localTime('2024-10-01T12:00:00Z')!.text);
    expect(root.textContent).toContain('SLSA provenance v1');
    expect(root.textContent).toContain('npm publish attestation');
    expect(root.textContent).toContain('GitHub Actions');
    // npm has one artifact: no per-file list.
    expect(root.querySelector('.files')).toBeNull();
  });

  it('pins the identity, then no longer offers to', async () => {
    const pinned = verdict({ pin: pinSchema.parse({ ecosystem: 'npm', package: 'sigstore', identities: [{ repositoryUrl: identity.repositoryUrl }], createdAt: 'now' }), pinCompared: 0, pinMatched: true });
    const api = fakeApi([
      { tabId: 3, page, verdict: verdict(), pending: false },
      { tabId: 3, page, verdict: pinned, pending: false },
    ]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    const pinButton = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Pin this identity');
    expect(pinButton).toBeDefined();
    await click(pinButton!, dom);
    await settle();
    expect(api.pinCurrent).toHaveBeenCalledWith(3, page, '3.0.0');
    expect([...root.querySelectorAll('button')].some((b) => b.textContent === 'Pin this identity')).toBe(false);
    expect(root.textContent).toContain('matches the pin');
  });

  it.each(['absent', 'failed', 'error', 'unsupported'] as const)('does not offer to pin a %s release', async (status) => {
    const api = fakeApi([{ tabId: 3, page, verdict: verdict({ status }, { status }), pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe(status);
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Pin this identity');
  });

  it('says why a release failed, in the report\u2019s words', async () => {
    const api = fakeApi([{ tabId: 3, page, verdict: verdict({ status: 'failed' }, { status: 'failed', code: 'SIGNATURE_INVALID', message: 'The signature does not match the signed content.' }), pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('.reason')!.textContent).toBe('The signature does not match the signed content.');
  });

  it('polls while the background is still verifying', async () => {
    const api = fakeApi([
      { tabId: 3, page, pending: true },
      { tabId: 3, page, pending: true },
      { tabId: 3, page, verdict: verdict(), pending: false },
    ]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe('pending');
    await new Promise((r) => setTimeout(r, 1000));
    await settle();
    expect(api.tabGet).toHaveBeenCalledTimes(3);
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe('verified');
  });

  it('asks for a verdict once when the page has none and nothing is running', async () => {
    const api = fakeApi([{ tabId: 3, page, pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(api.recheck).toHaveBeenCalledTimes(1);
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe('verified');
  });

  it('"Check again" sends verdict/recheck', async () => {
    const api = fakeApi([{ tabId: 8, page, verdict: verdict({ status: 'error' }, { status: 'error', code: 'TIMEOUT' }), pending: false }]);
    const root = await mount(<PopupApp tabId={8} api={api} />, dom);
    await settle();
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe('error');
    await click([...root.querySelectorAll('button')].find((b) => b.textContent === 'Check again')!, dom);
    await settle();
    expect(api.recheck).toHaveBeenCalledWith(8);
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe('verified');
  });

  it('mismatch: expected and actual side by side, differences marked in words', async () => {
    const pin = pinSchema.parse({
      ecosystem: 'npm',
      package: 'sigstore',
      identities: [{ repositoryUrl: 'https://github.com/sigstore/sigstore-js', workflowPath: '.github/workflows/publish.yml' }],
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const mismatch = verdict({ status: 'mismatch', pin, pinDifferences: [{ field: 'workflowPath', expected: '.github/workflows/publish.yml', actual: '.github/workflows/release.yml' }] });
    const api = fakeApi([{ tabId: 3, page, verdict: mismatch, pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('main')!.classList.contains('tone-bad')).toBe(true);
    expect(root.textContent).toContain('Not the pinned identity');
    const row = root.querySelector('tr[data-pin-field="workflowPath"]')!;
    expect(row.classList.contains('differs')).toBe(true);
    expect(row.textContent).toContain('differs');
    const [expected, actual] = [...row.querySelectorAll('td')].map((td) => td.textContent);
    expect(expected).toBe('.github/workflows/publish.yml');
    expect(actual).toBe('.github/workflows/release.yml');
    const same = root.querySelector('tr[data-pin-field="repositoryUrl"]')!;
    expect(same.classList.contains('same')).toBe(true);
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Pin this identity');
  });

  it('a pin with several accepted identities: the popup says which one matched, or that none did and which is closest', async () => {
    const pin = pinSchema.parse({
      ecosystem: 'npm',
      package: 'sigstore',
      identities: [{ repositoryUrl: 'https://github.com/other/repo' }, { repositoryUrl: 'https://github.com/sigstore/sigstore-js', workflowPath: '.github/workflows/publish.yml' }],
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const matched = verdict({ pin, pinCompared: 1, pinMatched: true });
    let root = await mount(<PopupApp tabId={3} api={fakeApi([{ tabId: 3, page, verdict: matched, pending: false }])} />, dom);
    await settle();
    const which = root.querySelector('.pin-which')!;
    expect(which.getAttribute('data-pin-matched')).toBe('2');
    expect(which.textContent!.trim()).toBe('Matches accepted identity 2 of 2.');
    const none = verdict({ status: 'mismatch', pin, pinCompared: 1, pinMatched: false, pinDifferences: [{ field: 'workflowPath', expected: '.github/workflows/publish.yml', actual: '.github/workflows/release.yml' }] });
    root = await mount(<PopupApp tabId={3} api={fakeApi([{ tabId: 3, page, verdict: none, pending: false }])} />, dom);
    await settle();
    expect(root.querySelector('.pin-which')!.getAttribute('data-pin-matched')).toBe('none');
    expect(root.querySelector('.pin-which')!.textContent).toBe('Matches none of the 2 accepted identities; the closest, identity 2, is shown.');
    // The table shows identity 2's fields, not identity 1's.
    expect(root.querySelector('tr[data-pin-field="repositoryUrl"] td')!.textContent).toBe('https://github.com/sigstore/sigstore-js');
  });

  it('Google publisher: the service account stands where the repository would', async () => {
    const google: Identity = { publisherKind: 'google', issuer: 'https://accounts.google.com', email: 'release@proj.iam.gserviceaccount.com' };
    const api = fakeApi([{ tabId: 3, page, verdict: verdict({ actualIdentity: google }, { identity: google }), pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(field(root, 'repository')!.textContent).toBe('release@proj.iam.gserviceaccount.com');
    expect(field(root, 'repository')!.querySelector('a')).toBeNull();
  });

  it('reusable workflow: the source repository, and the builder separately', async () => {
    const reusable: Identity = {
      ...identity,
      buildConfigUri: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
      buildSignerUri: 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.0.0',
    };
    const api = fakeApi([{ tabId: 3, page, verdict: verdict({ actualIdentity: reusable }), pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(field(root, 'repository')!.textContent).toBe('sigstore/sigstore-js');
    expect(root.textContent).toContain('Source repository');
    expect(root.textContent).toContain('slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.0.0');
  });

  it('PyPI: one row per file with its own status', async () => {
    const pypiPage = { ecosystem: 'pypi', package: 'sampleproject', version: '4.0.0' } as const;
    const partial = verdict(
      { status: 'partial' },
      {
        ecosystem: 'pypi',
        package: 'sampleproject',
        version: '4.0.0',
        status: 'partial',
        artifacts: [
          { name: 'sampleproject-4.0.0.tar.gz', digest: { algorithm: 'sha256', hex: '11'.repeat(32) }, status: 'verified', identity, attestations: [{ predicateType: 'https://docs.pypi.org/attestations/publish/v1', signer: 'certificate', tlog: [{ logIndex: '42', logId: 'x', rekorVersion: 1, kind: 'dsse', searchUrl: 'https://search.sigstore.dev/?logIndex=42' }] }] },
          { name: 'sampleproject-4.0.0-py3-none-any.whl', digest: { algorithm: 'sha256', hex: '22'.repeat(32) }, status: 'absent', attestations: [] },
        ],
      },
    );
    const api = fakeApi([{ tabId: 3, page: pypiPage, verdict: partial, pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    const rows = [...root.querySelectorAll('li.file')];
    expect(rows.map((r) => [r.getAttribute('data-file'), r.getAttribute('data-file-status')])).toEqual([
      ['sampleproject-4.0.0.tar.gz', 'verified'],
      ['sampleproject-4.0.0-py3-none-any.whl', 'absent'],
    ]);
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('https://search.sigstore.dev/?logIndex=42');
    expect(rows[1]!.textContent).toContain('No provenance');
  });

  it('never links hostile values: only https to known hosts, everything else as text', async () => {
    const hostile: Identity = {
      ...identity,
      repositoryUrl: 'javascript:alert(1)',
      workflowPath: '<img src=x onerror=alert(1)>',
      ref: '<script>alert(1)</script>',
    };
    const bad = verdict({ actualIdentity: hostile }, {
      identity: hostile,
      artifacts: [{ name: 'x', digest: { algorithm: 'sha512', hex: '00' }, status: 'verified', attestations: [{ predicateType: 'p', signer: 'certificate', tlog: [{ logIndex: '1', logId: 'x', rekorVersion: 1, kind: 'dsse', searchUrl: 'https://evil.example/?logIndex=1' }] }] }],
    });
    const api = fakeApi([{ tabId: 3, page, verdict: bad, pending: false }]);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(field(root, 'repository')!.textContent).toBe('javascript:alert(1)');
    for (const a of root.querySelectorAll('a')) {
      const href = a.getAttribute('href')!;
      expect(href === api.optionsUrl || /^https:\/\/(github\.com|gitlab\.com|search\.sigstore\.dev|pypi\.org|www\.npmjs\.com)\//.test(href)).toBe(true);
    }
    expect(field(root, 'logIndex')!.querySelector('a')).toBeNull();
  });

  it('explains a background failure instead of staying blank', async () => {
    const api = fakeApi([], { tabGet: vi.fn(async () => Promise.reject(new Error('Could not establish connection'))) as never });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('Could not establish connection');
  });
});

describe('PopupApp: provenance history', () => {
  const lost: Alert = {
    kind: 'provenance-lost',
    level: 'high',
    version: '5.0.1',
    previousVersion: '2.0.0',
    previousIdentity: { ...identity, workflowPath: '.github/workflows/release.yml' },
    message: '5.0.1 has no provenance, but 2.0.0 was verified as built by sigstore/sigstore-js (release.yml).',
  };
  const lostView: HistoryView = {
    version: '5.0.1',
    entries: [
      { version: '3.0.0', publishedAt: '2024-11-23T04:03:38.385Z', status: 'absent' },
      { version: '2.3.1', status: 'absent' },
      { version: '2.0.0', publishedAt: '2023-04-04T10:00:00.000Z', status: 'verified', identity },
      { version: '1.0.0', status: 'unchecked' },
    ],
    alerts: [lost],
    acknowledged: [],
  };
  const absent = () => verdict({ status: 'absent', actualIdentity: undefined }, { status: 'absent', version: '5.0.1', artifacts: [], identity: undefined });

  it('a staged release: the approver in the details and the timeline, labelled as the registry\'s unsigned claim', async () => {
    const api = fakeApi([{ tabId: 3, page, verdict: verdict({}, { version: '5.0.1', stagedApprover: 'bdehamer' }), pending: false }]);
    api.historyGet.mockResolvedValue({ version: '5.0.1', entries: [{ version: '5.0.0', status: 'verified', identity, stagedApprover: 'alice' }, { version: '4.0.0', status: 'verified', identity }], alerts: [], acknowledged: [] });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('[data-field="approver"]')!.textContent).toBe('approved by bdehamer \u2014 registry\u2019s claim, not signed');
    await until(() => root.querySelector('[data-timeline-version="5.0.0"]'));
    expect(root.querySelector('[data-timeline-version="5.0.1"] .tl-approver')!.textContent).toBe('approved by bdehamer \u2014 registry\u2019s claim, not signed');
    expect(root.querySelector('[data-timeline-version="5.0.0"] .tl-approver')!.getAttribute('data-timeline-approver')).toBe('alice');
    // A release published directly names no approver.
    expect(root.querySelector('[data-timeline-version="4.0.0"] .tl-approver')).toBeNull();
  });

  it('asks for the history only once the verdict is final, then shows the alert and the timeline', async () => {
    const api = fakeApi([
      { tabId: 3, page, pending: true },
      { tabId: 3, page, verdict: absent(), pending: false },
    ]);
    api.historyGet.mockResolvedValue(lostView);
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(api.historyGet).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 500));
    await settle();
    expect(api.historyGet).toHaveBeenCalledTimes(1);
    expect(api.historyGet).toHaveBeenCalledWith(page);

    const alert = await until(() => root.querySelector('[data-alert-kind="provenance-lost"]'));
    expect(alert.textContent).toContain('Provenance lost');
    expect(alert.textContent).toContain(lost.message);
    expect(alert.querySelector('[data-side="previous"]')!.textContent).toBe('2.0.0, built by sigstore/sigstore-js \u00B7 release.yml');
    expect(alert.querySelector('[data-side="current"]')!.textContent).toBe('5.0.1: no provenance');

    const rows = [...root.querySelectorAll('[data-timeline-version]')].map((r) => [r.getAttribute('data-timeline-version'), r.getAttribute('data-timeline-status')]);
    expect(rows).toEqual([
      ['5.0.1', 'absent'],
      ['3.0.0', 'absent'],
      ['2.3.1', 'absent'],
      ['2.0.0', 'verified'],
      ['1.0.0', 'unchecked'],
    ]);
    const row = (v: string) => root.querySelector(`[data-timeline-version="${v}"]`)!;
    expect(row('5.0.1').getAttribute('aria-current')).toBe('true');
    expect(row('5.0.1').getAttribute('data-timeline-alert')).toBe('provenance-lost');
    expect(row('5.0.1').textContent).toContain('provenance lost here');
    expect(row('2.0.0').textContent).toContain('last verified version');
    expect(row('2.0.0').textContent).toContain('sigstore/sigstore-js \u00B7 release.yml');
    expect(row('2.0.0').querySelector('time')!.getAttribute('datetime')).toBe('2023-04-04T10:00:00.000Z');
    expect(row('2.0.0').querySelector('time')!.textContent).toBe(localTime('2023-04-04T10:00:00.000Z', { precision: 'day' })!.text);
    expect(row('3.0.0').getAttribute('data-timeline-alert')).toBeNull();
    expect(row('3.0.0').textContent).toContain('No provenance');
    expect(row('1.0.0').textContent).toContain('Not checked');
    expect(row('1.0.0').querySelector('.pv-icon-unchecked')).not.toBeNull();
  });

  it('acknowledges for this version or for every version, then lists the alert as acknowledged', async () => {
    for (const scope of ['version', 'package'] as const) {
      const api = fakeApi([{ tabId: 3, page, verdict: absent(), pending: false }]);
      api.historyGet.mockResolvedValueOnce(lostView).mockResolvedValueOnce({ ...lostView, alerts: [], acknowledged: [lost] });
      const root = await mount(<PopupApp tabId={3} api={api} />, dom);
      await settle();
      const group = await until(() => root.querySelector('[data-alert-kind="provenance-lost"] [role="group"]'));
      expect(group.getAttribute('aria-label')).toContain('Acknowledge');
      await click(group.querySelector(`button[data-ack-scope="${scope}"]`), dom);
      await until(() => root.querySelector('details.acknowledged'));
      const expected: Omit<Acknowledgement, 'at'> = { ecosystem: 'npm', package: 'sigstore', kind: 'provenance-lost', ...(scope === 'version' ? { version: '5.0.1' } : {}) };
      expect(api.acknowledge).toHaveBeenCalledWith(expected);
      expect(api.historyGet).toHaveBeenCalledTimes(2);
      expect(root.querySelector('[data-alert-kind]')).toBeNull();
      const done = root.querySelector('details.acknowledged')!;
      expect(done.hasAttribute('open')).toBe(false);
      expect(done.querySelector('[data-acknowledged-kind="provenance-lost"]')!.textContent).toContain('5.0.1');
      expect(root.querySelector('.notice')!.textContent).toContain(scope === 'version' ? 'Provenance lost for version 5.0.1 of sigstore' : 'Provenance lost for every version of sigstore');
      // The timeline no longer points at an acknowledged alert.
      expect(root.querySelector('[data-timeline-alert]')).toBeNull();
    }
  });

  it('publisher-changed: previous and current identity side by side, the changed fields marked', async () => {
    const previous: Identity = { ...identity, workflowPath: '.github/workflows/publish.yml', ref: 'refs/tags/v1.0.0' };
    const current: Identity = { ...identity, workflowPath: '.github/workflows/release.yml' };
    const changed: Alert = {
      kind: 'publisher-changed',
      level: 'medium',
      version: '2.0.0',
      previousVersion: '1.0.0',
      previousIdentity: previous,
      identity: current,
      changed: ['workflowPath'],
      message: '2.0.0 was built by sigstore/sigstore-js (release.yml); 1.0.0 by sigstore/sigstore-js (publish.yml).',
    };
    const api = fakeApi([{ tabId: 3, page: { ...page, version: '2.0.0' }, verdict: verdict({ actualIdentity: current }, { version: '2.0.0', identity: current }), pending: false }]);
    api.historyGet.mockResolvedValue({ version: '2.0.0', entries: [{ version: '1.0.0', status: 'verified', identity: previous }], alerts: [changed], acknowledged: [] });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    const alert = await until(() => root.querySelector('[data-alert-kind="publisher-changed"]'));
    expect(alert.textContent).toContain('Publisher changed');
    const workflow = alert.querySelector('tr[data-compare-field="workflowPath"]')!;
    expect(workflow.classList.contains('differs')).toBe(true);
    expect(workflow.textContent).toContain('changed');
    expect(workflow.querySelector('[data-side="previous"]')!.textContent).toBe('.github/workflows/publish.yml');
    expect(workflow.querySelector('[data-side="current"]')!.textContent).toBe('.github/workflows/release.yml');
    expect(alert.querySelector('tr[data-compare-field="repositoryUrl"]')!.classList.contains('same')).toBe(true);
    expect(alert.querySelector('tr[data-compare-field="ref"]')!.getAttribute('data-compare-state')).toBe('differs');
    expect(alert.querySelector('tr[data-compare-field="ref"]')!.textContent).toContain('not a publisher change');
    expect([...alert.querySelectorAll('thead th')].map((t) => t.textContent)).toEqual(['Field', '1.0.0 (before)', '2.0.0 (this version)']);
    expect(root.querySelector('[data-timeline-version="2.0.0"]')!.textContent).toContain('new publisher');
    expect(root.querySelector('[data-timeline-version="1.0.0"]')!.textContent).toContain('previous publisher');
  });

  it('mixed publishers in one PyPI release: each file names who built it, the foreign one is flagged, the alert compares inside the release', async () => {
    const pypiPage = { ecosystem: 'pypi', package: 'pypi-attestations', version: '0.0.21' } as const;
    const legit: Identity = { ...identity, repositoryUrl: 'https://github.com/trailofbits/pypi-attestations', repositoryId: '772247423' };
    const foreign: Identity = { ...identity, repositoryUrl: 'https://github.com/evil/fork', repositoryId: '1' };
    const file = (name: string, id: Identity) => ({ name, digest: { algorithm: 'sha256' as const, hex: '11'.repeat(32) }, status: 'verified' as const, identity: id, attestations: [] });
    const mixed = verdict(
      { actualIdentity: undefined },
      { ecosystem: 'pypi', package: 'pypi-attestations', version: '0.0.21', identity: undefined, artifacts: [file('pypi_attestations-0.0.21.tar.gz', legit), file('pypi_attestations-0.0.21-py3-none-any.whl', foreign)] },
    );
    const alert: Alert = {
      kind: 'publisher-changed',
      level: 'high',
      version: '0.0.21',
      previousIdentity: legit,
      identity: foreign,
      changed: ['repositoryId', 'repositoryUrl'],
      files: ['pypi_attestations-0.0.21-py3-none-any.whl'],
      message: 'The files of 0.0.21 were built by different publishers.',
    };
    const api = fakeApi([{ tabId: 3, page: pypiPage, verdict: mixed, pending: false }]);
    api.historyGet.mockResolvedValue({ version: '0.0.21', entries: [], alerts: [alert], acknowledged: [] });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    const shown = await until(() => root.querySelector('[data-alert-kind="publisher-changed"]'));
    expect([...shown.querySelectorAll('thead th')].map((t) => t.textContent)).toEqual(['Field', 'Other files', 'Flagged files']);
    expect(shown.querySelector('[data-alert-files]')!.textContent).toContain('pypi_attestations-0.0.21-py3-none-any.whl');
    await until(() => root.querySelector('li.file[data-file-flagged]'));
    const rows = [...root.querySelectorAll('li.file')];
    expect(rows.map((r) => [r.getAttribute('data-file'), r.getAttribute('data-file-flagged'), r.querySelector('[data-file-identity]')?.textContent])).toEqual([
      ['pypi_attestations-0.0.21.tar.gz', null, 'built by trailofbits/pypi-attestations \u00B7 release.yml'],
      ['pypi_attestations-0.0.21-py3-none-any.whl', 'publisher-changed', '\u26A0 another publisher: evil/fork \u00B7 release.yml'],
    ]);
  });

  it('self-hosted runner: names the build and the runner', async () => {
    const selfHosted: Identity = { ...identity, runnerEnvironment: 'self-hosted' };
    const api = fakeApi([{ tabId: 3, page, verdict: verdict({ actualIdentity: selfHosted }, { identity: selfHosted }), pending: false }]);
    api.historyGet.mockResolvedValue({
      version: '3.0.0',
      entries: [],
      alerts: [{ kind: 'self-hosted-runner', level: 'medium', version: '3.0.0', identity: selfHosted, message: '3.0.0 was built on a self-hosted runner.' }],
      acknowledged: [],
    });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    const alert = await until(() => root.querySelector('[data-alert-kind="self-hosted-runner"]'));
    expect(alert.textContent).toContain('Built on a self-hosted runner');
    expect(alert.textContent).toContain('sigstore/sigstore-js \u00B7 release.yml');
    expect(alert.textContent).toContain('self-hosted');
    expect(root.textContent).toContain('No earlier versions to compare with yet.');
  });

  it('does not ask for the history of an error, and says so when the history cannot be read', async () => {
    const failing = fakeApi([{ tabId: 3, page, verdict: verdict({ status: 'error' }, { status: 'error', code: 'TIMEOUT' }), pending: false }]);
    const errorRoot = await mount(<PopupApp tabId={3} api={failing} />, dom);
    await until(() => errorRoot.querySelector('main[data-status="error"]'));
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(failing.historyGet).not.toHaveBeenCalled();

    const api = fakeApi([{ tabId: 3, page, verdict: verdict(), pending: false }]);
    api.historyGet.mockRejectedValue(new Error('registry unreachable'));
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('main')!.getAttribute('data-status')).toBe('verified');
    const timeline = await until(() => root.querySelector('.timeline:not([aria-busy])'));
    expect(timeline.textContent).toContain('Could not check earlier versions: registry unreachable');
  });

  it('history values are text, never markup', async () => {
    const hostile: Alert = { ...lost, message: '<img src=x onerror=alert(1)>', previousIdentity: { ...identity, repositoryUrl: 'https://github.com/<b>x</b>/y' } };
    const api = fakeApi([{ tabId: 3, page, verdict: absent(), pending: false }]);
    api.historyGet.mockResolvedValue({ ...lostView, alerts: [hostile], entries: [{ version: '<script>1</script>', status: 'verified', identity }] });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await until(() => root.querySelector('[data-alert-kind]'));
    expect(root.querySelector('img, script, b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('PopupApp: a registry that is off', () => {
  const offStates = [
    { ecosystem: 'rubygems', label: 'RubyGems', origins: ['https://rubygems.org/*'], on: false },
    { ecosystem: 'github', label: 'GitHub releases', origins: ['https://github.com/*', 'https://api.github.com/*'], on: true },
    { ecosystem: 'homebrew', label: 'Homebrew', origins: ['https://formulae.brew.sh/*'], on: false },
  ] as const;

  it('on a tab of its site: says in words that its checks are off, shows no status, and opens the options page at its switch', async () => {
    const openRegistrySettings = vi.fn(async () => {});
    const api = fakeApi([{ tabId: 3, pending: false, registryOff: 'rubygems' }], { openRegistrySettings });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await settle();
    expect(root.querySelector('main')?.getAttribute('data-status')).toBe('registry-off');
    const section = root.querySelector('[data-registry-off="rubygems"]')!;
    expect(section.querySelector('h2')?.textContent).toBe('RubyGems is off in Provenant');
    expect(section.textContent).toContain('This tab is on rubygems.org. Provenant\u2019s RubyGems checks are off');
    // No verdict words and nothing to check again: the worker answered no page.
    expect(root.querySelector('[role="status"]')).toBeNull();
    expect(root.textContent).not.toContain('Check again');
    expect(api.recheck).not.toHaveBeenCalled();
    const button = section.querySelector('button')!;
    expect(button.textContent).toBe('Turn on RubyGems in the options');
    await click(button, dom);
    expect(openRegistrySettings).toHaveBeenCalledWith('rubygems');
  });

  it('on a tab it cannot place: names the registries that are off and opens the switches, without calling the tab one of theirs', async () => {
    const openRegistrySettings = vi.fn(async () => {});
    const api = fakeApi([{ tabId: 3, pending: false }], { openRegistrySettings, listRegistries: vi.fn(async () => offStates.map((s) => ({ ...s, origins: [...s.origins] }))) });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    const section = await until(() => root.querySelector('[data-registries-off]'));
    expect(section.getAttribute('data-registries-off')).toBe('rubygems homebrew');
    expect(section.textContent).toContain('Provenant\u2019s RubyGems and Homebrew checks are off until you turn them on. It cannot see pages on rubygems.org or formulae.brew.sh meanwhile');
    expect(section.textContent).not.toContain('GitHub');
    await click(section.querySelector('button'), dom);
    expect(openRegistrySettings).toHaveBeenCalledWith(undefined);
  });

  it('says nothing of registries when every one is on', async () => {
    const api = fakeApi([{ tabId: 3, pending: false }], { openRegistrySettings: vi.fn(), listRegistries: vi.fn(async () => offStates.map((s) => ({ ...s, origins: [...s.origins], on: true }))) });
    const root = await mount(<PopupApp tabId={3} api={api} />, dom);
    await until(() => (api.listRegistries as Fn).mock.calls.length > 0);
    await settle(10);
    expect(root.textContent).toContain('This tab is not a package page');
    expect(root.querySelector('[data-registries-off]')).toBeNull();
  });
});
