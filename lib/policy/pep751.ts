import * as z from '../zod';
import { GITHUB_ACTIONS_ISSUER, GITLAB_ISSUER, GOOGLE_ISSUER } from '../identity/issuers';
import { githubPublisherSchema, gitlabPublisherSchema, googlePublisherSchema } from '../registries/pypi/schema';
import { MAX_IMPORTED_PINS, MAX_PIN_IDENTITIES, pinSchema, type Pin, type PinIdentity } from './pins';

/**
 * PyPI pins as PEP 751 (`pylock.toml`) attestation identities, and back.
 * A lock file's `[[packages.attestation-identities]]` entries are PEP 740
 * publisher objects: `kind` plus, per kind, GitHub `repository`, `workflow`,
 * `environment`; GitLab `repository`, `workflow_filepath`, `environment`;
 * Google `email`. What a pin can say beyond that (numeric ids, ref pattern)
 * has no place there and is listed as not exported (docs/pins-for-other-tools.md).
 *
 * The TOML is written and read by hand, strictly: only the subset written
 * here (array-of-tables headers, `key = "basic string"`, comments) is read,
 * and anything else is refused with the line it is on. A full TOML parser
 * would be a dependency for a grammar this small.
 */

export class PylockError extends Error {
  override readonly name = 'PylockError';
  readonly code = 'PYLOCK_INVALID';
}

/** One attestation identity as PEP 751 records it. */
export type AttestationIdentity =
  | { kind: 'GitHub'; repository: string; workflow: string; environment?: string }
  | { kind: 'GitLab'; repository: string; workflow_filepath: string; environment?: string }
  | { kind: 'Google'; email: string };

/** Why an accepted identity of a pin was left out of the export. */
export interface NotExported {
  package: string;
  identity: number;
  reason: string;
}

const GITHUB_WORKFLOWS = '.github/workflows/';

/** The PEP 751 identity for one accepted identity, or why there is none. */
export function attestationIdentityFor(identity: PinIdentity): AttestationIdentity | string {
  if (identity.email !== undefined) {
    if (identity.issuer !== undefined && identity.issuer !== GOOGLE_ISSUER) return 'a signer email with an issuer other than Google has no PEP 740 kind';
    return { kind: 'Google', email: identity.email };
  }
  const url = identity.repositoryUrl;
  if (url === undefined || identity.workflowPath === undefined) return 'PEP 740 identities name both a repository and a workflow';
  const environment = identity.environment !== undefined ? { environment: identity.environment } : {};
  const github = /^https:\/\/github\.com\/([^/\s]+\/[^/\s]+?)\/?$/i.exec(url);
  if (github && (identity.issuer === undefined || identity.issuer === GITHUB_ACTIONS_ISSUER)) {
    const workflow = identity.workflowPath.startsWith(GITHUB_WORKFLOWS) ? identity.workflowPath.slice(GITHUB_WORKFLOWS.length) : '';
    if (workflow === '' || workflow.includes('/')) return 'a GitHub workflow outside .github/workflows/ has no PEP 740 form';
    return { kind: 'GitHub', repository: github[1]!, workflow, ...environment };
  }
  const gitlab = /^https:\/\/gitlab\.com\/([^/\s]+(?:\/[^/\s]+)+?)\/?$/i.exec(url);
  if (gitlab && (identity.issuer === undefined || identity.issuer === GITLAB_ISSUER)) {
    return { kind: 'GitLab', repository: gitlab[1]!, workflow_filepath: identity.workflowPath, ...environment };
  }
  return 'only GitHub, GitLab (gitlab.com) and Google publishers have a PEP 740 kind';
}

/** The pin fields PEP 751 cannot carry; named in the export so nobody thinks they were kept. */
const NOT_CARRIED = ['repositoryId', 'ownerId', 'refPattern'] as const;

