/**
 * Access to the real recordings in tests/fixtures (see its SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/fixtures.ts';

interface TrimmedPackument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, { dist: Record<string, string>; time?: string; repository?: unknown }>;
}

/**
 * A registry packument rebuilt from npm-registry/packuments-trimmed/<name>.json, a recorded
 * registry.npmjs.org answer that kept only selected versions (dist, time, repository).
 * Scoped names use the file naming `@scope__name`.
 */
export function recordedPackument(name: string): Record<string, unknown> {
  const file = fixturePath('npm-registry', 'packuments-trimmed', `${name.replace('/', '__')}.json`);
  const rec = JSON.parse(readFileSync(file, 'utf8')) as TrimmedPackument;
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (const [version, v] of Object.entries(rec.versions)) {
    versions[version] = { name: rec.name, version, ...(v.repository ? { repository: v.repository } : {}), dist: v.dist };
    if (v.time) time[version] = v.time;
  }
  return { _id: rec.name, name: rec.name, 'dist-tags': rec['dist-tags'], versions, time };
}
