import type { Metadata, TargetFile, TufRoot, TufSnapshot, TufTargets, TufTimestamp } from '../vendor/sigstore.generated.js';
import type { TufFetch } from './tuf-fetch';
import { type AnyMetadata, decodeText, expiryOf, parseMetadata, requireMatches, requireSigned, requireUnexpired, requireVersion } from './tuf-metadata';
import { ProvenantError } from '../errors/provenant-error';

/**
 * The TUF 1.0 client workflow (https://theupdateframework.github.io/specification/v1.0.33/#detailed-client-workflow),
 * step by step, for the two targets Provenant needs. tuf-js's Updater does
 * the same but needs Node's fs, path, os and streams; @tufjs/models supplies
 * the metadata classes and signature thresholds, this file the order of the
 * checks. Every step throws a `trust` ProvenantError; nothing is kept unless all succeed,
 * so a failed update leaves the caller's last good state untouched.
 */

/** Verified metadata as the repository served it (JSON text), enough to resume from. */
export interface TufState {
  root: string;
  timestamp?: string | undefined;
  snapshot?: string | undefined;
  targets?: string | undefined;
  /** Delegated targets roles by name. */
  delegated?: Record<string, string> | undefined;
}

export const TARGET_PATHS = { trustedRoot: 'trusted_root.json', npmKeys: 'registry.npmjs.org/keys.json' } as const;
export type TargetName = keyof typeof TARGET_PATHS;
export type TargetTexts = Record<TargetName, string>;

export interface UpdateResult<T extends Record<string, string> = TargetTexts> {
  state: TufState;
  targets: T;
  versions: { root: number; timestamp: number; snapshot: number; targets: number };
  /** The earliest expiry among the metadata in `state`: after it, the material must be refreshed before it is "current" again. */
  expires: string;
  /** Files actually downloaded (for the bench and the options page). */
  downloads: number;
}

/**
 * Upper bounds per file, against endless-data attacks; tuf-js's defaults for
 * metadata. A target's own length comes from signed metadata, but is capped too.
 */
export interface UpdateLimits {
  rootBytes: number;
  timestampBytes: number;
  snapshotBytes: number;
  targetsBytes: number;
  targetFileBytes: number;
  maxRootRotations: number;
  maxDelegations: number;
}

export const DEFAULT_LIMITS: UpdateLimits = {
  rootBytes: 512_000,
  timestampBytes: 16_384,
  snapshotBytes: 2_000_000,
  targetsBytes: 5_000_000,
  targetFileBytes: 1_000_000,
  maxRootRotations: 32,
  maxDelegations: 32,
};

export interface UpdateDeps<T extends Record<string, string> = TargetTexts> {
  fetch: TufFetch;
  now: () => Date;
  limits?: Partial<UpdateLimits>;
  /** Targets already held (their hashes are checked; matching ones are not downloaded again, §5.7.2). */
  knownTargets?: Partial<T>;
}

/** Sigstore's public-good repository: the trusted root and npm's keys. */
export function updateTrust(trusted: TufState, deps: UpdateDeps): Promise<UpdateResult> {
  return updateTufTargets(trusted, TARGET_PATHS, deps);
}

/**
 * The same flow for any repository and any set of targets (`paths`: result
 * key → target path), e.g. GitHub's, which publishes only a trusted root.
 */
