import type { BadgeStatus } from '../lib/policy/verdict';
import { STATUS_WORDS } from '../lib/ui/status-text';

export function StatusWords({ status }: { status: BadgeStatus }) {
  return <span class="pv-words">{STATUS_WORDS[status]}</span>;
}
