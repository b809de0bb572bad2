/**
 * The offline registries Provenant is shown and tested against: real recorded
 * registry responses from tests/fixtures served by the
 * local HTTPS replay, behind page HTML reconstructed from documented landmarks.
 *
 * What is recorded and what is assembled:
 * - npm packuments: recorded from the registry mirror (it strips
 *   dist.attestations); attestation responses: recorded (npm/cli,
 *   sigstore-rust, slsa-verifier fixtures). @laurentsimon/provenance-npm-test
 *   is missing from the mirror, so its packument entries (1.0.0, built by
 *   the npm CLI; 1.0.5, built by the SLSA generator's Node.js builder) are
 *   assembled from their attestations' subject digests; latest stays 1.0.0.
 * - PyPI: provenance objects and distribution files are recorded; pypi.org's
 *   JSON API is unreachable from here, so its responses are assembled from the
 *   real files' names and sha256 digests (warehouse's response shape).
 * - RubyGems: the versions list of `sigstore` and the attestations of 0.2.3
 *   are recorded from rubygems.org's API; the gem page is shaped around its
 *   real title markup (no page could be recorded). 0.2.2 is served 0.2.3's
 *   real bundle (shaped: a bundle for another .gem, so it must fail); the
 *   older versions are served `[]`, rubygems.org's answer for a version
 *   without attestations (recorded for rack and rubocop).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attestationsUrl, packumentUrl } from '../../../lib/registries/npm/names';
import { integrityUrl, jsonApiUrl } from '../../../lib/registries/pypi/names';
import { SIMPLE_JSON_MEDIA_TYPE, simpleIndexUrl } from '../../../lib/registries/pypi/simple-index';
import { html, json, type ReplayServer } from '../harness/replay-server';
import { npmPackagePage, pypiProjectPage, rubygemsGemPage, type PypiFile } from '../pages/index';
import { attestationsUrl as gemAttestationsUrl, versionsUrl as gemVersionsUrl } from '../../../lib/registries/rubygems/names';

type Json = Record<string, any>;

export interface DemoPage {
  url: string;
  title: string;
  /** What Provenant should show for it. */
  expect: 'verified' | 'partial' | 'absent' | 'failed';
  alert?: string;
  /** An optional registry that must be turned on in the options page first. */
  turnOn?: string;
}

const path = (url: string) => { const u = new URL(url); return u.pathname; };

