import type { TrustContext } from '../verify/trust-root';
import { parseTrustRecord, type RefreshAttempt, type StoredTrust, type TrustRecord } from './stored-trust';
import type { TufFetch } from './tuf-fetch';
import type { RefreshResult, TrustStatus } from './trust-status';
import { PUBLIC_GOOD_PROFILE, type TrustProfile } from './trust-profile';
import { updateTufTargets, type TargetTexts } from './tuf-update';
import { ProvenantError, isProvenantError } from '../errors/provenant-error';
import { trustSentence } from '../errors/vocabulary';

/**
 * Which trust material the worker verifies with, and when it is refreshed.
 *
 * - Start: the embedded seed (root metadata + raw targets, packaged with the
 *   extension and read on first use, or handed in), or the
 *   stored refresh if its root version is at least the seed's. An upgrade
 *   with a newer seed wins over an older refresh; targets refreshed under an
 *   older root are dropped with it.
 * - Schedule: at worker start and before verifications, a refresh runs when
 *   the last success is older than a day, and at most once an hour (failed
 *   attempts included), so an offline browser does not retry on every page.
 * - On demand: when a bundle names material the root does not list, at most
 *   once per ten minutes, so a hostile page cannot make the worker hammer the CDN.
 * - A failed refresh changes nothing but the recorded attempt: the last good
 *   material stays in use.
 */
export const DAY_MS = 24 * 3600_000;
export const SCHEDULE_MIN_MS = 3600_000;
export const DEMAND_MIN_MS = 10 * 60_000;

export interface TrustSeed<T extends Readonly<Record<string, string>> = TargetTexts> {
  /** TUF root.json text. */
  root: string;
  /** The profile's targets, by the keys of its targetPaths (public-good's by default). */
  targets: T;
}

export interface TrustStore {
  read(): Promise<unknown>;
  write(record: TrustRecord): Promise<void>;
}

type AnySeed = TrustSeed<Readonly<Record<string, string>>>;

export interface TrustServiceDeps {
  /** The seed, or how to read it when first needed (a failure is thrown to that caller and retried on the next). */
  seed: AnySeed | (() => Promise<AnySeed>);
  store: TrustStore;
  fetch: TufFetch;
  now?: () => Date;
  /** Which repository's targets, loaded how (default: Sigstore's public-good). */
  profile?: TrustProfile;
}

export type RefreshReason = RefreshAttempt['reason'];

export interface RefreshOutcome {
  ok: boolean;
  /** True when this call ran an update (false: rate-limited, the previous attempt's result is reported). */
  attempted: boolean;
  /** True when the trusted root or npm keys changed. */
  changed: boolean;
  code?: string;
  detail?: string;
}


interface Seed {
  material: AnySeed;
  rootVersion: number;
  rootExpires: string;
}

interface Active {
  key: string;
  context: TrustContext;
}

export class TrustService {
  private readonly now: () => Date;
  private readonly profile: TrustProfile;
  private seedRead: Promise<Seed> | undefined;
  private active: Active | undefined;
  private running: Promise<RefreshOutcome> | undefined;

  constructor(private readonly deps: TrustServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.profile = deps.profile ?? PUBLIC_GOOD_PROFILE;
    if (typeof deps.seed !== 'function') this.seedRead = Promise.resolve(describeSeed(deps.seed));
  }

  private seed(): Promise<Seed> {
    const source = this.deps.seed;
    if (!this.seedRead && typeof source === 'function') {
      const read = source().then(describeSeed);
      // A failed read is not kept: the next caller tries again.
      read.catch(() => {
        if (this.seedRead === read) this.seedRead = undefined;
      });
      this.seedRead = read;
    }
    return this.seedRead!;
  }

  /** The refreshed material when it is at least as new as the embedded one. */
  private usable(record: TrustRecord, seed: Seed): StoredTrust | undefined {
    const r = record.refreshed;
    const complete = r !== undefined && Object.keys(this.profile.targetPaths).every((k) => typeof r.targets[k] === 'string');
    return complete && r.versions.root >= seed.rootVersion ? r : undefined;
  }

  /** Trust material to verify with now; built once per change, not per verification. */
  async current(): Promise<TrustContext> {
    const seed = await this.seed();
    const refreshed = this.usable(parseTrustRecord(await this.deps.store.read()), seed);
    const key = refreshed ? `refreshed:${refreshed.refreshedAt}` : 'embedded';
    if (this.active?.key !== key) {
      const targets = refreshed?.targets ?? seed.material.targets;
      try {
        this.active = { key, context: this.profile.load(targets) };
      } catch {
        // Verified by TUF but unusable here (a format this version cannot read): the seed still works.
        this.active = { key: 'embedded', context: this.profile.load(seed.material.targets) };
      }
    }
    return this.active.context;
  }

