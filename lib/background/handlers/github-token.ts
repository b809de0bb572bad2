import { githubTokenItem } from '../../storage/items';
import { githubTokenSchema } from '../../registries/github/token';
import type { HandlersFor } from './handler-map';

/**
 * The GitHub token (options page only: the router accepts these from the
 * extension's own pages). Stored in storage.local, which never syncs; the
 * answer says whether one is set and never carries the token back.
 */
export function githubTokenHandlers(): HandlersFor<'githubToken/status' | 'githubToken/save'> {
  const status = async () => ({ set: githubTokenSchema.safeParse(await githubTokenItem.getValue()).success });
  return {
    'githubToken/status': status,
    async 'githubToken/save'(request) {
      await githubTokenItem.setValue(request.token);
      return status();
    },
  };
}
