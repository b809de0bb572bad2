import { describe, expect, it } from 'vitest';
import { readPanelVerdict, requestOpenPopup, requestPanelDetails } from '../../lib/content/panel-verdict';
import { verdictSchema, type Verdict } from '../../lib/policy/verdict';
import { SIGSTORE_1_0_0_IDENTITY } from '../support/identities';

const identity = SIGSTORE_1_0_0_IDENTITY;

const verdict: Verdict = verdictSchema.parse({
  status: 'verified',
  pinDifferences: [],
  actualIdentity: identity,
  report: {
    ecosystem: 'npm',
    package: 'sigstore',
    version: '1.0.0',
    status: 'verified',
    checkedAt: '2026-12-06T07:00:00.000Z',
    identity,
    artifacts: [
      {
        name: 'pkg:npm/sigstore@1.0.0',
        digest: { algorithm: 'sha512', hex: 'ab' },
        status: 'verified',
        identity,
        attestations: [
          {
            predicateType: 'https://slsa.dev/provenance/v0.2',
            signer: 'certificate',
            signedAt: '2023-02-10T21:05:47.000Z',
            tlog: [{ logIndex: '12988397', logId: 'wNI9', rekorVersion: 1, kind: 'intoto', integratedTime: '2023-02-10T21:05:47.000Z', searchUrl: 'https://search.sigstore.dev/?logIndex=12988397' }],
          },
        ],
      },
    ],
  },
});

describe('readPanelVerdict', () => {
  it('keeps every field of a verdict the protocol accepts', () => {
    expect(readPanelVerdict(JSON.parse(JSON.stringify(verdict)))).toEqual(verdict);
  });

  it('keeps a pin and its differences for the comparison', () => {
    const mismatch = { ...verdict, status: 'mismatch', pin: { ecosystem: 'npm', package: 'sigstore', identities: [{ repositoryUrl: 'https://github.com/evil/x' }], source: 'manual', createdAt: 'c' }, pinCompared: 0, pinMatched: false, pinDifferences: [{ field: 'repositoryUrl', expected: 'https://github.com/evil/x', actual: identity.repositoryUrl }] };
    const read = readPanelVerdict(mismatch)!;
    expect(read.status).toBe('mismatch');
    expect(read.pin?.identities[0]?.repositoryUrl).toBe('https://github.com/evil/x');
    expect(read).toMatchObject({ pinCompared: 0, pinMatched: false });
    expect(read.pinDifferences).toEqual(mismatch.pinDifferences);
  });

  it('drops fields of the wrong type instead of passing them on', () => {
    const odd = JSON.parse(JSON.stringify(verdict));
    odd.actualIdentity.commit = { toString: 'x' };
    odd.actualIdentity.issuer = 42;
    odd.report.artifacts.push({ name: 'x', status: 'owned', digest: { algorithm: 'sha256', hex: '00' }, attestations: [] });
    odd.report.artifacts[0].attestations[0].tlog.push({ logIndex: '1' });
    const read = readPanelVerdict(odd)!;
    expect(read.actualIdentity?.commit).toBeUndefined();
    expect(read.actualIdentity?.issuer).toBeUndefined();
    expect(read.report.artifacts).toHaveLength(1);
    expect(read.report.artifacts[0]!.attestations[0]!.tlog).toHaveLength(1);
  });

  it.each([
    ['an unknown status', { ...verdict, status: 'trusted' }],
    ['no report', { ...verdict, report: undefined }],
    ['a report of another registry', { ...verdict, report: { ...verdict.report, ecosystem: 'cargo' } }],
    ['not an object', 'verified'],
  ])('refuses %s', (_n, raw) => {
    expect(readPanelVerdict(raw)).toBeUndefined();
  });
});

describe('the panel\u2019s requests', () => {
  const page = { ecosystem: 'npm' as const, package: 'sigstore', version: '1.0.0' };

  it('asks for the verdict and the history, and keeps the verdict when the history fails', async () => {
    const asked: string[] = [];
    const details = await requestPanelDetails(async (m) => {
      asked.push(m.type);
      if (m.type === 'history/get') return { ok: false, error: { code: 'INTERNAL', message: 'x' } };
      return { ok: true, value: verdict };
    }, page);
    expect(asked).toEqual(['verdict/get', 'history/get']);
    expect(details).toEqual({ verdict, alerts: [] });
  });

  it('reads the alerts of the history', async () => {
    const details = await requestPanelDetails(async (m) =>
      m.type === 'history/get'
        ? { ok: true, value: { version: '1.0.0', entries: [], acknowledged: [], alerts: [{ kind: 'provenance-lost', version: '1.0.0', message: 'Earlier versions had provenance.' }, { kind: 3 }] } }
        : { ok: true, value: verdict },
    page);
    expect(details.alerts).toEqual([{ kind: 'provenance-lost', version: '1.0.0', message: 'Earlier versions had provenance.' }]);
  });

  it.each([
    ['opened', { ok: true, value: { opened: true } }, true],
    ['no focused window', { ok: true, value: { opened: false, reason: 'NO_FOCUSED_WINDOW' } }, false],
    ['rate-limited', { ok: false, error: { code: 'RATE_LIMITED', message: 'm' } }, false],
    ['nonsense', { ok: true, value: 'yes' }, false],
  ])('details/open %s → popup opened: %s', async (_n, answer, opened) => {
    const sent: unknown[] = [];
    expect(await requestOpenPopup(async (m) => (sent.push(m), answer), page)).toBe(opened);
    expect(sent).toEqual([{ type: 'details/open', page }]);
  });

  it('details/open when the worker is away: the panel', async () => {
    expect(await requestOpenPopup(async () => Promise.reject(new Error('Could not establish connection')), page)).toBe(false);
  });
});
