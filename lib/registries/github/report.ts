import * as z from '../../zod';
import { releaseReportSchema } from '../../report/model';

/**
 * The report shape npm and PyPI produce, with `ecosystem: 'github'` and the
 * package named `owner/repo`. It stays local until the registry descriptor
 * (issue 10) derives the ecosystem list, so that adding GitHub does not edit
 * the ecosystem switches that work is removing.
 */
export const githubReleaseReportSchema = z.extend(releaseReportSchema, { ecosystem: z.literal('github') });
export type GithubReleaseReport = z.infer<typeof githubReleaseReportSchema>;