export async function updateTufTargets<P extends Record<string, string>>(
  trusted: TufState,
  paths: P,
  deps: UpdateDeps<Record<keyof P, string>>,
): Promise<UpdateResult<Record<keyof P, string>>> {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const now = deps.now();
  let downloads = 0;
  const get = async (path: string, maxBytes: number): Promise<Uint8Array | undefined> => {
    const bytes = await deps.fetch(path, maxBytes);
    if (bytes) downloads++;
    return bytes;
  };

  // §5.3: the root chain. The trusted root is the anchor (embedded or stored), not re-verified.
  let root = parseMetadata('root', trusted.root, 'trusted root');
  let rootText = trusted.root;
  const startRoot = root;
  for (let i = 0; i < limits.maxRootRotations; i++) {
    const next = root.signed.version + 1;
    const bytes = await get(`${next}.root.json`, limits.rootBytes);
    if (!bytes) break;
    const text = decodeText(bytes, `${next}.root.json`);
    const candidate = parseMetadata('root', text, `${next}.root.json`);
    // Signed by a threshold of the old root's root keys and of its own (§5.3.5).
    requireSigned(root, 'root', candidate, `${next}.root.json by root v${root.signed.version}`);
    requireVersion(candidate, next, `${next}.root.json`);
    requireSigned(candidate, 'root', candidate, `${next}.root.json by itself`);
    root = candidate;
    rootText = text;
  }
  requireUnexpired(root, now, `root v${root.signed.version}`);

  // §5.3.11: after a rotation of the timestamp or snapshot keys, the old files
  // would block recovery from a fast-forward attack, so they are forgotten.
  const rotated = (role: string) => JSON.stringify(startRoot.signed.roles[role]?.keyIDs) !== JSON.stringify(root.signed.roles[role]?.keyIDs);
  const keepTimestamp = trusted.timestamp !== undefined && !rotated('timestamp') && !rotated('snapshot');
  const keepSnapshot = trusted.snapshot !== undefined && !rotated('snapshot');

  // §5.4: timestamp.
  const oldTimestamp = keepTimestamp ? verifiedCached('timestamp', trusted.timestamp!, root) : undefined;
  const tsBytes = await get('timestamp.json', limits.timestampBytes);
  if (!tsBytes) throw new ProvenantError('trust', 'TARGET_MISSING', 'the repository has no timestamp.json');
  const tsText = decodeText(tsBytes, 'timestamp.json');
  let timestamp = parseMetadata('timestamp', tsText, 'timestamp.json');
  let timestampText = tsText;
  requireSigned(root, 'timestamp', timestamp, 'timestamp.json');
  if (oldTimestamp) {
    if (timestamp.signed.version < oldTimestamp.signed.version) {
      throw new ProvenantError('trust', 'ROLLBACK', `timestamp version ${timestamp.signed.version} is older than the trusted ${oldTimestamp.signed.version}`);
    }
    if (timestamp.signed.snapshotMeta.version < oldTimestamp.signed.snapshotMeta.version) {
      throw new ProvenantError('trust', 'ROLLBACK', `timestamp names snapshot ${timestamp.signed.snapshotMeta.version}, older than the trusted ${oldTimestamp.signed.snapshotMeta.version}`);
    }
    // §5.4.3: the same version is no news; keep the trusted copy.
    if (timestamp.signed.version === oldTimestamp.signed.version) {
      timestamp = oldTimestamp;
      timestampText = trusted.timestamp!;
    }
  }
  requireUnexpired(timestamp, now, `timestamp v${timestamp.signed.version}`);

  // §5.5: snapshot, by the version the timestamp names (consistent snapshots).
  const snapInfo = timestamp.signed.snapshotMeta;
  const oldSnapshot = keepSnapshot ? verifiedCached('snapshot', trusted.snapshot!, root) : undefined;
  let snapshot: Metadata<TufSnapshot>;
  let snapshotText: string;
  if (oldSnapshot && oldSnapshot.signed.version === snapInfo.version) {
    snapshot = oldSnapshot;
    snapshotText = trusted.snapshot!;
  } else {
    const name = `${versioned(root, snapInfo.version)}snapshot.json`;
    const bytes = await get(name, Math.min(snapInfo.length ?? limits.snapshotBytes, limits.snapshotBytes));
    if (!bytes) throw new ProvenantError('trust', 'TARGET_MISSING', `the repository has no ${name}`);
    requireMatches(snapInfo, bytes, name);
    snapshotText = decodeText(bytes, name);
    snapshot = parseMetadata('snapshot', snapshotText, name);
    requireSigned(root, 'snapshot', snapshot, name);
    requireVersion(snapshot, snapInfo.version, name);
    if (oldSnapshot) {
      // §5.5.5: no file listed before may vanish or go back in version.
      for (const [file, old] of Object.entries(oldSnapshot.signed.meta)) {
        const now = snapshot.signed.meta[file];
        if (!now) throw new ProvenantError('trust', 'ROLLBACK', `${name} no longer lists ${file}`);
        if (now.version < old.version) throw new ProvenantError('trust', 'ROLLBACK', `${name} lists ${file} version ${now.version}, older than the trusted ${old.version}`);
      }
    }
  }
  requireUnexpired(snapshot, now, `snapshot v${snapshot.signed.version}`);

  // §5.6: top-level targets, then the delegations that cover each target path (§5.6.7, pre-order depth-first).
  const cachedRoles: Record<string, string> = { ...(trusted.targets !== undefined ? { targets: trusted.targets } : {}), ...trusted.delegated };
  const loadedRoles = new Map<string, { meta: Metadata<TufTargets>; text: string }>();
  const loadRole = async (name: string, delegator: Metadata<TufRoot> | Metadata<TufTargets>): Promise<Metadata<TufTargets>> => {
    const loaded = loadedRoles.get(name);
    if (loaded) return loaded.meta;
    const info = snapshot.signed.meta[`${name}.json`];
    if (!info) throw new ProvenantError('trust', 'TARGET_MISSING', `snapshot does not list ${name}.json`);
    const file = `${versioned(root, info.version)}${encodeURIComponent(name)}.json`;
    let text = cachedRoles[name];
    let meta = text === undefined ? undefined : parseMetadata('targets', text, `stored ${name}`);
    if (!meta || meta.signed.version !== info.version) {
      const bytes = await get(file, Math.min(info.length ?? limits.targetsBytes, limits.targetsBytes));
      if (!bytes) throw new ProvenantError('trust', 'TARGET_MISSING', `the repository has no ${file}`);
      requireMatches(info, bytes, file);
      text = decodeText(bytes, file);
      meta = parseMetadata('targets', text, file);
    }
    requireSigned(delegator, name, meta, file);
    requireVersion(meta, info.version, file);
    requireUnexpired(meta, now, `${name} v${meta.signed.version}`);
    loadedRoles.set(name, { meta, text: text! });
    return meta;
  };
  const topTargets = await loadRole('targets', root);

  const targets = {} as Record<keyof P, string>;
  for (const [key, path] of Object.entries(paths) as [keyof P, string][]) {
    const info = await findTarget(path, topTargets, loadRole, limits.maxDelegations);
    targets[key] = await fetchTarget(path, info, deps.knownTargets?.[key], get, limits.targetFileBytes);
  }

  const delegated: Record<string, string> = {};
  for (const [name, { text }] of loadedRoles) if (name !== 'targets') delegated[name] = text;
  const metas = [root, timestamp, snapshot, ...[...loadedRoles.values()].map((r) => r.meta)];
  return {
    state: { root: rootText, timestamp: timestampText, snapshot: snapshotText, targets: loadedRoles.get('targets')!.text, delegated },
    targets,
    versions: { root: root.signed.version, timestamp: timestamp.signed.version, snapshot: snapshot.signed.version, targets: topTargets.signed.version },
    expires: metas.map(expiryOf).sort()[0]!,
    downloads,
  };
}

