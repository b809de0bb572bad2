import * as z from '../../zod';

/**
 * npm staged publishing (npm ≥ 11.15, May 2026; the approver is recorded
 * from 11.16): a release staged by CI goes live only when a maintainer
 * approves it with 2FA, and the registry records who approved it as
 * `_npmUser.approver` in the version's metadata. That is the registry's
 * word, not signed by anyone: it is shown, labelled as such, and never
 * decides a status.
 */

/** npm user names are at most 214 characters (as package names); no control characters or spaces. */
// eslint-disable-next-line no-control-regex -- control characters are what a user name may not hold
const NPM_USER_NAME = /^[^\s\u0000-\u001f\u007f]{1,214}$/;

const approverName = z.string().check(z.maxLength(214), z.regex(NPM_USER_NAME, 'an npm user name'));

/**
 * `_npmUser.approver` as a user name, or as a user object `{ name, email? }`
 * like `_npmUser` itself; either way only the name is kept (an email is not
 * shown: the registry does not publish approvers' addresses elsewhere).
 */
const npmUserSchema = z.object({
  approver: z.optional(z.union([approverName, z.object({ name: approverName })])),
});

/** The approver of a staged release, or undefined: absent, or not in a shape read here (never an error: it is display only). */
export function stagedApprover(npmUser: unknown): string | undefined {
  const parsed = npmUserSchema.safeParse(npmUser);
  if (!parsed.success || parsed.data.approver === undefined) return undefined;
  return typeof parsed.data.approver === 'string' ? parsed.data.approver : parsed.data.approver.name;
}
