import { normalizeProjectName } from './names';
import { versionKey } from './version';

/**
 * Distribution filenames, compared the way PyPI compares an attestation's
 * subject with the uploaded file (pypi-attestations >= 0.0.27, warehouse
 * PR #18221): both are parsed as a wheel or sdist filename and the parsed
 * parts must be equal — normalized project name, PEP 440-equal version,
 * build tag, and the *set* of tags the (possibly compressed) tag triple
 * expands to, so `…-manylinux2014_x86_64.manylinux_2_17_x86_64.whl` and
 * `…-manylinux_2_17_x86_64.manylinux2014_x86_64.whl` are the same file name.
 * Formats: https://packaging.python.org/en/latest/specifications/binary-distribution-format/
 * and …/source-distribution-format/.
 */
export type DistFilename =
  | { kind: 'sdist'; name: string; version: string; extension: '.tar.gz' | '.zip' }
  | { kind: 'wheel'; name: string; version: string; build: string | undefined; tags: ReadonlySet<string> };

export class InvalidDistFilename extends Error {
  override readonly name = 'InvalidDistFilename';
}

const MAX_FILENAME = 512;
// At most this many expanded tags; real wheels carry a handful.
const MAX_TAGS = 4096;

/** Parses a wheel or sdist filename; throws InvalidDistFilename otherwise. */
export function parseDistFilename(filename: string): DistFilename {
  if (filename.length > MAX_FILENAME) throw new InvalidDistFilename('filename is too long');
  // The extensions are lower-case only, as in `packaging`.
  if (filename.endsWith('.whl')) return parseWheel(filename.slice(0, -'.whl'.length));
  if (filename.endsWith('.tar.gz')) return parseSdist(filename.slice(0, -'.tar.gz'.length), '.tar.gz');
  if (filename.endsWith('.zip')) return parseSdist(filename.slice(0, -'.zip'.length), '.zip');
  throw new InvalidDistFilename(`not a wheel or sdist filename: ${filename}`);
}

/** True when both names parse and denote the same distribution file. */
export function sameDistribution(a: string, b: string): boolean {
  let pa: DistFilename, pb: DistFilename;
  try {
    pa = parseDistFilename(a);
    pb = parseDistFilename(b);
  } catch {
    return false;
  }
  if (pa.kind === 'sdist' && pb.kind === 'sdist') {
    // pypi-attestations compares only (name, version) for sdists; the
    // extension is checked too because a .zip is not the .tar.gz.
    return pa.name === pb.name && pa.version === pb.version && pa.extension === pb.extension;
  }
  if (pa.kind === 'wheel' && pb.kind === 'wheel') {
    return pa.name === pb.name && pa.version === pb.version && pa.build === pb.build && sameSet(pa.tags, pb.tags);
  }
  return false;
}

function parseWheel(stem: string): DistFilename {
  // name-version(-build)?-python-abi-platform; no part may contain `-`.
  const parts = stem.split('-');
  if (parts.length !== 5 && parts.length !== 6) throw new InvalidDistFilename(`a wheel filename has 5 or 6 dash-separated parts, not ${parts.length}`);
  const [namePart, versionPart] = parts as [string, string];
  if (!/^[A-Za-z0-9._]+$/.test(namePart) || namePart.includes('__')) throw new InvalidDistFilename(`invalid project name in wheel filename: ${namePart}`);
  const version = versionKey(versionPart);
  if (version === undefined) throw new InvalidDistFilename(`invalid version in wheel filename: ${versionPart}`);
  let build: string | undefined;
  if (parts.length === 6) {
    // Build tag: digits, then an optional string; the number compares as a number.
    const m = /^(\d+)(.*)$/.exec(parts[2]!);
    if (!m) throw new InvalidDistFilename(`invalid build tag in wheel filename: ${parts[2]}`);
    build = `${m[1]!.replace(/^0+(?=\d)/, '')}|${m[2]}`;
  }
  const [python, abi, platform] = parts.slice(-3) as [string, string, string];
  return { kind: 'wheel', name: normalizeProjectName(namePart), version, build, tags: expandTags(python, abi, platform) };
}

function parseSdist(stem: string, extension: '.tar.gz' | '.zip'): DistFilename {
  // The version is everything after the last `-` (PEP 625 names use `_`).
  const dash = stem.lastIndexOf('-');
  if (dash <= 0) throw new InvalidDistFilename(`an sdist filename is <name>-<version>${extension}`);
  const version = versionKey(stem.slice(dash + 1));
  if (version === undefined) throw new InvalidDistFilename(`invalid version in sdist filename: ${stem.slice(dash + 1)}`);
  return { kind: 'sdist', name: normalizeProjectName(stem.slice(0, dash)), version, extension };
}

/** A compressed tag set `py2.py3-none-any` expands to every combination; tags are case-insensitive. */
function expandTags(python: string, abi: string, platform: string): ReadonlySet<string> {
  const split = (s: string) => s.toLowerCase().split('.');
  const [ps, as, pls] = [split(python), split(abi), split(platform)];
  if ([...ps, ...as, ...pls].some((t) => t === '')) throw new InvalidDistFilename('empty tag in wheel filename');
  if (ps.length * as.length * pls.length > MAX_TAGS) throw new InvalidDistFilename('too many tags in wheel filename');
  const tags = new Set<string>();
  for (const p of ps) for (const a of as) for (const pl of pls) tags.add(`${p}-${a}-${pl}`);
  return tags;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((t) => b.has(t));
}
