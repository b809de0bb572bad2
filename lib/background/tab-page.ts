import { detectPackagePage } from '../pages/detect';
import type { PackagePage } from '../pages/package-page';

/** The package page a tab shows now, from its URL; null when it shows none or the URL is hidden. */
export function pageAt(url: string | undefined): PackagePage | null {
  if (!url) return null;
  try {
    return detectPackagePage(new URL(url));
  } catch {
    return null;
  }
}