export function recordedRegistries(fixtures: string) {
  const read = (p: string) => readFileSync(join(fixtures, p));
  const readJSON = (p: string): Json => JSON.parse(read(p).toString('utf8'));
  const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

  // ---------- npm ----------
  function packument(file: string): Json {
    const t = readJSON(`npm-registry/packuments-trimmed/${file}`);
    const versions: Json = {};
    for (const [v, e] of Object.entries<any>(t.versions)) if (e) versions[v] = { name: t.name, version: v, dist: { ...e.dist } };
    return { _id: t.name, name: t.name, 'dist-tags': t['dist-tags'], versions, time: t.time ?? {} };
  }
  const npmAttestations: Record<string, Record<string, Json>> = {
    sigstore: {
      '1.0.0': readJSON('npm-attestations/npm-cli/valid-sigstore-attestations.json'),
      '2.0.0': { attestations: [{ predicateType: 'https://slsa.dev/provenance/v1', bundle: readJSON('npm-attestations/sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json') }] },
    },
    'tuf-js': { '1.0.0': readJSON('npm-attestations/npm-cli/valid-tuf-js-attestations.json') },
    '@laurentsimon/provenance-npm-test': {
      '1.0.0': readJSON('npm-attestations/slsa-verifier/verifiers/internal/gha/testdata/npm-attestations.intoto.sigstore'),
      '1.0.5': readJSON('npm-attestations/slsa-verifier/cli/slsa-verifier/testdata/npm/gha/provenance-npm-test-ossf.tgz.json'),
    },
  };
  const packuments: Record<string, Json> = {
    sigstore: packument('sigstore.json'),
    'tuf-js': packument('tuf-js.json'),
    lodash: packument('lodash.json'),
    '@laurentsimon/provenance-npm-test': laurentsimonPackument(npmAttestations['@laurentsimon/provenance-npm-test']!),
  };

  function laurentsimonPackument(byVersion: Record<string, Json>): Json {
    const name = '@laurentsimon/provenance-npm-test';
    const versions: Json = {};
    for (const [version, att] of Object.entries(byVersion)) {
      const prov = att.attestations.find((a: Json) => a.predicateType.startsWith('https://slsa.dev'));
      const statement = JSON.parse(Buffer.from(prov.bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
      const hex: string = statement.subject[0].digest.sha512;
      versions[version] = { name, version, dist: { integrity: `sha512-${Buffer.from(hex, 'hex').toString('base64')}`, tarball: `https://registry.npmjs.org/@laurentsimon/provenance-npm-test/-/provenance-npm-test-${version}.tgz` } };
    }
    return { _id: name, name, 'dist-tags': { latest: '1.0.0' }, versions, time: {} };
  }

  // ---------- PyPI ----------
  interface PypiRelease { name: string; version: string; uploadedAt: string; files: { filename: string; sha256: string; provenance?: Json; page?: PypiFile['provenance'] }[] }
  const dist = (filename: string) => ({ filename, sha256: sha256(read(`pypi-dists/${filename}`)) });
  const provenance = (attestation: string, publisher: Json) => ({ version: 1, attestation_bundles: [{ publisher, attestations: [readJSON(`pypi-attestations/${attestation}`)] }] });
  const GH = (repository: string, workflow: string) => ({ kind: 'GitHub', repository, workflow, environment: null });

  const pypiReleases: PypiRelease[] = [
    {
      name: 'pypi-attestations', version: '0.0.19', uploadedAt: '2024-12-20T10:00:00Z',
      files: [{ ...dist('pypi_attestations-0.0.19.tar.gz'), provenance: provenance('pypi_attestations-0.0.19.tar.gz.publish.attestation', GH('trailofbits/pypi-attestations', 'release.yml')), page: { publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' } } }],
    },
    {
      name: 'gitlab-oidc-project', version: '0.0.3', uploadedAt: '2024-10-01T10:00:00Z',
      files: [{ ...dist('gitlab_oidc_project-0.0.3.tar.gz'), provenance: provenance('gitlab_oidc_project-0.0.3.tar.gz.publish.attestation', { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: null }), page: { publisher: { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflowFilepath: '.gitlab-ci.yml' } } }],
    },
    {
      // Partial: the real attested sdist plus a wheel listed without provenance.
      // The wheel entry is assembled (no such recorded file); its digest is
      // never verified because the Integrity API answers 404 for it.
      name: 'pypi-attestation-models', version: '0.0.4a2', uploadedAt: '2024-06-01T10:00:00Z',
      files: [
        { ...dist('pypi_attestation_models-0.0.4a2.tar.gz'), provenance: provenance('pypi_attestation_models-0.0.4a2.tar.gz.attestation', GH('trailofbits/pypi-attestation-models', 'release.yml')), page: { publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestation-models', workflow: 'release.yml' } } },
        { filename: 'pypi_attestation_models-0.0.4a2-py3-none-any.whl', sha256: sha256(Buffer.from('pypi_attestation_models-0.0.4a2-py3-none-any.whl (no recorded file)')) },
      ],
    },
  ];

  function jsonApi(release: PypiRelease, all: PypiRelease[]): Json {
    const urls = (r: PypiRelease) => r.files.map((f) => ({
      filename: f.filename,
      packagetype: f.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
      digests: { sha256: f.sha256 },
      url: `https://files.pythonhosted.org/packages/xx/${f.filename}`,
      upload_time_iso_8601: r.uploadedAt,
      yanked: false,
    }));
    return {
      info: { name: release.name, version: release.version, yanked: false, summary: '' },
      urls: urls(release),
      releases: Object.fromEntries(all.filter((r) => r.name === release.name).map((r) => [r.version, urls(r)])),
      vulnerabilities: [],
    };
  }

  /** pypi.org/simple/<name>/ as JSON (PEP 691 + 700 + 740), shaped like tests/fixtures/pypi-simple/ from the same files. */
  function simpleIndex(name: string, all: PypiRelease[]): Json {
    const releases = all.filter((r) => r.name === name);
    return {
      meta: { 'api-version': '1.3' },
      name,
      versions: releases.map((r) => r.version),
      files: releases.flatMap((r) => r.files.map((f) => ({
        filename: f.filename,
        url: `https://files.pythonhosted.org/packages/xx/${f.filename}`,
        hashes: { sha256: f.sha256 },
        yanked: false,
        size: f.provenance ? read(`pypi-dists/${f.filename}`).length : 0,
        'upload-time': r.uploadedAt,
        provenance: f.provenance ? integrityUrl(r.name, r.version, f.filename) : null,
      }))),
    };
  }

  const demoPages: DemoPage[] = [
    { url: 'https://pypi.org/project/pypi-attestations/', title: 'PyPI, GitHub Trusted Publisher: verified', expect: 'verified' },
    { url: 'https://pypi.org/project/gitlab-oidc-project/0.0.3/', title: 'PyPI, GitLab Trusted Publisher: verified', expect: 'verified' },
    { url: 'https://pypi.org/project/pypi-attestation-models/', title: 'PyPI, one file attested, one not: partial', expect: 'partial' },
    { url: 'https://www.npmjs.com/package/sigstore/v/1.0.0', title: 'npm, 2023 provenance + publish attestation: verified', expect: 'verified' },
    { url: 'https://www.npmjs.com/package/sigstore/v/2.0.0', title: 'npm, SLSA v1 provenance: verified, workflow changed since 1.0.0', expect: 'verified', alert: 'publisher-changed' },
    { url: 'https://www.npmjs.com/package/sigstore', title: 'npm latest with no recorded provenance: provenance lost', expect: 'absent', alert: 'provenance-lost' },
    { url: 'https://www.npmjs.com/package/@laurentsimon/provenance-npm-test', title: 'npm scoped package: verified', expect: 'verified' },
    { url: 'https://www.npmjs.com/package/lodash', title: 'npm, no provenance: absent', expect: 'absent' },
    { url: 'https://rubygems.org/gems/sigstore/versions/0.2.3', title: 'RubyGems, GitHub Actions trusted publisher: verified (turn RubyGems on in the options page first)', expect: 'verified', turnOn: 'rubygems' },
  ];

  // ---------- RubyGems ----------
  const gemVersions: Json[] = readJSON('rubygems/api-recorded/v1_versions_sigstore.json') as unknown as Json[];
  const gemAttestations: Record<string, unknown[]> = Object.fromEntries(gemVersions.map((v) => [v.number as string, []]));
  gemAttestations['0.2.3'] = readJSON('rubygems/api-recorded/v1_attestations_sigstore-0.2.3.json') as unknown as unknown[];
  gemAttestations['0.2.2'] = gemAttestations['0.2.3'];

  function install(server: ReplayServer): void {
    server.route('rubygems.org', path(gemVersionsUrl('sigstore')), json(gemVersions));
    for (const [number, body] of Object.entries(gemAttestations)) server.route('rubygems.org', path(gemAttestationsUrl('sigstore', number)), json(body));
    const gemPage = (version: string) => html(rubygemsGemPage({ name: 'sigstore', version, summary: gemVersions[0]!.summary as string, versions: gemVersions.map((v) => v.number as string) }));
    server.route('rubygems.org', '/gems/sigstore', gemPage(gemVersions[0]!.number as string));
    for (const v of gemVersions) server.route('rubygems.org', `/gems/sigstore/versions/${v.number as string}`, gemPage(v.number as string));

    for (const [name, doc] of Object.entries(packuments)) {
      server.route('registry.npmjs.org', path(packumentUrl(name)), json(doc));
      for (const [version, body] of Object.entries(npmAttestations[name] ?? {})) {
        server.route('registry.npmjs.org', path(attestationsUrl(name, version)), json(body));
      }
      const latest: string = doc['dist-tags'].latest;
      const versions = Object.keys(doc.versions).map((v) => ({ version: v, date: (doc.time?.[v] as string) ?? '2024-01-01T00:00:00.000Z' }));
      const related = Object.keys(packuments).filter((n) => n !== name).map((n) => ({ name: n, latest: packuments[n]!['dist-tags'].latest }));
      server.route('www.npmjs.com', new RegExp(`^/package/${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:/v/(?<version>[^/?#]+))?(?:\\?.*)?$`), (req) =>
        html(npmPackagePage({ name, version: req.params?.version ?? latest, latest, versions, related })),
      );
    }
    for (const release of pypiReleases) {
      const api = json(jsonApi(release, pypiReleases));
      server.route('pypi.org', path(jsonApiUrl(release.name, release.version)), api);
      server.route('pypi.org', path(jsonApiUrl(release.name)), api);
      server.route('pypi.org', path(simpleIndexUrl(release.name)), json(simpleIndex(release.name, pypiReleases), 200, { 'content-type': SIMPLE_JSON_MEDIA_TYPE }));
      for (const f of release.files) {
        if (f.provenance) server.route('pypi.org', path(integrityUrl(release.name, release.version, f.filename)), json(f.provenance));
        else server.route('pypi.org', path(integrityUrl(release.name, release.version, f.filename)), json({ message: `No provenance available for ${f.filename}` }, 404));
      }
      const page = html(pypiProjectPage({ name: release.name, version: release.version, files: release.files.map((f) => ({ filename: f.filename, sha256: f.sha256, provenance: f.page })) }));
      server.route('pypi.org', `/project/${release.name}/`, page);
      server.route('pypi.org', `/project/${release.name}/${release.version}/`, page);
    }
  }

  return { install, demoPages, packuments, npmAttestations, pypiReleases, jsonApi, simpleIndex, gemVersions, gemAttestations };
}
