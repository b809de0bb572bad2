import { registryFor } from '../registries/list';
import type { Ecosystem } from '../registries/sites';

/**
 * The version line a release belongs to, by its registry's rule (its
 * descriptor's `versionLine`: npm the same major, or minor for 0.x; PyPI the
 * same on PEP 440 release segments). Undefined when the version does not
 * parse: such a release is compared only with the newest overall. Worker
 * only: it reaches the registries' worker parts.
 */
export function versionLine(ecosystem: Ecosystem, version: string): string | undefined {
  return registryFor(ecosystem).versionLine(version);
}
