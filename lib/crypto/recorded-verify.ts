// Native signature checks for a synchronous verifier: run it once with every
// signature check answered `true` and recorded, then check the records with
// WebCrypto. Why a success there is the reference verifier's verdict is
// argued in docs/native-verify.md.
import { rememberVerdict, withSignatureOracle, type SignatureCheck } from '../vendor/sigstore.generated.js';

export type RecordedRun<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface RecordedOutcome<T> {
  run: RecordedRun<T>;
  checks: SignatureCheck[];
}

// The bytes as they were when the check was made: the native check runs later,
// and a caller that reused a buffer in between must not change what is verified.
function snapshot(check: SignatureCheck): SignatureCheck {
  const copy = (b: Uint8Array) => new Uint8Array(b);
  if (check.kind === 'ecdsa') return { ...check, point: copy(check.point), data: copy(check.data), signature: copy(check.signature) };
  if (check.kind === 'rsa') return { ...check, n: copy(check.n), e: copy(check.e), data: copy(check.data), signature: copy(check.signature) };
  return { ...check, publicKey: copy(check.publicKey), data: copy(check.data), signature: copy(check.signature) };
}

/** Runs `fn` with every prepared signature check answered `true` and recorded. */
export function runRecorded<T>(fn: () => T): RecordedOutcome<T> {
  const checks: SignatureCheck[] = [];
  let run: RecordedRun<T>;
  try {
    run = { ok: true, value: withSignatureOracle((check) => (checks.push(snapshot(check)), true), fn) };
  } catch (error) {
    run = { ok: false, error };
  }
  return { run, checks };
}

type Subtle = SubtleCrypto;

function subtle(): Subtle | undefined {
  return (globalThis.crypto as Crypto | undefined)?.subtle;
}

// Imported keys by algorithm and key bytes: the trust root's keys recur in every bundle.
const KEY_LIMIT = 128;
const importedKeys = new Map<string, Promise<CryptoKey>>();

const b64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const b64url = (bytes: Uint8Array): string => b64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

// WebCrypto wants ArrayBuffer-backed views; the vendor Buffer is one, but be explicit.
const own = (b: Uint8Array): Uint8Array<ArrayBuffer> => (b.buffer instanceof ArrayBuffer ? (b as Uint8Array<ArrayBuffer>) : new Uint8Array(b));

function importKey(s: Subtle, check: SignatureCheck): Promise<CryptoKey> {
  const id =
    check.kind === 'ecdsa'
      ? `ecdsa:${check.curve}:${b64(check.point)}`
      : check.kind === 'rsa'
        ? `rsa:${check.hash}:${b64(check.n)}:${b64(check.e)}`
        : `ed25519:${b64(check.publicKey)}`;
  let key = importedKeys.get(id);
  if (!key) {
    key =
      check.kind === 'ecdsa'
        ? s.importKey('raw', own(check.point), { name: 'ECDSA', namedCurve: check.curve }, false, ['verify'])
        : check.kind === 'rsa'
          ? s.importKey('jwk', { kty: 'RSA', n: b64url(check.n), e: b64url(check.e), ext: true }, { name: 'RSASSA-PKCS1-v1_5', hash: check.hash! }, false, ['verify'])
          : s.importKey('raw', own(check.publicKey), { name: 'Ed25519' }, false, ['verify']);
    // A refused import is not remembered: it is retried, and falls back each time.
    key.catch(() => importedKeys.delete(id));
    if (importedKeys.size >= KEY_LIMIT) importedKeys.delete(importedKeys.keys().next().value!);
    importedKeys.set(id, key);
  }
  return key;
}

