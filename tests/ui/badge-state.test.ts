import { describe, expect, it, vi } from 'vitest';
import { addAlerts, applyFailure, applyVerdict, hostAttributes, initialView, RETRY_DELAYS_MS, retryDelay, SLOW_RETRY_MS, type BadgeView } from '../../lib/content/badge-state';
import { readBadgeVerdict, requestBadgeVerdict, requestHistoryAlerts, type BadgeVerdict } from '../../lib/content/badge-verdict';
import { requestSchema } from '../../lib/messages/protocol';
import type { PackagePage } from '../../lib/pages/package-page';
import { registryPage } from '../../lib/registries/known';
import { verdictSchema, type BadgeStatus, type Verdict } from '../../lib/policy/verdict';

// What each content script passes: its registry's page part's normalizeName.
const attrs = (view: BadgeView) => hostAttributes(view, registryPage(view.page.ecosystem).normalizeName);

const npmPage: PackagePage = { ecosystem: 'npm', package: '@sigstore/verify' };
const pypiPage: PackagePage = { ecosystem: 'pypi', package: 'Flask_SQLAlchemy', version: '3.1.1' };

const answer = (status: BadgeStatus, version = '2.1.0'): BadgeVerdict => ({ status, version, identity: undefined, message: undefined });

describe('badge state', () => {
  it('starts pending with the URL\u2019s version, or an empty one', () => {
    expect(initialView(npmPage)).toMatchObject({ status: 'pending', version: '' });
    expect(initialView(pypiPage)).toMatchObject({ status: 'pending', version: '3.1.1' });
  });

  it('takes the verdict\u2019s resolved version on a page whose URL names none', () => {
    expect(applyVerdict(initialView(npmPage), answer('verified', '2.1.0')).version).toBe('2.1.0');
  });

  it('keeps the URL\u2019s version when the verdict could not resolve one', () => {
    expect(applyVerdict(initialView(pypiPage), answer('error', '')).version).toBe('3.1.1');
  });

  const finals: BadgeStatus[] = ['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch'];

  it.each(finals)('a final %s never flips to another status on the same page', (status) => {
    const settled = applyVerdict(initialView(npmPage), answer(status));
    for (const other of [...finals, 'error', 'pending'] as BadgeStatus[]) {
      expect(applyVerdict(settled, answer(other, '9.9.9'))).toBe(settled);
    }
    expect(applyFailure(settled, 'worker went away')).toBe(settled);
  });

  it('lets an error be replaced by the next answer', () => {
    const failed = applyFailure(initialView(npmPage), 'Could not establish connection');
    expect(failed.status).toBe('error');
    expect(applyVerdict(failed, answer('error')).status).toBe('error');
    expect(applyVerdict(applyVerdict(failed, answer('error')), answer('verified')).status).toBe('verified');
  });

  it('retries errors with growing delays, then every five minutes while the page is open', () => {
    let view: BadgeView = initialView(npmPage);
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < RETRY_DELAYS_MS.length + 2; i++) {
      view = i % 2 ? applyFailure(view, 'no answer') : applyVerdict(view, answer('error'));
      delays.push(retryDelay(view));
    }
    expect(delays).toEqual([...RETRY_DELAYS_MS, SLOW_RETRY_MS, SLOW_RETRY_MS]);
    expect(delays.every((d, i) => i === 0 || d! >= delays[i - 1]!)).toBe(true);
  });

  it('does not retry anything but an error', () => {
    expect(retryDelay(initialView(npmPage))).toBeUndefined();
    expect(retryDelay(applyVerdict(initialView(npmPage), answer('absent')))).toBeUndefined();
  });
});

