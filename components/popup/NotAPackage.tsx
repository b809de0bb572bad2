/** The popup on any tab that does not show a PyPI project or npm package. */
export function NotAPackage({ optionsUrl }: { optionsUrl: string }) {
  return (
    <section class="intro" aria-labelledby="pv-intro-heading">
      <h2 id="pv-intro-heading">This tab is not a package page</h2>
      <p>
        Provenant checks where PyPI and npm releases came from: it verifies their signed build attestations (Sigstore
        provenance) in your browser and tells you which repository and workflow built them.
      </p>
      <ol>
        <li>
          Open a project on <strong>pypi.org</strong> (<code>/project/&lt;name&gt;/</code>) or a package on{' '}
          <strong>www.npmjs.com</strong> (<code>/package/&lt;name&gt;</code>).
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
