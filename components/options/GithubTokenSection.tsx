import { useCallback, useEffect, useState } from 'preact/hooks';
import { githubTokenSchema } from '../../lib/registries/github/token';

export interface GithubTokenApi {
  githubTokenStatus(): Promise<{ set: boolean }>;
  saveGithubToken(token: string | null): Promise<{ set: boolean }>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * An optional GitHub token: without one GitHub's API allows 60 requests an
 * hour. Kept in this browser only and sent only to api.github.com; the page
 * never shows it again once saved (the background says only whether one is set).
 */
export function GithubTokenSection({ api }: { api: GithubTokenApi }) {
  const [set, setSet] = useState<boolean | undefined>();
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.githubTokenStatus().then((s) => setSet(s.set), (e) => setNotice(`Could not read the token setting: ${errorText(e)}`));
  }, [api]);

  const save = useCallback(
    async (token: string | null) => {
      if (token !== null && !githubTokenSchema.safeParse(token).success) {
        setNotice('Not saved: that is not a GitHub token (ghp_…, github_pat_…).');
        return;
      }
      setBusy(true);
      try {
        const s = await api.saveGithubToken(token);
        setSet(s.set);
        setDraft('');
        setNotice(token === null ? 'Removed the GitHub token.' : 'Saved the GitHub token.');
      } catch (e) {
        setNotice(`Not saved: ${errorText(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  return (
    <section aria-labelledby="github-token-heading" data-github-token={set === undefined ? 'unknown' : set ? 'set' : 'unset'}>
      <h2 id="github-token-heading">GitHub token (optional)</h2>
      <p class="hint" id="github-token-hint">
        Without a token GitHub&rsquo;s API allows 60 requests an hour, shared by every release page you open. A token (no scopes
        needed for public repositories) raises that. It stays in this browser (never synced), is sent only to api.github.com, and
        is not shown again once saved.
      </p>
      <p>{set === undefined ? '\u2026' : set ? 'A token is set.' : 'No token is set.'}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft.trim());
        }}
      >
        <label for="github-token">Token</label>{' '}
        <input
          id="github-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={draft}
          aria-describedby="github-token-hint"
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button type="submit" disabled={busy || draft.trim() === ''}>
          Save token
        </button>{' '}
        {set ? (
          <button type="button" disabled={busy} onClick={() => void save(null)} data-github-token-remove>
            Remove token
          </button>
        ) : null}
      </form>
      <p role="status">{notice}</p>
    </section>
  );
}
