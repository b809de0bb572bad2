import * as z from '../zod';
import { ecosystemSchema } from '../report/model';

/** A package page as detected from a URL: which release the user is looking at. */
export const packagePageSchema = z.object({
  ecosystem: ecosystemSchema,
  /** npm: `@scope/name`; PyPI: the name as written in the URL (normalized by the adapter). */
  package: z.string().check(z.minLength(1), z.maxLength(214)),
  /** Absent when the URL names no version (latest). */
  version: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});
export type PackagePage = z.infer<typeof packagePageSchema>;