/** The TOML text and what was left out. Only PyPI pins are exported; a package whose identities all fail to map is left out. */
export function exportPylock(pins: readonly Pin[]): { text: string; notExported: NotExported[]; dropped: string[] } {
  const notExported: NotExported[] = [];
  const dropped = new Set<string>();
  const lines = [
    '# Provenant pins as PEP 751 attestation identities (pylock.toml).',
    '# Copy each [[packages.attestation-identities]] entry under the [[packages]] entry of the same name in your pylock.toml.',
  ];
  for (const pin of pins) {
    if (pin.ecosystem !== 'pypi') continue;
    const entries: AttestationIdentity[] = [];
    pin.identities.forEach((identity, i) => {
      const mapped = attestationIdentityFor(identity);
      if (typeof mapped === 'string') notExported.push({ package: pin.package, identity: i + 1, reason: mapped });
      else {
        entries.push(mapped);
        for (const f of NOT_CARRIED) if (identity[f] !== undefined) dropped.add(f);
      }
    });
    if (entries.length === 0) continue;
    lines.push('', '[[packages]]', `name = ${tomlString(pin.package)}`);
    for (const entry of entries) {
      lines.push('', '[[packages.attestation-identities]]');
      for (const [key, value] of Object.entries(entry)) lines.push(`${key} = ${tomlString(value)}`);
    }
  }
  // Said in the file itself, where whoever uses it will read it.
  if (dropped.size > 0) lines.push('', `# Not carried by PEP 751 (still checked by Provenant): ${[...dropped].join(', ')}.`);
  for (const n of notExported) lines.push(`# Not exported: ${tomlComment(n.package)}, accepted identity ${n.identity}: ${n.reason}.`);
  return { text: `${lines.join('\n')}\n`, notExported, dropped: [...dropped] };
}

/** Text for a comment line: no line breaks or other control characters. */
function tomlComment(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what TOML text may not hold raw
  return value.replace(/[\u0000-\u001f\u007f]/g, '?');
}

/** A TOML basic string: `"` and `\` escaped, control characters as \uXXXX. */
function tomlString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what TOML text may not hold raw
  return `"${value.replace(/[\u0000-\u001f\u007f"\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

const MAX_PACKAGES = MAX_IMPORTED_PINS;
const KEY = /^[A-Za-z0-9_-]+$/;

interface RawPackage {
  line: number;
  fields: Map<string, string>;
  identities: { line: number; fields: Map<string, string> }[];
}

/**
 * Reads what exportPylock writes. Refused, with the line: any other table or
 * key, a value that is not a double-quoted string, a repeated key, an
 * identity before any package, an unknown `kind` or a field it does not have.
 */
export function parsePylock(text: string, now = new Date()): Pin[] {
  const packages: RawPackage[] = [];
  let current: Map<string, string> | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const n = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line === '[[packages]]') {
      if (packages.length >= MAX_PACKAGES) throw new PylockError(`line ${n}: more than ${MAX_PACKAGES} packages`);
      const pkg: RawPackage = { line: n, fields: new Map(), identities: [] };
      packages.push(pkg);
      current = pkg.fields;
      return;
    }
    if (line === '[[packages.attestation-identities]]') {
      const pkg = packages.at(-1);
      if (!pkg) throw new PylockError(`line ${n}: an attestation identity before any [[packages]]`);
      if (pkg.identities.length >= MAX_PIN_IDENTITIES) throw new PylockError(`line ${n}: more than ${MAX_PIN_IDENTITIES} attestation identities for one package`);
      const identity = { line: n, fields: new Map<string, string>() };
      pkg.identities.push(identity);
      current = identity.fields;
      return;
    }
    if (line.startsWith('[')) throw new PylockError(`line ${n}: only [[packages]] and [[packages.attestation-identities]] tables are read, not ${line.slice(0, 60)}`);
    const eq = line.indexOf('=');
    if (eq < 0) throw new PylockError(`line ${n}: expected key = "value"`);
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key)) throw new PylockError(`line ${n}: ${JSON.stringify(key.slice(0, 60))} is not a bare key`);
    if (!current) throw new PylockError(`line ${n}: a key outside any table`);
    if (current.has(key)) throw new PylockError(`line ${n}: ${key} is set twice`);
    current.set(key, readBasicString(line.slice(eq + 1).trim(), n));
  });
  return packages.map((pkg) => toPin(pkg, now));
}

function toPin(pkg: RawPackage, now: Date): Pin {
  const name = pkg.fields.get('name');
  const extra = [...pkg.fields.keys()].filter((k) => k !== 'name');
  if (name === undefined) throw new PylockError(`line ${pkg.line}: [[packages]] without a name`);
  if (extra.length > 0) throw new PylockError(`line ${pkg.line}: [[packages]] ${name}: only name is read, not ${extra.join(', ')}`);
  if (pkg.identities.length === 0) throw new PylockError(`line ${pkg.line}: ${name} has no attestation identities`);
  const identities = pkg.identities.map((id) => pinIdentityFrom(id.fields, id.line));
  const parsed = pinSchema.safeParse({ ecosystem: 'pypi', package: name, identities, source: 'import', createdAt: now.toISOString() });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PylockError(`line ${pkg.line}: ${name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return parsed.data;
}

