import { Fragment } from 'preact';
import { REGISTRY_PAGES, REGISTRY_SITES } from '../../lib/registries/pages';
import { listWords } from '../../lib/ui/list-words';

/** The popup on any tab that does not show a registry's package (lib/registries/pages.ts). */
export function NotAPackage({ optionsUrl }: { optionsUrl: string }) {
  return (
    <section class="intro" aria-labelledby="pv-intro-heading">
      <h2 id="pv-intro-heading">This tab is not a package page</h2>
      <p>
        Provenant checks where {listWords(REGISTRY_SITES.map((r) => r.label), 'and')} releases came from: it verifies their signed build attestations (Sigstore
        provenance) in your browser and tells you which repository and workflow built them.
      </p>
      <ol>
        <li>
          Open{' '}
          {REGISTRY_PAGES.map((r, i) => (
            <Fragment key={r.ecosystem}>
              {i === 0 ? '' : i === REGISTRY_PAGES.length - 1 ? ' or ' : ', '}a {r.itemWord} on <strong>{r.siteHosts[0]}</strong> (<code>{r.pathHint}</code>)
            </Fragment>
          ))}
          .
        </li>
        <li>A badge next to the package name shows the result; this button shows the details.</li>
        <li>
          To be warned when a package is suddenly built somewhere else, pin its identity here or in the{' '}
          <a href={optionsUrl} target="_blank" rel="noopener">
            identity pins
          </a>
          .
        </li>
      </ol>
    </section>
  );
}