describe('history alerts', () => {
  it('are added to a final badge without changing its status', () => {
    const settled = applyVerdict(initialView(npmPage), answer('absent', '5.0.1'));
    const alerted = addAlerts(settled, ['provenance-lost']);
    expect(alerted.status).toBe('absent');
    expect(attrs(alerted)['data-alert']).toBe('provenance-lost');
    expect(attrs(addAlerts(alerted, ['provenance-lost', 'self-hosted-runner']))['data-alert']).toBe('provenance-lost self-hosted-runner');
  });

  it('carry the highest level as data-alert-level: medium, then high, never lowered', () => {
    const settled = applyVerdict(initialView(npmPage), answer('verified', '5.0.1'));
    expect(attrs(settled)['data-alert-level']).toBe('');
    const medium = addAlerts(settled, ['self-hosted-runner'], 'medium');
    expect(attrs(medium)['data-alert-level']).toBe('medium');
    const high = addAlerts(medium, ['publisher-changed'], 'high');
    expect(attrs(high)).toMatchObject({ 'data-status': 'verified', 'data-alert': 'self-hosted-runner publisher-changed', 'data-alert-level': 'high' });
    expect(attrs(addAlerts(high, ['self-hosted-runner'], 'medium'))['data-alert-level']).toBe('high');
  });

  it('adding nothing new keeps the same view', () => {
    const view = addAlerts(initialView(npmPage), ['publisher-changed']);
    expect(addAlerts(view, ['publisher-changed'])).toBe(view);
    expect(addAlerts(view, [])).toBe(view);
  });
});

describe('host attributes (automation contract)', () => {
  it('are all present from the start', () => {
    expect(attrs(initialView(npmPage))).toEqual({
      'data-status': 'pending',
      'data-ecosystem': 'npm',
      'data-package': '@sigstore/verify',
      'data-version': '',
      'data-alert': '',
      'data-alert-level': '',
    });
  });

  it('use the PEP 503 name on PyPI and follow the verdict', () => {
    const view = addAlerts(applyVerdict(initialView(pypiPage), answer('mismatch', '3.1.1')), ['identity-changed', 'new-publisher']);
    expect(attrs(view)).toEqual({
      'data-status': 'mismatch',
      'data-ecosystem': 'pypi',
      'data-package': 'flask-sqlalchemy',
      'data-version': '3.1.1',
      'data-alert': 'identity-changed new-publisher',
      'data-alert-level': 'high',
    });
  });
});

const fullVerdict = (overrides: Partial<Verdict> = {}): Verdict =>
  verdictSchema.parse({
    status: 'verified',
    report: {
      ecosystem: 'npm',
      package: 'sigstore',
      version: '3.0.0',
      status: 'verified',
      artifacts: [],
      identity: { publisherKind: 'github', repositoryUrl: 'https://github.com/sigstore/sigstore-js', workflowPath: '.github/workflows/release.yml', commit: 'a'.repeat(40) },
      checkedAt: '2026-01-01T00:00:00.000Z',
    },
    pinDifferences: [],
    actualIdentity: { publisherKind: 'github', repositoryUrl: 'https://github.com/sigstore/sigstore-js', workflowPath: '.github/workflows/release.yml' },
    ...overrides,
  });

describe('readBadgeVerdict', () => {
  it('reads every verdict the protocol accepts', () => {
    expect(readBadgeVerdict(fullVerdict())).toEqual({
      status: 'verified',
      version: '3.0.0',
      identity: { publisherKind: 'github', repositoryUrl: 'https://github.com/sigstore/sigstore-js', workflowPath: '.github/workflows/release.yml' },
      message: undefined,
    });
    for (const status of verdictSchema.shape.status.options) {
      expect(readBadgeVerdict(fullVerdict({ status }))?.status).toBe(status);
    }
  });

  it('keeps only the identity fields the badge shows', () => {
    const raw = fullVerdict({ actualIdentity: undefined });
    expect(readBadgeVerdict(raw)?.identity).toEqual({
      publisherKind: 'github',
      repositoryUrl: 'https://github.com/sigstore/sigstore-js',
      workflowPath: '.github/workflows/release.yml',
    });
  });

  it.each<[string, unknown]>([
    ['not an object', 'verified'],
    ['null', null],
    ['unknown status', { ...fullVerdict(), status: 'great' }],
    ['inherited key as status', { ...fullVerdict(), status: 'toString' }],
    ['no report', { ...fullVerdict(), report: undefined }],
    ['version not a string', { ...fullVerdict(), report: { ...fullVerdict().report, version: 3 } }],
  ])('refuses %s', (_name, raw) => {
    expect(readBadgeVerdict(raw)).toBeUndefined();
  });

  it('drops an identity without a kind and over-long values', () => {
    const raw = {
      ...fullVerdict(),
      actualIdentity: { publisherKind: 7, repositoryUrl: 'https://github.com/evil/x' },
      report: { ...fullVerdict().report, identity: { publisherKind: 'github', repositoryUrl: 'x'.repeat(5000), workflowPath: 'a.yml' } },
    };
    const read = readBadgeVerdict(raw);
    expect(read?.identity).toEqual({ publisherKind: 'github', workflowPath: 'a.yml' }); // the report's, without the oversized URL
  });
});

