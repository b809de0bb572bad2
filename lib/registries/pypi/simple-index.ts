import * as z from '../../zod';
import { fetchRegistryJSON, type RegistryClient } from '../../net/registry-fetch';
import { ProvenantError } from '../../errors/provenant-error';
import { InvalidDistFilename, parseDistFilename } from './filename';
import { PYPI_ORIGIN, normalizeProjectName } from './names';
import { versionKey } from './version';

/**
 * PyPI's JSON simple index for one project (PEP 691, with PEP 700's
 * `versions`, `size`, `upload-time` and PEP 740's `provenance`): every file of
 * every release, its sha256, upload time, yank state and whether it has
 * provenance, in one request. Provenant uses it only to *avoid* requests:
 * a file the index lists with `provenance: null` and the same sha256 has no
 * provenance, so its Integrity API 404 need not be asked for; a release whose
 * files all have none is passed over by the history walk. Nothing it says
 * can make anything verified: provenance is still fetched from the Integrity
 * API at the URL Provenant builds itself, and verified as before. What it
 * can do is claim provenance the Integrity API does not serve: that file
 * fails (`ATTESTATIONS_MISSING`, retried) and `registry-disagrees` is raised.
 * https://packaging.python.org/en/latest/specifications/simple-repository-api/
 */

export const SIMPLE_JSON_MEDIA_TYPE = 'application/vnd.pypi.simple.v1+json';

// Files in one project's index: numpy lists about 3,000, the largest projects
// some tens of thousands; past this the index is not used (the body limit of
// the registry client applies first in practice).
const MAX_FILES = 100_000;
const MAX_VERSIONS = 20_000;

const sha256Hex = z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'sha256 must be 64 hex digits'));
const filename = z.string().check(z.minLength(1), z.maxLength(512));

export const simpleIndexSchema = z.object({
  // PEP 740 added `provenance` in version 1.3; an older answer says nothing about it.
  meta: z.object({ 'api-version': z.string().check(z.regex(/^1\.\d{1,4}$/, 'not a 1.x api-version')) }),
  name: z.string().check(z.minLength(1), z.maxLength(214)),
  versions: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(MAX_VERSIONS)),
  files: z
    .array(
      z.object({
        filename,
        hashes: z.object({ sha256: z.optional(sha256Hex) }),
        'upload-time': z.nullish(z.string().check(z.maxLength(64))),
        // PEP 592/691: false, true, or a non-empty reason (yanked).
        yanked: z.optional(z.union([z.boolean(), z.string().check(z.maxLength(4096))])),
        // PEP 740: the provenance object's URL, or null when the file has none.
        provenance: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(4096)))),
      }),
    )
    .check(z.maxLength(MAX_FILES)),
});
type SimpleIndexDocument = z.infer<typeof simpleIndexSchema>;

export interface IndexedFile {
  sha256: string | undefined;
  uploadedAt: string | undefined;
  yanked: boolean;
  /** false: the index says this file has no provenance; true: it has some. */
  attested: boolean;
}

export interface SimpleIndex {
  project: string;
  files: ReadonlyMap<string, IndexedFile>;
  /** Every listed version, as uploaded. */
  versions: readonly string[];
}

export function simpleIndexUrl(project: string): string {
  return `${PYPI_ORIGIN}/simple/${encodeURIComponent(normalizeProjectName(project))}/`;
}

const MIN_MINOR = 3;

