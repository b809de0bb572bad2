/** "What does this mean?" for a person who has never heard of attestations. */
export function Explainer() {
  return (
    <details class="explainer">
      <summary>What does this mean?</summary>
      <p>
        When a package is built by a public CI service such as GitHub Actions, the build can sign a short statement
        &mdash; an <em>attestation</em> &mdash; saying which repository, workflow and commit produced each file. The
        signature is tied to that build, not to a person&rsquo;s password, and is recorded in a public transparency log
        (Sigstore), so it cannot quietly be changed later.
      </p>
      <p>
        Provenant checks these signatures in your browser and checks that they describe exactly the files the registry
        serves. <strong>Verified</strong> means the files come from the build named here. It does not mean the code is
        safe: only that you know where it was built.
      </p>
      <p>
        The signatures are checked against Sigstore&rsquo;s list of trusted logs and authorities, which Provenant keeps
        current from Sigstore&rsquo;s own update repository (the options page shows which copy is in use).
      </p>
      <p>
        If you <strong>pin</strong> a package&rsquo;s identity, Provenant warns you loudly when a later release is built
        somewhere else &mdash; for example by an attacker who stole a publishing token.
      </p>
    </details>
  );
}
