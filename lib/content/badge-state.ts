import type { PackagePage } from '../pages/package-page';
import type { AlertLevel } from '../history/alerts';
import type { BadgeStatus } from '../policy/verdict';
import type { Identity } from '../report/model';
import { isFinalStatus } from '../policy/status';
import type { BadgeVerdict } from './badge-verdict';

/**
 * The badge of one navigation. Rules (issue #4): it starts `pending`; an
 * `error` may be replaced by anything; a final status stays until the next
 * navigation — a late or repeated answer never turns `verified` into
 * `failed` or back on the same page.
 */
export interface BadgeView {
  page: PackagePage;
  status: BadgeStatus;
  /** `data-version`: the verdict's resolved version once known, else the URL's. */
  version: string;
  identity: Identity | undefined;
  alerts: string[];
  /** The highest level of the alerts (`data-alert-level`): a high alert never reads as plain green. */
  alertLevel: AlertLevel | undefined;
  message: string | undefined;
  /** A verified release without a public log entry says so (lib/report/no-public-log.ts). */
  noPublicLog?: string | undefined;
  /** Requests answered with an error (or not answered) so far. */
  errors: number;
}

export function initialView(page: PackagePage): BadgeView {
  return { page, status: 'pending', version: page.version ?? '', identity: undefined, alerts: [], alertLevel: undefined, message: undefined, errors: 0 };
}

export function applyVerdict(view: BadgeView, verdict: BadgeVerdict): BadgeView {
  if (isFinalStatus(view.status)) return view;
  return {
    ...view,
    status: verdict.status,
    version: verdict.version || view.version,
    identity: verdict.identity,
    message: verdict.message,
    noPublicLog: verdict.noPublicLog,
    errors: verdict.status === 'error' ? view.errors + 1 : view.errors,
  };
}

/** The background could not be asked (worker restarting, extension reloaded) or answered nonsense. */
export function applyFailure(view: BadgeView, message: string): BadgeView {
  if (isFinalStatus(view.status)) return view;
  return { ...view, status: 'error', message, errors: view.errors + 1 };
}

/**
 * Alerts from the package's earlier versions (`history/get`) arrive after
 * the verdict. They are added to the badge; the status itself stays.
 */
export function addAlerts(view: BadgeView, alerts: readonly string[], level?: AlertLevel): BadgeView {
  const merged = [...new Set([...view.alerts, ...alerts])];
  const alertLevel = highest(view.alertLevel, alerts.length > 0 ? level : undefined);
  return merged.length === view.alerts.length && alertLevel === view.alertLevel ? view : { ...view, alerts: merged, alertLevel };
}

function highest(a: AlertLevel | undefined, b: AlertLevel | undefined): AlertLevel | undefined {
  return a === 'high' || b === 'high' ? 'high' : (a ?? b);
}

/** Back-off between attempts after an error: quick tries over about a minute and a half… */
export const RETRY_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000, 60_000];
/** …then one every five minutes for as long as the page stays open: `error` means "not yet", never "given up". */
export const SLOW_RETRY_MS = 5 * 60_000;

export function retryDelay(view: BadgeView): number | undefined {
  if (view.status !== 'error') return undefined;
  return RETRY_DELAYS_MS[view.errors - 1] ?? SLOW_RETRY_MS;
}

/** The automation contract on `<provenant-badge>`: always all six attributes, always current. */
export function hostAttributes(view: BadgeView, normalizeName: (name: string) => string): Record<'data-status' | 'data-ecosystem' | 'data-package' | 'data-version' | 'data-alert' | 'data-alert-level', string> {
  return {
    'data-status': view.status,
    'data-ecosystem': view.page.ecosystem,
    // The registry's own normalization (its page part's normalizeName).
    'data-package': normalizeName(view.page.package),
    'data-version': view.version,
    'data-alert': view.alerts.join(' '),
    // An alert without a level counts as high: a missing level never makes it quieter.
    'data-alert-level': view.alerts.length === 0 ? '' : (view.alertLevel ?? 'high'),
  };
}
