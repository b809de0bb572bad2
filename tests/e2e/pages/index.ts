/**
 * HTML for the replay server's pypi.org and www.npmjs.com package pages.
 *
 * These are AUTHORED RECONSTRUCTIONS, not recordings: pypi.org and www.npmjs.com cannot be
 * reached from the build machines, so each page reproduces only the landmarks documented
 * in docs/page-structure.md (warehouse templates for PyPI; third-party userscript
 * selectors for npmjs.com), with just enough surrounding markup to look like a page.
 * Class names, ids and aria labels that PAGE-STRUCTURE.md names are kept exactly; the
 * rest is invented filler. The registry API responses served next to these pages
 * (packuments, provenance, attestations) are real recordings from tests/fixtures/.
 */

export interface PypiFile {
  filename: string;
  sha256: string;
  md5?: string;
  blake2b256?: string;
  /** e.g. "24.9 kB" */
  size?: string;
  /** ISO date, shown in "Upload date". */
  uploadedAt?: string;
  trustedPublishing?: boolean;
  /** Renders the "Provenance" section of the file details like warehouse does. */
  provenance?: {
    publisher:
      | { kind: 'GitHub'; repository: string; workflow: string }
      | { kind: 'GitLab'; repository: string; workflowFilepath: string }
      | { kind: 'Google'; email: string };
    logIndex?: number;
  };
}

export interface PypiProjectPageOptions {
  name: string;
  version: string;
  files: PypiFile[];
  summary?: string;
  /** False for /project/<name>/<version>/ pages of older releases (changes the pip command). */
  latest?: boolean;
}

export interface NpmVersion {
  version: string;
  /** ISO date */
  date: string;
}

export interface NpmPackageData {
  name: string;
  /** dist-tags.latest; defaults to `version` for the page's own package. */
  latest?: string;
  versions?: NpmVersion[];
  description?: string;
  repository?: string;
}

