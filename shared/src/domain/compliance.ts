import type { ComplianceStatus } from '../schemas/synthesis.ts';
import { defaultMeetingDate } from './reporting.ts';
import { isOpenOn } from './validity.ts';

/** Validity of an assignment or of a cell: `validTo` null means still in force. */
export interface Period {
  validFrom: string;
  validTo: string | null;
}

/**
 * Whether an assignment makes a report expected for a month. A member is expected to report on
 * a cell when the assignment and the cell are both in force on the cell's regular meeting date
 * that month (its customary day, the 3rd by custom): an assignment starting after that day, or
 * ending before it, or a cell merged away before it, expects nothing that month. A report filed
 * under the assignment always counts, whatever day the meeting was actually held.
 */
export function isReportExpected(
  assignment: Period,
  cell: Period & { meetingDay: number | null },
  month: string,
  reported: boolean,
): boolean {
  if (reported) return true;
  const meeting = defaultMeetingDate(month, cell.meetingDay ?? 3);
  return isOpenOn(assignment, meeting) && isOpenOn(cell, meeting);
}

/** on_time / late from the stored report (judged when it was submitted), missing without one. */
export function complianceStatus(report: { onTime: boolean } | null | undefined): ComplianceStatus {
  if (!report) return 'missing';
  return report.onTime ? 'on_time' : 'late';
}

export interface ComplianceCounts {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  /** Percent of expected reports filed on time (one decimal), null when none expected. */
  onTimeRate: number | null;
}

/** Counts of statuses, grouped by a key, in first-seen order. */
export function countCompliance<T extends { status: ComplianceStatus }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): Map<string, ComplianceCounts> {
  const out = new Map<string, ComplianceCounts>();
  for (const item of items) {
    const key = keyOf(item);
    let c = out.get(key);
    if (!c) out.set(key, (c = { expected: 0, onTime: 0, late: 0, missing: 0, onTimeRate: null }));
    c.expected++;
    if (item.status === 'on_time') c.onTime++;
    else if (item.status === 'late') c.late++;
    else c.missing++;
  }
  for (const c of out.values())
    c.onTimeRate = c.expected ? Math.round((c.onTime * 1000) / c.expected) / 10 : null;
  return out;
}