/** A stored timestamp or snapshot is trusted only while the current root's keys still sign it. */
function verifiedCached<K extends 'timestamp' | 'snapshot'>(kind: K, text: string, root: Metadata<TufRoot>): (K extends 'timestamp' ? Metadata<TufTimestamp> : Metadata<TufSnapshot>) | undefined {
  try {
    const meta = parseMetadata(kind, text, `stored ${kind}`);
    requireSigned(root, kind, meta as AnyMetadata, `stored ${kind}`);
    return meta as never;
  } catch {
    // Unreadable or no longer signed: as if none were stored (a full update follows).
    return undefined;
  }
}

function versioned(root: Metadata<TufRoot>, version: number): string {
  return root.signed.consistentSnapshot ? `${version}.` : '';
}

async function findTarget(
  path: string,
  top: Metadata<TufTargets>,
  loadRole: (name: string, delegator: Metadata<TufTargets>) => Promise<Metadata<TufTargets>>,
  maxDelegations: number,
): Promise<TargetFile> {
  const stack: { name: string; meta?: Metadata<TufTargets>; delegator?: Metadata<TufTargets> }[] = [{ name: 'targets', meta: top }];
  const visited = new Set<string>();
  let visits = 0;
  while (stack.length > 0) {
    if (visits++ > maxDelegations) throw new ProvenantError('trust', 'TOO_MANY', `more than ${maxDelegations} delegations searched for ${path}`);
    const { name, meta: given, delegator } = stack.pop()!;
    if (visited.has(name)) continue;
    visited.add(name);
    const meta = given ?? (await loadRole(name, delegator!));
    const found = meta.signed.targets[path];
    if (found) return found;
    const children: string[] = [];
    // rolesForTarget yields the roles whose paths cover `path`, in order, up to the first terminating one.
    for (const { role, terminating } of meta.signed.delegations?.rolesForTarget(path) ?? []) {
      children.push(role);
      if (terminating) {
        stack.length = 0;
        break;
      }
    }
    for (const child of children.reverse()) stack.push({ name: child, delegator: meta });
  }
  throw new ProvenantError('trust', 'TARGET_MISSING', `no targets role lists ${path}`);
}

async function fetchTarget(
  path: string,
  info: TargetFile,
  known: string | undefined,
  get: (path: string, maxBytes: number) => Promise<Uint8Array | undefined>,
  maxBytes: number,
): Promise<string> {
  if (info.length > maxBytes) throw new ProvenantError('trust', 'TOO_LARGE', `${path} is listed as ${info.length} bytes, limit ${maxBytes}`);
  if (known !== undefined) {
    const matches = await info.verify([new TextEncoder().encode(known)] as never).then(() => true, () => false);
    if (matches) return known;
  }
  const hash = info.hashes.sha256 ?? Object.values(info.hashes)[0];
  if (!hash) throw new ProvenantError('trust', 'MALFORMED', `${path} has no hash`);
  const slash = path.lastIndexOf('/');
  const file = `targets/${path.slice(0, slash + 1)}${hash}.${path.slice(slash + 1)}`;
  const bytes = await get(file, info.length);
  if (!bytes) throw new ProvenantError('trust', 'TARGET_MISSING', `the repository has no ${file}`);
  try {
    await info.verify([bytes] as never);
  } catch (e) {
    throw new ProvenantError('trust', 'LENGTH_OR_HASH', `${file}: ${(e as Error).message}`, { cause: e });
  }
  return decodeText(bytes, file);
}
