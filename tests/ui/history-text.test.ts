import { describe, expect, it } from 'vitest';
import type { Alert } from '../../lib/history/alerts';
import type { HistoryView } from '../../lib/messages/protocol';
import type { Identity } from '../../lib/report/model';
import { ackFor, ackKey, alertTitle, changedFields, comparedIdentities, describeAck, timelineRows, validTime, timelineStatusWords } from '../../lib/ui/history-text';

const gh = (workflow: string): Identity => ({
  publisherKind: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  repositoryUrl: 'https://github.com/sigstore/sigstore-js',
  repositoryId: '495574555',
  workflowPath: `.github/workflows/${workflow}`,
});

describe('timelineRows', () => {
  const view: HistoryView = {
    version: '5.0.1',
    entries: [
      { version: '3.0.0', status: 'absent', publishedAt: '2024-11-23T04:03:38.385Z' },
      { version: '2.0.0', status: 'verified', identity: gh('release.yml') },
      { version: '1.0.0', status: 'unchecked', identity: gh('publish.yml') },
    ],
    alerts: [{ kind: 'provenance-lost', level: 'high', version: '5.0.1', previousVersion: '2.0.0', message: 'm' }],
    acknowledged: [],
  };

  it('puts the current release first, then the earlier versions in the order given', () => {
    const rows = timelineRows(view, { status: 'absent', identity: undefined });
    expect(rows.map((r) => [r.version, r.status, r.current])).toEqual([
      ['5.0.1', 'absent', true],
      ['3.0.0', 'absent', false],
      ['2.0.0', 'verified', false],
      ['1.0.0', 'unchecked', false],
    ]);
    expect(rows[1]!.publishedAt).toBe('2024-11-23T04:03:38.385Z');
    expect(rows[2]!.publishedAt).toBeUndefined();
  });

  it('names the builder only of releases that verified', () => {
    const rows = timelineRows(view, { status: 'absent', identity: gh('x.yml') });
    expect(rows.map((r) => r.identity)).toEqual([undefined, undefined, 'sigstore/sigstore-js \u00B7 release.yml', undefined]);
    expect(timelineRows(view, { status: 'mismatch', identity: gh('x.yml') })[0]!.identity).toBe('sigstore/sigstore-js \u00B7 x.yml');
  });

  it('marks the version an alert is about and the one it compares with', () => {
    const rows = timelineRows(view, { status: 'absent', identity: undefined });
    expect(rows[0]!.marks).toEqual([{ kind: 'provenance-lost', role: 'here', text: 'provenance lost here' }]);
    expect(rows[2]!.marks).toEqual([{ kind: 'provenance-lost', role: 'before', text: 'last verified version' }]);
    expect(rows[1]!.marks).toEqual([]);
  });

  it('marks nothing for acknowledged alerts or versions outside the window', () => {
    const acknowledged = { ...view, alerts: [], acknowledged: view.alerts };
    expect(timelineRows(acknowledged, { status: 'absent', identity: undefined }).flatMap((r) => r.marks)).toEqual([]);
    const elsewhere = { ...view, alerts: [{ kind: 'publisher-changed' as const, level: 'medium' as const, version: '5.0.1', previousVersion: '0.9.0', message: 'm' }] };
    expect(timelineRows(elsewhere, { status: 'verified', identity: undefined }).flatMap((r) => r.marks.map((m) => m.role))).toEqual(['here']);
    // The row's outline follows the highest level pointing at it.
    expect(timelineRows(elsewhere, { status: 'verified', identity: undefined }).map((r) => r.alertLevel)).toEqual(['medium', undefined, undefined, undefined]);
  });
});

describe('comparedIdentities', () => {
  const alert: Pick<Alert, 'previousIdentity' | 'identity' | 'changed'> = {
    previousIdentity: gh('publish.yml'),
    identity: { ...gh('release.yml'), ownerId: '71096353' },
    changed: ['workflowPath'],
  };

  it('one row per field either side names, in a fixed order, each marked with how it compares', () => {
    expect(comparedIdentities(alert)).toEqual([
      { field: 'repositoryUrl', label: 'Repository', previous: 'https://github.com/sigstore/sigstore-js', current: 'https://github.com/sigstore/sigstore-js', state: 'same' },
      { field: 'repositoryId', label: 'Repository id', previous: '495574555', current: '495574555', state: 'same' },
      { field: 'ownerId', label: 'Owner id', previous: undefined, current: '71096353', state: 'missing' },
      { field: 'workflowPath', label: 'Workflow', previous: '.github/workflows/publish.yml', current: '.github/workflows/release.yml', state: 'changed' },
      { field: 'issuer', label: 'Issuer', previous: 'https://token.actions.githubusercontent.com', current: 'https://token.actions.githubusercontent.com', state: 'same' },
    ]);
  });

  it('a difference the alert does not count (a new ref every release) is not called a change', () => {
    const rows = comparedIdentities({ previousIdentity: { ...gh('a.yml'), ref: 'refs/tags/v1.0.0' }, identity: { ...gh('a.yml'), ref: 'refs/heads/main', repositoryUrl: 'https://github.com/Sigstore/sigstore-js' }, changed: [] });
    expect(rows.find((r) => r.field === 'ref')!.state).toBe('differs');
    // Repository URLs compare without case, as the alert does.
    expect(rows.find((r) => r.field === 'repositoryUrl')!.state).toBe('same');
  });

  it('is empty when neither identity is known', () => {
    expect(comparedIdentities({})).toEqual([]);
  });
});