/** One request; throws a registry ProvenantError for anything but a usable PEP 740 index of this project. */
export async function fetchSimpleIndex(client: RegistryClient, project: string): Promise<SimpleIndex> {
  const url = simpleIndexUrl(project);
  const doc: SimpleIndexDocument = await fetchRegistryJSON(client, url, simpleIndexSchema, { accept: SIMPLE_JSON_MEDIA_TYPE });
  if (Number(doc.meta['api-version'].split('.')[1]) < MIN_MINOR) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: api-version ${doc.meta['api-version']} predates PEP 740`);
  }
  if (normalizeProjectName(doc.name) !== normalizeProjectName(project)) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: asked for ${project}, answered for ${doc.name.slice(0, 214)}`);
  }
  const files = new Map<string, IndexedFile>();
  for (const f of doc.files) {
    if (files.has(f.filename)) throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: file ${f.filename} is listed twice`);
    // Without the key the index does not say; only an explicit null or URL counts.
    if (f.provenance === undefined) throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: file ${f.filename} has no provenance key`);
    files.set(f.filename, {
      sha256: f.hashes.sha256?.toLowerCase(),
      uploadedAt: f['upload-time'] ?? undefined,
      yanked: f.yanked === true || typeof f.yanked === 'string',
      attested: f.provenance !== null,
    });
  }
  return { project: normalizeProjectName(project), files, versions: doc.versions };
}

/**
 * Whether the index says `file` has no provenance: listed, with the same
 * sha256 the JSON API gave, and `provenance: null`. Anything else (not
 * listed yet, another digest, attested) leaves the Integrity API to answer.
 */
export function listedWithoutProvenance(index: SimpleIndex | undefined, file: { filename: string; sha256: string }): boolean {
  const listed = index?.files.get(file.filename);
  return listed !== undefined && !listed.attested && listed.sha256 === file.sha256.toLowerCase();
}

/**
 * Whether the index lists `file` (same sha256) with a provenance URL: the
 * registry's claim that the file has provenance. It never makes a file
 * verified; when the Integrity API then serves none, or what it serves fails,
 * the registry disagrees with itself (lib/registries/pypi/registry-claim.ts).
 */
export function listedWithProvenance(index: SimpleIndex | undefined, file: { filename: string; sha256: string }): boolean {
  const listed = index?.files.get(file.filename);
  return listed !== undefined && listed.attested && listed.sha256 === file.sha256.toLowerCase();
}

export interface IndexedRelease {
  version: string;
  files: IndexedFile[];
}

/**
 * Releases by version, their files assigned by filename (wheels and sdists
 * name their project and version; the index does not group them). Files of
 * another project, or in formats older than wheels and sdists (which carry
 * no provenance), are left out; a version none of whose files could be
 * placed has no files here.
 */
export function releasesOf(index: SimpleIndex): Map<string, IndexedRelease> {
  const byKey = new Map<string, IndexedRelease>();
  const releases = new Map<string, IndexedRelease>();
  for (const version of index.versions) {
    const release = { version, files: [] };
    releases.set(version, release);
    const key = versionKey(version);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, release);
  }
  for (const [name, file] of index.files) {
    let parsed;
    try {
      parsed = parseDistFilename(name);
    } catch (e) {
      if (e instanceof InvalidDistFilename) continue;
      throw e;
    }
    if (parsed.name !== index.project) continue;
    byKey.get(parsed.version)?.files.push(file);
  }
  return releases;
}

// One index serves a page view: the release's verification and the history
// walk after it (and the earlier releases it verifies) ask within seconds.
const FRESH_MS = 60_000;
const MAX_MEMO = 16;
const memos = new WeakMap<RegistryClient, Map<string, { at: number; index: Promise<SimpleIndex | undefined> }>>();

/**
 * The project's index through a short memo per client, or undefined when it
 * cannot be had or used (any error): callers then take today's path, the
 * JSON API and one Integrity API request per file. Failures are not kept.
 */
export function simpleIndexFor(client: RegistryClient, project: string, now: () => number = Date.now): Promise<SimpleIndex | undefined> {
  let memo = memos.get(client);
  if (!memo) memos.set(client, (memo = new Map()));
  const key = normalizeProjectName(project);
  const hit = memo.get(key);
  if (hit && now() - hit.at < FRESH_MS) return hit.index;
  const index = fetchSimpleIndex(client, key).catch(() => {
    if (memo.get(key)?.index === index) memo.delete(key);
    return undefined;
  });
  memo.set(key, { at: now(), index });
  while (memo.size > MAX_MEMO) memo.delete(memo.keys().next().value!);
  return index;
}
