import * as z from '../../zod';

/**
 * A GitHub token as the options page takes it: classic (`ghp_…`) and
 * fine-grained (`github_pat_…`) personal access tokens, and the other
 * `gh?_` kinds; only the characters GitHub issues, so nothing else can ride
 * in an Authorization header. Public data needs no scope at all.
 */
export const githubTokenSchema = z.string().check(z.regex(/^(gh[pousr]_[A-Za-z0-9]{20,251}|github_pat_[A-Za-z0-9_]{20,251})$/));
