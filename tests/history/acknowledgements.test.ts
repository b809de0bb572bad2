/**
 * Issue 11, finding 10 (acknowledgements part): "this publisher change is
 * expected, for every version" is bound to the publisher it acknowledged,
 * so a later change to another publisher still alerts. Real releases
 * verified over recorded attestations (real-pypi-releases.ts).
 */
import { describe, expect, it } from 'vitest';
import { isAcknowledged, type Acknowledgement, type Alert } from '../../lib/history/alerts';
import { buildHistory } from '../../lib/history/history-service';
import type { ReleaseReport } from '../../lib/report/model';
import { ackFor, describeAck } from '../../lib/ui/history-text';
import { gitlab, legit, other } from './real-pypi-releases';

const PKG = 'pypi-attestations';

async function publisherAlert(current: ReleaseReport, previous: ReleaseReport, version: string): Promise<Alert> {
  const next = { ...current, package: PKG, version };
  const { alerts } = await buildHistory(next, undefined, { earlierVersions: async () => [{ version: previous.version }], report: async () => previous });
  expect(alerts.map((a) => a.kind)).toEqual(['publisher-changed']);
  return alerts[0]!;
}

const stored = (ack: Omit<Acknowledgement, 'at'>): Acknowledgement => ({ ...ack, at: '2026-12-06T07:00:00Z' });

describe('acknowledgements bound to the identity they acknowledged (real attestations)', () => {
  it('"every version" for one new publisher does not hide a change to another one', async () => {
    const first = await publisherAlert(await other(), await legit(), '0.0.20');
    const ack = stored(ackFor(first, { ecosystem: 'pypi', package: PKG }, 'package'));
    expect(ack.identity?.repositoryUrl).toBe('https://github.com/trailofbits/pypi-attestation-models');
    expect(describeAck(ack)).toBe('Publisher changed (trailofbits/pypi-attestation-models (release.yml)) for every version of pypi-attestations');
    expect(isAcknowledged(first, 'pypi', PKG, [ack])).toBe(true);

    // The same new publisher again, in a later version: still acknowledged.
    const again = await publisherAlert(await other(), await legit(), '0.0.21');
    expect(isAcknowledged(again, 'pypi', PKG, [ack])).toBe(true);

    // Another publisher (GitLab) later: the acknowledgement does not cover it.
    const next = await publisherAlert(await gitlab(), await other(), '0.0.22');
    expect(isAcknowledged(next, 'pypi', PKG, [ack])).toBe(false);
  });

  it('an acknowledgement stored without an identity holds for its own version only, never for every version', async () => {
    const alert = await publisherAlert(await other(), await legit(), '0.0.20');
    const unbound = { ecosystem: 'pypi' as const, package: PKG, kind: 'publisher-changed' as const, at: 'x' };
    expect(isAcknowledged(alert, 'pypi', PKG, [unbound])).toBe(false);
    expect(isAcknowledged(alert, 'pypi', PKG, [{ ...unbound, version: '0.0.20' }])).toBe(true);
    expect(isAcknowledged(alert, 'pypi', PKG, [{ ...unbound, version: '0.0.19' }])).toBe(false);
  });
});