describe('requestBadgeVerdict', () => {
  it('sends a protocol-valid verdict/get and unwraps the envelope', async () => {
    const sendMessage = vi.fn(async () => ({ ok: true, value: fullVerdict() }));
    await expect(requestBadgeVerdict(sendMessage, npmPage, false)).resolves.toMatchObject({ status: 'verified', version: '3.0.0' });
    await requestBadgeVerdict(sendMessage, npmPage, true);
    const [first, second] = sendMessage.mock.calls.map((c) => (c as unknown[])[0]);
    expect(first).toEqual({ type: 'verdict/get', page: npmPage });
    expect(second).toEqual({ type: 'verdict/get', page: npmPage, retry: true });
    expect(requestSchema.safeParse(first).success).toBe(true);
    expect(requestSchema.safeParse(second).success).toBe(true);
  });

  it('throws the background\u2019s refusal', async () => {
    const refused = async () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'pins/list is not allowed from this sender' } });
    await expect(requestBadgeVerdict(refused, npmPage, false)).rejects.toThrow('not allowed');
  });

  it('history/get: a protocol-valid request, answered with the alert kinds', async () => {
    const alert = (kind: string, level = 'high') => ({ kind, level, version: '5.0.1', message: `${kind} happened` });
    const sendMessage = vi.fn(async () => ({
      ok: true,
      value: { version: '5.0.1', entries: [], alerts: [alert('provenance-lost'), alert('provenance-lost'), alert('bad kind!'), 'x'], acknowledged: [alert('publisher-changed')] },
    }));
    await expect(requestHistoryAlerts(sendMessage, npmPage)).resolves.toEqual({ kinds: ['provenance-lost'], level: 'high' });
    const medium = async () => ({ ok: true, value: { version: '5.0.1', entries: [], alerts: [alert('publisher-changed', 'medium')], acknowledged: [] } });
    await expect(requestHistoryAlerts(medium, npmPage)).resolves.toEqual({ kinds: ['publisher-changed'], level: 'medium' });
    // A level the badge does not know never makes an alert quieter.
    const odd = async () => ({ ok: true, value: { version: '5.0.1', entries: [], alerts: [alert('publisher-changed', 'low')], acknowledged: [] } });
    await expect(requestHistoryAlerts(odd, npmPage)).resolves.toEqual({ kinds: ['publisher-changed'], level: 'high' });
    await expect(requestHistoryAlerts(async () => ({ ok: true, value: { version: '5.0.1', entries: [], alerts: [], acknowledged: [] } }), npmPage)).resolves.toEqual({ kinds: [], level: undefined });
    const sent = (sendMessage.mock.calls[0] as unknown[])[0];
    expect(sent).toEqual({ type: 'history/get', page: npmPage });
    expect(requestSchema.safeParse(sent).success).toBe(true);
    await expect(requestHistoryAlerts(async () => ({ ok: true, value: {} }), npmPage)).rejects.toThrow();
  });

  it.each([undefined, {}, { ok: true }, { ok: true, value: { status: 'verified' } }])('throws on a malformed answer %j', async (raw) => {
    await expect(requestBadgeVerdict(async () => raw, npmPage, false)).rejects.toThrow();
  });
});