// RSASSA-PKCS1-v1_5 is native only where the engine compares the whole
// encoded message, as the reference does (BoringSSL and OpenSSL do; a DigestInfo
// decoder that tolerates absent parameters or BER lengths would accept
// signatures the reference refuses). Probed once with a throw-away 1024-bit key
// over "provenant rsa probe" (SHA-256): the exact encoding must verify, the
// encoding without the NULL parameters and the one with a long-form length must not.
const RSA_PROBE = {
  n: '4O8k6jdsgQ_aUPC_mZyVp6VH-RK1GKKwok-gFvKdkOhB09vkTeEj3TzSh2LsSynebHoGfwE8F6eq3zwtfxG2eRjlRvE_o0cXSv6KLAnLszpmXswnSK4vuKyb0Voe8Kh5WwVFtIyIUI4bdJve0eUbkXu6hPDa0_xziDocO44oH-k',
  e: 'AQAB',
  exact: 'wVTqZUNsy42FhXRqfxNURQDb94YjKPfWmvNBP/y8z67IiXVlk5Mh9hKXdLTEFGtU8Ouboo72EJ/PN4+AZ6vOy5vUudazuhsQpTNGzYtV4F7bHpDNk4k+PBio8eioBAfQf8XE3S1U2qsEBpF96qbpT9b97Zu3HOXQzXnx+maZYJY=',
  noNull: 'mw1QkpfVwR3VyxCmioZyym87XyOwYQGYJbt42/Uwqmi2+bNzQeHUVG4mo3+Bw3YG3wC4fBlwa9LiMfpdjUPPk2w0BtV0eqK7okRaSIrM0Y/q8wpU9PTTtzuY8ATsAVqaR16AccgehkiGwfLV6/ir+ZKo2vFzi87Vbpfe7AnsJt8=',
  longLength: 'Nk4KdS3OnWajyQ7PFusW2P+U378ahggxxIpKCSHchgjEr70Dol/h6TDOaZEy/tg2Q1zaDSiWHDx9DFSImZHGD/8EkgxCaEqcii4HmCVIcTg5O+GYD4d82/0zERkUiBc9YgChW6ZDoe4A977X6FTF0758KdwLpqIH3TeY3OpcIyY=',
};

let rsaStrict: Promise<boolean> | undefined;

function rsaIsStrict(s: Subtle): Promise<boolean> {
  rsaStrict ??= (async () => {
    try {
      const key = await s.importKey('jwk', { kty: 'RSA', n: RSA_PROBE.n, e: RSA_PROBE.e, ext: true }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
      const data = new TextEncoder().encode('provenant rsa probe');
      const check = (sig: string) => s.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, Uint8Array.from(atob(sig), (c) => c.charCodeAt(0)), data);
      const [exact, noNull, longLength] = await Promise.all([check(RSA_PROBE.exact), check(RSA_PROBE.noNull), check(RSA_PROBE.longLength)]);
      return exact && !noNull && !longLength;
    } catch {
      return false;
    }
  })();
  return rsaStrict;
}

/**
 * One check through WebCrypto: true only when WebCrypto verified it. False
 * means "not shown natively" (a wrong signature, an algorithm or key the
 * browser lacks, any error), never "invalid": the caller then asks the reference.
 */
export async function verifyNatively(check: SignatureCheck): Promise<boolean> {
  const s = subtle();
  if (!s || !check.native) return false;
  try {
    if (check.kind === 'rsa' && !(await rsaIsStrict(s))) return false;
    const key = await importKey(s, check);
    const algorithm =
      check.kind === 'ecdsa' ? { name: 'ECDSA', hash: check.hash! } : check.kind === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'Ed25519' };
    return await s.verify(algorithm, key, own(check.signature), own(check.data));
  } catch {
    return false;
  }
}

/** Verifies every record natively, in parallel; true only if all verify. Native successes are memoized. */
export async function allVerifyNatively(checks: SignatureCheck[]): Promise<boolean> {
  const results = await Promise.all(
    checks.map(async (check) => {
      const ok = await verifyNatively(check);
      if (ok) rememberVerdict(check, true);
      return ok;
    }),
  );
  return results.every(Boolean);
}
