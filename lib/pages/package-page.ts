import { z } from 'zod';
import { ecosystemSchema } from '../report/model';

/** A package page as detected from a URL: which release the user is looking at. */
export const packagePageSchema = z.object({
  ecosystem: ecosystemSchema,
  /** npm: `@scope/name`; PyPI: the name as written in the URL (normalized by the adapter). */
  package: z.string().min(1).max(214),
  /** Absent when the URL names no version (latest). */
  version: z.string().min(1).max(128).optional(),
});
export type PackagePage = z.infer<typeof packagePageSchema>;