  async status(): Promise<TrustStatus> {
    const seed = await this.seed();
    const record = parseTrustRecord(await this.deps.store.read());
    const refreshed = this.usable(record, seed);
    const expires = refreshed?.expires ?? seed.rootExpires;
    return {
      source: refreshed ? 'refreshed' : 'embedded',
      rootVersion: refreshed?.versions.root ?? seed.rootVersion,
      ...(refreshed ? { targetsVersion: refreshed.versions.targets, timestampVersion: refreshed.versions.timestamp, refreshedAt: refreshed.refreshedAt } : {}),
      expires,
      expired: Date.parse(expires) <= this.now().getTime(),
      ...(record.lastAttempt ? { lastAttempt: record.lastAttempt } : {}),
    };
  }

  /** "Refresh now" on the options page: not rate-limited (only extension pages can ask), shares a running refresh. */
  async refreshForUser(): Promise<RefreshResult> {
    const outcome = await this.refresh('user');
    const publisher = this.profile.publisher ?? 'Sigstore';
    const message = outcome.ok
      ? outcome.changed
        ? `Refreshed: ${publisher} published new trust material, which is now in use.`
        : `Refreshed: the trust material in use is the newest ${publisher} has published.`
      : `Not refreshed: ${trustSentence(outcome.code) ?? 'the refresh failed.'} The trust material in use stays as it was.`;
    return { ok: outcome.ok, changed: outcome.changed, message, status: await this.status() };
  }

  /** Schedule check: worker start and before verifications. Never throws. */
  async refreshIfDue(reason: 'start' | 'schedule'): Promise<RefreshOutcome | undefined> {
    const record = parseTrustRecord(await this.deps.store.read());
    const now = this.now().getTime();
    let seed: Seed;
    try {
      seed = await this.seed();
    } catch {
      // Never throws: without a seed there is nothing to refresh from, and verification reports the seed's error.
      return undefined;
    }
    const refreshed = this.usable(record, seed);
    const lastSuccess = refreshed ? Date.parse(refreshed.refreshedAt) : -Infinity;
    const lastAttempt = record.lastAttempt ? Date.parse(record.lastAttempt.at) : -Infinity;
    if (now - lastSuccess < DAY_MS || now - lastAttempt < SCHEDULE_MIN_MS) return undefined;
    return this.refresh(reason);
  }

  /**
   * Refresh because a bundle named unknown material. Rate-limited: within ten
   * minutes of the last on-demand attempt, the last attempt's result is
   * reported instead (attempted: false).
   */
  async refreshOnDemand(): Promise<RefreshOutcome> {
    if (this.running) return this.running;
    const record = parseTrustRecord(await this.deps.store.read());
    const last = record.lastDemandAt ? Date.parse(record.lastDemandAt) : -Infinity;
    if (this.now().getTime() - last < DEMAND_MIN_MS) {
      const a = record.lastAttempt;
      return { ok: a?.ok ?? false, attempted: false, changed: false, ...(a?.code ? { code: a.code } : { code: 'RATE_LIMITED' }) };
    }
    return this.refresh('demand');
  }

  /** One refresh at a time per worker; concurrent callers share it. */
  refresh(reason: RefreshReason): Promise<RefreshOutcome> {
    this.running ??= this.runRefresh(reason).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runRefresh(reason: RefreshReason): Promise<RefreshOutcome> {
    const record = parseTrustRecord(await this.deps.store.read());
    const at = this.now();
    if (reason === 'demand') record.lastDemandAt = at.toISOString();
    let outcome: RefreshOutcome;
    try {
      const seed = await this.seed();
      const base = this.usable(record, seed);
      // After an upgrade to a newer seed, the stored timestamp and snapshot still guard against a
      // rollback to older metadata: updateTrust keeps them only while the seed's root signs them.
      const older = record.refreshed?.state;
      const from = base ? base.state : { root: seed.material.root, timestamp: older?.timestamp, snapshot: older?.snapshot };
      const known = base?.targets ?? seed.material.targets;
      const result = await updateTufTargets(from, this.profile.targetPaths, { fetch: this.deps.fetch, now: this.now, knownTargets: known });
      // Refuse material this version cannot load before it replaces what works.
      try {
        this.profile.load(result.targets);
      } catch (e) {
        throw new ProvenantError('trust', 'UNUSABLE_TARGET', (e as Error).message, { cause: e });
      }
      const changed = Object.keys(this.profile.targetPaths).some((k) => result.targets[k] !== known[k]);
      record.refreshed = { state: result.state, targets: result.targets, versions: result.versions, refreshedAt: at.toISOString(), expires: result.expires };
      record.lastAttempt = { at: at.toISOString(), ok: true, reason };
      outcome = { ok: true, attempted: true, changed };
    } catch (e) {
      const code = isProvenantError(e, 'trust') ? e.code : 'MALFORMED';
      const detail = e instanceof Error ? e.message : String(e);
      record.lastAttempt = { at: at.toISOString(), ok: false, code, detail: detail.slice(0, 500), reason };
      outcome = { ok: false, attempted: true, changed: false, code, detail };
    }
    await this.deps.store.write(record);
    return outcome;
  }
}

function describeSeed(material: AnySeed): Seed {
  const signed = (JSON.parse(material.root) as { signed: { version: number; expires: string } }).signed;
  return { material, rootVersion: signed.version, rootExpires: new Date(signed.expires).toISOString() };
}
