import type { BandCode, Category, IssueStatus } from '@duhop/shared';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';

/**
 * Names of bands, categories and statuses from the dictionaries (the Vietnamese entries are the
 * shared labels the exports print: utils/i18n/vi.ts).
 */
export function useLabels() {
  const t = useT();
  return {
    band: (b: BandCode) => t(`band_${b}` as MessageKey),
    category: (c: Category) => t(`cat_${c}` as MessageKey),
    status: (s: IssueStatus) => t(`st_${s}` as MessageKey),
  };
}

/** Statuses in the order an issue goes through them, grouped by colour: waiting, in hand, answered, resolved. */
export const STATUS_ORDER: readonly { status: IssueStatus; cls: string }[] = [
  { status: 'routed', cls: 'c-info' },
  { status: 'forwarded', cls: 'c-info' },
  { status: 'returned', cls: 'c-miss' },
  { status: 'acknowledged', cls: 'c-late' },
  { status: 'in_progress', cls: 'c-late' },
  { status: 'scheduled', cls: 'c-answer' },
  { status: 'explained', cls: 'c-answer' },
  { status: 'rejected', cls: 'c-muted' },
  { status: 'resolved', cls: 'c-ok' },
  { status: 'answered_at_meeting', cls: 'c-ok' },
];
