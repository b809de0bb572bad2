import { describe, expect, it } from 'vitest';
import { badgeTitle } from '../../components/badge/ProvenantBadge';
import { applyVerdict, initialView } from '../../lib/content/badge-state';
import { readBadgeVerdict } from '../../lib/content/badge-verdict';
import { NO_PUBLIC_LOG } from '../../lib/registries/github/verify-asset';
import { noPublicLogSentence } from '../../lib/report/no-public-log';
import { verdictSentence } from '../../lib/ui/verdict-sentence';

const artifact = (status: string, extra: Record<string, unknown> = {}) => ({ name: 'a.zip', status, digest: { algorithm: 'sha256', hex: 'ab'.repeat(32) }, attestations: [], ...extra });
const report = (artifacts: unknown[]) => ({ ecosystem: 'github', package: 'bdehamer/delme', version: 'v6', status: 'verified', artifacts, checkedAt: '2026-12-01T00:00:00Z' });

describe('a release verified without a public log says so in words', () => {
  it('the badge title adds the sentence to "verified", and only where a verified file carries it', () => {
    const page = { ecosystem: 'github' as const, package: 'bdehamer/delme', version: 'v6' };
    const withNote = readBadgeVerdict({ status: 'verified', report: report([artifact('verified', { noPublicLog: NO_PUBLIC_LOG })]) })!;
    expect(withNote.noPublicLog).toBe(NO_PUBLIC_LOG);
    expect(badgeTitle(applyVerdict(initialView(page), withNote))).toBe(`Provenant: Provenance verified. ${NO_PUBLIC_LOG} Click for details.`);
    const logged = readBadgeVerdict({ status: 'verified', report: report([artifact('verified')]) })!;
    expect(badgeTitle(applyVerdict(initialView(page), logged))).toBe('Provenant: Provenance verified. Click for details.');
    // A failed file's note never speaks for the release.
    expect(readBadgeVerdict({ status: 'failed', report: report([artifact('failed', { noPublicLog: NO_PUBLIC_LOG })]) })!.noPublicLog).toBeUndefined();
  });

  it('the popup\u2019s sentence does not claim a public log for it', () => {
    expect(noPublicLogSentence(report([artifact('absent'), artifact('verified', { noPublicLog: NO_PUBLIC_LOG })]) as never)).toBe(NO_PUBLIC_LOG);
    expect(verdictSentence('verified', undefined, true)).toMatch(/keeps no public transparency log/);
    expect(verdictSentence('verified', undefined, true)).not.toMatch(/recorded in a public transparency log/);
    expect(verdictSentence('verified')).toMatch(/recorded in a public transparency log/);
  });
});
