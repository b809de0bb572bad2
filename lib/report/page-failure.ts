import type { Failure } from '../errors/report-fields';
import type { PackagePage } from '../pages/package-page';
import type { ReleaseReport } from './model';

/** A release the worker answers for without checking it (its registry off, no trust root): the page, why, and no files. */
export function pageFailureReport(page: PackagePage, failure: Failure): ReleaseReport {
  return { ecosystem: page.ecosystem, package: page.package, version: page.version ?? '', ...failure, artifacts: [], checkedAt: new Date().toISOString() };
}