export interface NpmPackagePageOptions extends NpmPackageData {
  /** The version this page shows (the /v/<version> part, or latest). */
  version: string;
  /** Other packages the page links to with data-spa links (rendered as dependencies). */
  related?: NpmPackageData[];
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function pythonhostedUrl(file: PypiFile): string {
  // Real download URLs are /packages/<b2[0:2]>/<b2[2:4]>/<b2[4:]>/<filename>.
  const h = file.blake2b256 ?? file.sha256;
  return `https://files.pythonhosted.org/packages/${h.slice(0, 2)}/${h.slice(2, 4)}/${h.slice(4)}/${encodeURIComponent(file.filename)}`;
}

function pypiPublisher(p: NonNullable<PypiFile['provenance']>['publisher']): string {
  switch (p.kind) {
    case 'GitHub':
      return `<a href="https://github.com/${escapeHtml(p.repository)}/blob/HEAD/.github/workflows/${escapeHtml(p.workflow)}"><i class="fa-brands fa-github" aria-hidden="true"></i> <code>${escapeHtml(p.workflow)}</code> on ${escapeHtml(p.repository)}</a>`;
    case 'GitLab':
      return `<a href="https://gitlab.com/${escapeHtml(p.repository)}/blob/HEAD/${escapeHtml(p.workflowFilepath)}"><i class="fa-brands fa-gitlab" aria-hidden="true"></i> <code>${escapeHtml(p.workflowFilepath)}</code> on ${escapeHtml(p.repository)}</a>`;
    case 'Google':
      return `<code>${escapeHtml(p.email)}</code>`;
  }
}

function pypiFileDetails(file: PypiFile): string {
  const f = escapeHtml(file.filename);
  const hashRow = (algo: string, value: string | undefined) =>
    value === undefined
      ? ''
      : `<tr><th scope="row">${algo}</th><td><code data-clipboard-target="source">${escapeHtml(value)}</code></td><td><button type="button" class="button button--small copy-tooltip" data-clipboard-source>Copy</button></td></tr>`;
  const provenance = file.provenance
    ? `
        <h3>Provenance</h3>
        <p>The following attestation bundles were made for <code>${f}</code>:</p>
        <div class="file">
          <div class="file__graphic"><i class="fa fa-file-circle-check" aria-hidden="true"></i></div>
          <div class="card file__card">
            <p>Publisher: ${pypiPublisher(file.provenance.publisher)}</p>
            <p>Attestations: <i>Values shown here reflect the state when the release was signed and may no longer be current.</i></p>
            <ul>
              <li>Statement type: <a href="https://in-toto.io/Statement/v1">https://in-toto.io/Statement/v1</a></li>
              <li>Predicate type: <a href="https://docs.pypi.org/attestations/publish/v1">https://docs.pypi.org/attestations/publish/v1</a></li>
              <li>Subject name: <code>${f}</code></li>
              <li>Subject digest: <code>${escapeHtml(file.sha256)}</code></li>
              ${
                file.provenance.logIndex === undefined
                  ? ''
                  : `<li>Sigstore transparency entry: <a href="https://search.sigstore.dev/?logIndex=${file.provenance.logIndex}">${file.provenance.logIndex}</a></li>`
              }
            </ul>
          </div>
        </div>`
    : '';
  return `
      <div id="${f}" class="vertical-tabs__content" role="tabpanel" aria-labelledby="file-tab mobile-file-tab" tabindex="-1">
        <h2 class="page-title">Details for the file <code>${f}</code>.</h2>
        <h3>File metadata</h3>
        <ul>
          <li>Download URL: <a href="${escapeHtml(pythonhostedUrl(file))}">${f}</a></li>
          <li>Upload date: <time datetime="${escapeHtml(file.uploadedAt ?? '2024-01-01T00:00:00+0000')}">${escapeHtml((file.uploadedAt ?? '2024-01-01').slice(0, 10))}</time></li>
          <li>Size: ${escapeHtml(file.size ?? '10.0 kB')}</li>
          <li>Tags: ${file.filename.endsWith('.whl') ? 'Python 3' : 'Source'}</li>
          <li>Uploaded using Trusted Publishing? ${(file.trustedPublishing ?? !!file.provenance) ? 'Yes' : 'No'}</li>
          <li>Uploaded via: <code>twine/6.0.1 CPython/3.12.7</code></li>
        </ul>
        <h3>File hashes</h3>
        <table class="table table--hashes">
          <caption class="sr-only">Hashes for ${f}</caption>
          <thead><tr><th scope="col">Algorithm</th><th scope="col">Hash digest</th><th></th></tr></thead>
          <tbody>
            ${hashRow('SHA256', file.sha256)}
            ${hashRow('MD5', file.md5)}
            ${hashRow('BLAKE2b-256', file.blake2b256)}
          </tbody>
        </table>
        <p><a href="https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode">See more details on using hashes here.</a></p>${provenance}
      </div>`;
}

/** A pypi.org project (release) page in the post-2026-08 "project-tabs" layout. */
export function pypiProjectPage(o: PypiProjectPageOptions): string {
  const name = escapeHtml(o.name);
  const version = escapeHtml(o.version);
  const latest = o.latest ?? true;
  const pip = latest ? `pip install ${name}` : `pip install ${name}==${version}`;
  const cards = o.files
    .map(
      (file) => `
        <div class="file">
          <div class="card file__card">
            <a href="${escapeHtml(pythonhostedUrl(file))}">${escapeHtml(file.filename)}</a>
            (${escapeHtml(file.size ?? '10.0 kB')} <a href="#${escapeHtml(file.filename)}">view details</a>)
            <p class="file__meta">Uploaded <time>${escapeHtml((file.uploadedAt ?? '2024-01-01').slice(0, 10))}</time> ${
              file.filename.endsWith('.whl') ? '<code>py3</code>' : '<code>Source</code>'
            }</p>
          </div>
        </div>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${name} · PyPI</title>
  <meta name="description" content="${escapeHtml(o.summary ?? '')}">
  <link rel="canonical" href="https://pypi.org/project/${name}/">
  <style>
    body { font-family: sans-serif; margin: 0; color: #222; }
    .banner--project { background: #f3f3f3; padding: 24px; border-bottom: 1px solid #ddd; }
    .project-header__name { margin: 0 0 8px; font-size: 2rem; }
    .project-tabs__list { display: flex; gap: 16px; list-style: none; padding: 0 24px; }
    .project-description, [role=tabpanel] { padding: 0 24px; }
    .project-description { display: flex; gap: 24px; }
    .project-description__main { flex: 3; } .project-description__sidebar { flex: 1; }
    .file__card { border: 1px solid #ddd; padding: 8px 12px; margin: 8px 0; }
    .table--hashes th, .table--hashes td { text-align: left; padding: 2px 8px; }
    code { word-break: break-all; }
  </style>
</head>
<body data-controller="viewport-toggle">
  <main id="content">
    <div class="banner banner--project">
      <div class="project-header">
        <h1 class="project-header__name">${name} ${version}</h1>
        <p class="project-header__pip-instructions"><span id="pip-command">${pip}</span></p>
        <p class="project-header__summary">${escapeHtml(o.summary ?? `The ${o.name} project`)}</p>
      </div>
    </div>
    <div class="project-tabs" data-controller="project-tabs">
      <nav class="project-tabs__tabs" aria-label="Project navigation">
        <ul class="project-tabs__list">
          <li><a id="description-tab" href="#description" data-action="project-tabs#onTabClick">Description</a></li>
          <li><a id="files-tab" href="#files" data-action="project-tabs#onTabClick">Download files</a></li>
          <li><a id="history-tab" href="#history" data-action="project-tabs#onTabClick">Release history</a></li>
        </ul>
      </nav>
      <div id="description" data-project-tabs-target="content" role="tabpanel" aria-labelledby="description-tab">
        <div class="project-description">
          <div class="project-description__main"><p>${escapeHtml(o.summary ?? `The ${o.name} project`)}.</p></div>
          <div class="project-description__sidebar">
            <div class="sidebar-section">
              <h2 class="sidebar-section__title">Verified details</h2>
              <div class="sidebar-section__content sidebar-section__content--verified">
                <details class="sidebar-section__data-source">
                  <summary class="sidebar-section__data-source-label">These details have been verified by PyPI</summary>
                  <p>Project links and metadata verified by PyPI at the time of upload.</p>
                </details>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div id="history" data-project-tabs-target="content" role="tabpanel" aria-labelledby="history-tab">
        <h2 class="page-title">Release history</h2>
        <p><a href="/project/${name}/${version}/">${version}</a></p>
      </div>
      <div id="files" data-project-tabs-target="content" role="tabpanel" aria-labelledby="files-tab" data-controller="filter-list">
        <h2 class="page-title">Download files</h2>
        ${cards}
      </div>
      ${o.files.map(pypiFileDetails).join('')}
    </div>
  </main>
</body>
</html>
`;
}

/** `window.__context__` as npmjs.com embeds it (only the documented keys). */
export function npmContext(pkg: NpmPackageData, version: string) {
  const latest = pkg.latest ?? version;
  const versions = pkg.versions ?? [{ version, date: '2024-01-01T00:00:00.000Z' }];
  return {
    context: {
      packument: {
        name: pkg.name,
        description: pkg.description ?? '',
        repository: pkg.repository ?? '',
        distTags: { latest },
        versions,
      },
      packageVersion: { version },
      versionsDownloads: Object.fromEntries(versions.map((v) => [v.version, 0])),
    },
    hash: 'e2e',
  };
}

/**
 * The page script: renders #top from state, and on clicks on a[data-spa] does what
 * npmjs.com's SPA does (history.pushState, no page load) and re-renders #top.
 * Only DOM APIs and textContent: page data never goes through innerHTML.
 */
const NPM_PAGE_SCRIPT = String.raw`
(function () {
  var boot = JSON.parse(document.getElementById('e2e-npm-state').textContent);
  var packages = {};
  boot.packages.forEach(function (p) { packages[p.name] = p; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function pkgHref(name, version) { return '/package/' + name + (version ? '/v/' + version : ''); }

  function parse(pathname) {
    var m = /^\/package\/((?:@[^/]+\/)?[^/]+)(?:\/v\/([^/?#]+))?/.exec(pathname);
    if (!m) return null;
    var name = decodeURIComponent(m[1]);
    var pkg = packages[name] || { name: name };
    var version = m[2] ? decodeURIComponent(m[2]) : (pkg.latest || (pkg.versions && pkg.versions[0] && pkg.versions[0].version) || '0.0.0');
    return { pkg: pkg, version: version };
  }

  function contextFor(pkg, version) {
    var versions = pkg.versions || [{ version: version, date: '2024-01-01T00:00:00.000Z' }];
    var downloads = {};
    versions.forEach(function (v) { downloads[v.version] = 0; });
    return { context: { packument: { name: pkg.name, description: pkg.description || '', repository: pkg.repository || '',
      distTags: { latest: pkg.latest || version }, versions: versions }, packageVersion: { version: version },
      versionsDownloads: downloads }, hash: 'e2e' };
  }

  function render(state) {
    var pkg = state.pkg, version = state.version;
    var top = document.getElementById('top');
    var versions = pkg.versions || [{ version: version, date: '2024-01-01T00:00:00.000Z' }];
    var header = el('div', { 'class': 'w-100 ph0-l ph3 ph4-m' }, [
      el('h1', { 'class': 'package-name' }, [el('span', { 'class': 'package-name-text', title: pkg.name }, [pkg.name])]),
      el('span', { 'class': 'package-version' }, [version + ' \u2022 Public \u2022 Published ' + ((versions.filter(function (v) { return v.version === version; })[0] || {}).date || '').slice(0, 10)])
    ]);
    var tabs = el('ul', { role: 'tablist', 'class': 'package-tabs' }, ['readme', 'code', 'dependencies', 'versions'].map(function (t) {
      return el('li', { role: 'presentation' }, [el('a', { id: 'package-tab-' + t, role: 'tab', href: '?activeTab=' + t }, [t])]);
    }));
    var readme = el('section', { id: 'tabpanel-readme', role: 'tabpanel' }, [el('p', {}, [pkg.description || ('The ' + pkg.name + ' package.')])]);
    var deps = el('section', { id: 'tabpanel-dependencies', role: 'tabpanel' }, [el('ul', {}, boot.packages.filter(function (p) { return p.name !== pkg.name; }).map(function (p) {
      return el('li', {}, [el('a', { href: pkgHref(p.name), 'data-spa': '' }, [p.name])]);
    }))]);
    var rows = versions.map(function (v) {
      return el('tr', {}, [el('td', {}, [el('a', { 'class': 'code', href: pkgHref(pkg.name, v.version), 'data-spa': '' }, [v.version])]), el('td', {}, [v.date.slice(0, 10)])]);
    });
    var history = el('section', { id: 'tabpanel-versions', role: 'tabpanel' }, [
      el('h3', { id: 'version-history' }, ['Version History']),
      el('table', { 'aria-labelledby': 'version-history' }, [el('tbody', {}, rows)])
    ]);
    var sidebar = el('aside', { 'aria-label': 'Package sidebar' }, [
      el('div', {}, [el('h3', {}, ['Install']), el('p', {}, [el('code', {}, ['npm i ' + pkg.name]), el('button', { type: 'button', 'aria-label': 'Copy install command line' }, ['copy'])])]),
      el('div', {}, [el('h3', {}, ['Version']), el('p', {}, [version])]),
      el('div', {}, [el('h3', {}, ['Repository']), el('p', {}, [el('a', { href: pkg.repository || '#', 'aria-labelledby': 'repository repository-link' }, [pkg.repository || ''])])])
    ]);
    top.replaceChildren(header, tabs, readme, deps, history, sidebar);
    document.title = pkg.name + ' - npm';
    window.__context__ = contextFor(pkg, version);
  }

  document.addEventListener('click', function (ev) {
    var a = ev.target instanceof Element ? ev.target.closest('a[data-spa]') : null;
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
    var url = new URL(a.getAttribute('href'), location.href);
    var state = parse(url.pathname);
    if (!state) return;
    ev.preventDefault();
    history.pushState({ e2e: true }, '', url.href);
    render(state);
  });
  window.addEventListener('popstate', function () {
    var state = parse(location.pathname);
    if (state) render(state);
  });

  render(parse(location.pathname) || { pkg: packages[boot.initial.name], version: boot.initial.version });
})();
`;

/**
 * A www.npmjs.com package page: `#top` with `h1 > span` name, `[aria-label="Package sidebar"]`,
 * the embedded `window.__context__`, and SPA navigation on `a[data-spa]` links. #top is
 * rendered by an inline script placed right after it, so it exists before
 * DOMContentLoaded, as with npmjs.com's server-rendered markup.
 */
export function npmPackagePage(o: NpmPackagePageOptions): string {
  const own: NpmPackageData = {
    name: o.name,
    latest: o.latest ?? o.version,
    versions: o.versions ?? [{ version: o.version, date: '2024-01-01T00:00:00.000Z' }],
    description: o.description,
    repository: o.repository,
  };
  const state = { initial: { name: o.name, version: o.version }, packages: [own, ...(o.related ?? [])] };
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(o.name)} - npm</title>
  <style>
    body { font-family: sans-serif; margin: 0; color: #222; }
    header.site { background: #cb3837; color: #fff; padding: 12px 24px; }
    #top { display: grid; grid-template-columns: 3fr 1fr; gap: 8px 24px; padding: 24px; }
    #top > div:first-child, #top > ul, #top > section { grid-column: 1; }
    #top > aside { grid-column: 2; grid-row: 1 / span 6; border-left: 1px solid #eee; padding-left: 16px; }
    .package-tabs { display: flex; gap: 16px; list-style: none; padding: 0; }
    h1 { margin: 0; }
  </style>
  <script>window.__context__ = ${scriptJson(npmContext(own, o.version))};</script>
</head>
<body>
  <div aria-label="Site notifications"></div>
  <header class="site">npm</header>
  <main id="main">
    <div id="top"></div>
    <script type="application/json" id="e2e-npm-state">${scriptJson(state)}</script>
    <script>${NPM_PAGE_SCRIPT}</script>
  </main>
</body>
</html>
`;
}

export interface RubygemsGemPageOptions {
  name: string;
  /** The version slug the page shows (`0.2.3`, `1.16.0-x86_64-linux`). */
  version: string;
  summary?: string;
  /** Other versions listed in the page's versions box, newest first. */
  versions?: string[];
}

/**
 * A rubygems.org gem page, shaped (no real page could be recorded: rubygems.org is
 * unreachable here) around the one landmark Provenant reads, the layout's title
 * (rubygems/rubygems.org app/views/layouts/application.html.erb):
 * `<h1 class="t-display page__heading">name <i class="page__subheading">version</i></h1>`,
 * inside `main > .l-wrap--b`, with the show page's versions list below it.
 */
export function rubygemsGemPage(o: RubygemsGemPageOptions): string {
  const versions = (o.versions ?? [o.version])
    .map((v) => `<li class="gem__version-wrap"><a class="t-list__item" href="/gems/${escapeHtml(o.name)}/versions/${escapeHtml(v)}">${escapeHtml(v)}</a></li>`)
    .join('\n          ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>${escapeHtml(o.name)} | RubyGems.org | your community gem host</title>
  <style>
    body { font-family: sans-serif; margin: 0; color: #141c22; }
    header.header { background: #141c22; color: #fff; padding: 14px 24px; }
    header.header a { color: #fff; text-decoration: none; font-weight: 600; }
    .t-link--black { color: #141c22; text-decoration: none; }
    .l-wrap--b { padding: 24px 32px; }
    h1.page__heading { font-size: 40px; font-weight: 300; margin: 0 0 16px; }
    .page__subheading { font-size: 20px; color: #6f7477; font-style: normal; margin-left: 8px; }
    .gem__versions { list-style: none; padding: 0; }
  </style>
</head>
<body>
  <header class="header"><div class="l-wrap--header"><a class="header__logo-wrap" href="/" title="RubyGems">RubyGems</a></div></header>
  <main class="main--interior">
    <div class="l-wrap--b">
      <h1 class="t-display page__heading">
        <a class="t-link--black" href="/gems/${escapeHtml(o.name)}">${escapeHtml(o.name)}</a>
        <i class="page__subheading">${escapeHtml(o.version)}</i>
      </h1>
      <div class="l-overflow">
        <div class="gem__intro"><div id="markup" class="gem__desc"><p>${escapeHtml(o.summary ?? '')}</p></div></div>
        <div class="versions">
          <h3 class="t-list__heading">Versions:</h3>
          <ol class="gem__versions t-list__items">
          ${versions}
          </ol>
        </div>
      </div>
    </div>
  </main>
</body>
</html>`;
}
