import { BAND_LABELS, CATEGORY_LABELS, STATUS_LABELS, type BandCode, type Category, type IssueStatus } from '@duhop/shared';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';

/**
 * Names of bands, categories and statuses: in Vietnamese the shared labels (the same words as
 * the exports and the printed reports), in English the dictionary's.
 */
export function useLabels() {
  const t = useT();
  const vi = useLocale() === 'vi';
  return {
    band: (b: BandCode) => (vi ? BAND_LABELS[b] : t(`band_${b}` as MessageKey)),
    category: (c: Category) => (vi ? CATEGORY_LABELS[c] : t(`cat_${c}` as MessageKey)),
    status: (s: IssueStatus) => (vi ? STATUS_LABELS[s] : t(`st_${s}` as MessageKey)),
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
];
