import { VerdictService, type ReportCacheEntry } from '../../lib/background/verdict-service';
import { buildHistory } from '../../lib/history/history-service';
import { earlierVersions } from '../../lib/history/version-lists';
import type { PackagePage } from '../../lib/pages/package-page';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import type { FakeRegistry } from '../registries/npm-fixtures';

/**
 * The history of an npm package served by a replayed registry, through the
 * worker's own verdict service (in-memory store, no pins) and the real
 * adapter and history walk: what the history tests on real recordings share.
 */
export function npmHistory(registry: FakeRegistry, name: string) {
  const client = registry.client();
  const reports = new Map<string, ReportCacheEntry>();
  const service = new VerdictService({
    verifyRelease: (page) => verifyNpmRelease({ name: page.package, version: page.version }, { client, trust: publicGoodTrust() }),
    store: {
      getReport: async (k) => reports.get(k),
      putReport: async (k, e) => void reports.set(k, e),
      getPin: async () => undefined,
      addPin: async () => {},
      trustOnFirstUse: async () => false,
    },
  });
  const page = (version: string): PackagePage => ({ ecosystem: 'npm', package: name, version });
  const history = async (version: string) => {
    const verdict = await service.verdict(page(version));
    return buildHistory(verdict.report, verdict.pin, {
      earlierVersions: (p, v, limit) => earlierVersions(client, p, v, limit),
      report: async (p) => (await service.verdict(p)).report,
    });
  };
  return { service, history, registry, verdict: (version: string) => service.verdict(page(version)) };
}
