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

/** Statuses in the order an issue goes through them: waiting, in hand, answered, resolved. */
export const STATUS_ORDER: readonly { status: IssueStatus; cls: string }[] = [
  // One colour per status (synthesis.css `st-*`): two statuses never share one.
  { status: 'routed', cls: 'st-routed' },
  { status: 'forwarded', cls: 'st-forwarded' },
  { status: 'returned', cls: 'st-returned' },
  { status: 'acknowledged', cls: 'st-acknowledged' },
  { status: 'in_progress', cls: 'st-in_progress' },
  { status: 'scheduled', cls: 'st-scheduled' },
  { status: 'explained', cls: 'st-explained' },
  { status: 'rejected', cls: 'st-rejected' },
  { status: 'resolved', cls: 'st-resolved' },
  { status: 'answered_at_meeting', cls: 'st-answered_at_meeting' },
];