const KIND_KEYS: Record<AttestationIdentity['kind'], readonly string[]> = {
  GitHub: ['kind', 'repository', 'workflow', 'environment'],
  GitLab: ['kind', 'repository', 'workflow_filepath', 'environment'],
  Google: ['kind', 'email'],
};

/** The pin identity a PEP 740 publisher object stands for; checked with the adapter's publisher schemas. */
function pinIdentityFrom(fields: Map<string, string>, line: number): PinIdentity {
  const kind = fields.get('kind');
  if (kind !== 'GitHub' && kind !== 'GitLab' && kind !== 'Google') throw new PylockError(`line ${line}: kind ${JSON.stringify(kind ?? '(missing)')} is not GitHub, GitLab or Google`);
  const unknown = [...fields.keys()].filter((k) => !KIND_KEYS[kind].includes(k));
  if (unknown.length > 0) throw new PylockError(`line ${line}: a ${kind} identity has no ${unknown.join(', ')}`);
  const object = Object.fromEntries(fields);
  const schema: z.ZodMiniType = kind === 'GitHub' ? githubPublisherSchema : kind === 'GitLab' ? gitlabPublisherSchema : googlePublisherSchema;
  const parsed = schema.safeParse(object);
  if (!parsed.success) throw new PylockError(`line ${line}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const environment = fields.get('environment');
  switch (kind) {
    case 'GitHub':
      return { repositoryUrl: `https://github.com/${fields.get('repository')!}`, workflowPath: `${GITHUB_WORKFLOWS}${fields.get('workflow')!}`, issuer: GITHUB_ACTIONS_ISSUER, ...(environment ? { environment } : {}) };
    case 'GitLab':
      return { repositoryUrl: `https://gitlab.com/${fields.get('repository')!}`, workflowPath: fields.get('workflow_filepath')!, issuer: GITLAB_ISSUER, ...(environment ? { environment } : {}) };
    case 'Google':
      return { email: fields.get('email')!, issuer: GOOGLE_ISSUER };
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' };

/** A TOML basic string filling the rest of the line, nothing after it. */
function readBasicString(value: string, line: number): string {
  if (!value.startsWith('"') || value.startsWith('"""')) throw new PylockError(`line ${line}: only "double-quoted" strings are read`);
  let out = '';
  for (let i = 1; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"') {
      if (i !== value.length - 1) throw new PylockError(`line ${line}: nothing may follow the string`);
      return out;
    }
    if (c === '\\') {
      const e = value[++i];
      if (e === 'u' || e === 'U') {
        const width = e === 'u' ? 4 : 8;
        const hex = value.slice(i + 1, i + 1 + width);
        const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === width ? Number.parseInt(hex, 16) : NaN;
        if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) throw new PylockError(`line ${line}: a bad \\${e} escape`);
        out += String.fromCodePoint(code);
        i += width;
        continue;
      }
      if (e === undefined || !(e in ESCAPES)) throw new PylockError(`line ${line}: an unknown escape \\${e ?? ''}`);
      out += ESCAPES[e];
      continue;
    }
    // eslint-disable-next-line no-control-regex -- control characters are exactly what TOML text may not hold raw
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(c)) throw new PylockError(`line ${line}: a control character in a string`);
    out += c;
  }
  throw new PylockError(`line ${line}: the string is not closed`);
}