describe('acknowledgements', () => {
  const alert = { kind: 'provenance-lost' as const, version: '5.0.1' };
  const release = { ecosystem: 'npm' as const, package: '@scope/pkg' };

  it.each([
    ['version', { ecosystem: 'npm', package: '@scope/pkg', kind: 'provenance-lost', version: '5.0.1' }, 'Provenance lost for version 5.0.1 of @scope/pkg', 'npm:@scope/pkg:provenance-lost:5.0.1'],
    ['package', { ecosystem: 'npm', package: '@scope/pkg', kind: 'provenance-lost' }, 'Provenance lost for every version of @scope/pkg', 'npm:@scope/pkg:provenance-lost:*'],
  ] as const)('scope %s', (scope, expected, words, key) => {
    const ack = ackFor(alert, release, scope);
    expect(ack).toEqual(expected);
    expect('version' in ack).toBe(scope === 'version');
    expect(describeAck(ack)).toBe(words);
    expect(ackKey(ack)).toBe(key);
  });
});

describe('words', () => {
  it.each([
    ['provenance-lost', 'Provenance lost'],
    ['publisher-changed', 'Publisher changed'],
    ['self-hosted-runner', 'Built on a self-hosted runner'],
    ['something-new', 'something-new'],
    ['__proto__', '__proto__'],
  ])('alertTitle(%s)', (kind, title) => {
    expect(alertTitle(kind)).toBe(title);
  });

  it('timeline statuses', () => {
    expect(timelineStatusWords('unchecked')).toBe('Not checked');
    expect(timelineStatusWords('verified')).toBe('Provenance verified');
    expect(timelineStatusWords('absent')).toBe('No provenance');
  });

  it.each([
    ['2024-11-23T04:03:38.385Z', '2024-11-23T04:03:38.385Z'],
    // PyPI's upload times carry microseconds and an offset: the same instant, in UTC.
    ['2024-06-25T22:11:13.142000+00:00', '2024-06-25T22:11:13.142Z'],
    ['2024-06-26T07:11:13+09:00', '2024-06-25T22:11:13.000Z'],
    ['not a date', undefined],
    [undefined, undefined],
  ])('validTime(%s)', (iso, utc) => {
    expect(validTime(iso)).toBe(utc);
  });
});

describe('changedFields', () => {
  it('only the fields that changed, with their values before and now; the ref pattern shows the refs, the builder its URI', () => {
    const before: Identity = { publisherKind: 'github', repositoryUrl: 'https://github.com/o/r', workflowPath: '.github/workflows/release.yml', ref: 'refs/tags/v1', trigger: 'release', buildSignerUri: 'https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1' };
    const after: Identity = { ...before, workflowPath: '.github/workflows/publish.yml', ref: 'refs/heads/main', trigger: 'push', buildSignerUri: 'https://github.com/x/gen/.github/workflows/b.yml@refs/tags/v2' };
    expect(changedFields({ previousIdentity: before, identity: after, changed: ['workflowPath', 'trigger', 'refKind', 'builder'] })).toEqual([
      { field: 'workflowPath', label: 'Workflow', previous: '.github/workflows/release.yml', current: '.github/workflows/publish.yml' },
      { field: 'trigger', label: 'Trigger', previous: 'release', current: 'push' },
      { field: 'refKind', label: 'Ref pattern', previous: 'refs/tags/v1', current: 'refs/heads/main' },
      { field: 'builder', label: 'Builder', previous: before.buildSignerUri, current: after.buildSignerUri },
    ]);
    expect(changedFields({ previousIdentity: before, identity: after })).toEqual([]);
  });

  it('names the new alert kind', () => {
    expect(alertTitle('registry-disagrees')).toBe('Registry disagrees');
  });
});
