import type { AssignmentFrequency } from '../schemas/assignment.ts';
import type { ComplianceStatus } from '../schemas/synthesis.ts';
import { defaultMeetingDate } from './reporting.ts';
import { isOpenOn, type ValidityPeriod } from './validity.ts';

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

/** An assignment as far as what it expects: its period, cell and frequency. */
export interface Expectable {
  cellId: string;
  validFrom: string;
  validTo: string | null;
  /** Absent or null: monthly. */
  frequency?: AssignmentFrequency | null;
  /** every_n: a report every `every` months from the month of `validFrom` (2 to 12). */
  every?: number | null;
  /** rota: the member's place in the cell's rota (1 first; none: after the numbered ones). */
  rotaPosition?: number | null;
  /**
   * rota: the rota's first month (`YYYY-MM`), the month of the earliest start among all the cell's
   * rota assignments, ended ones included, so that the turns do not shift from month to month.
   * Absent: the earliest start among the rota assignments passed to `expectedIn`.
   */
  rotaStart?: string | null;
  /** rota: breaks ties between equal positions (the member's id). */
  tieKey?: string;
}

/** What `expectedIn` needs to know of a cell: its validity and customary meeting day (3rd by default). */
export interface CellFacts extends ValidityPeriod {
  meetingDay?: number | null;
}

export interface ExpectOptions<A> {
  /** The cell of an assignment (unknown: always open, meeting on the 3rd). */
  cellOf?: (cellId: string) => CellFacts | undefined;
  /**
   * Whether the member filed a report under the assignment in the month: a monthly or every-N
   * assignment then counts in a month it expects even if it began after the regular meeting day.
   */
  reported?: (a: A) => boolean;
}

/** Months from `from` to `to` (`YYYY-MM`): 0 for the same month, negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  const idx = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return idx(to) - idx(from);
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** Whether an every-N assignment expects `month`: its start month, then every N months. */
function isEveryNMonth(a: Expectable, month: string): boolean {
  const n = a.every ?? 1;
  if (n <= 1) return true;
  const k = monthsBetween(a.validFrom.slice(0, 7), month);
  return k >= 0 && k % n === 0;
}

const rotaOrder = (a: Expectable, b: Expectable) =>
  (a.rotaPosition ?? Number.MAX_SAFE_INTEGER) - (b.rotaPosition ?? Number.MAX_SAFE_INTEGER) ||
  a.validFrom.localeCompare(b.validFrom) ||
  (a.tieKey ?? '').localeCompare(b.tieKey ?? '');

/**
 * The assignments that expect a report in `month` (in the order given), as each says:
 * - **monthly** (default): when the assignment and its cell are in force on the cell's regular
 *   meeting date that month (`isReportExpected`), or a report was filed under it;
 * - **every_n**: the same, only in the month of `validFrom` and every `every` months after;
 * - **rota**: of the cell's rota assignments in force on that meeting date, ordered by
 *   `rotaPosition`, exactly one: the one whose turn it is, counting months from the rota's first
 *   month (`rotaStart`). A member on a rota of three is expected one month in three.
 * A member who reports in a month the assignment does not expect is not counted either way.
 */
export function expectedIn<A extends Expectable>(
  assignments: readonly A[],
  month: string,
  opts: ExpectOptions<A> = {},
): A[] {
  const chosen = new Set<A>();
  const rotas = new Map<string, { open: A[]; start: string }>();
  for (const a of assignments) {
    const cell = opts.cellOf?.(a.cellId) ?? {};
    const meeting = defaultMeetingDate(month, cell.meetingDay ?? 3);
    const open = isOpenOn(a, meeting) && isOpenOn(cell, meeting);
    if (a.frequency === 'rota') {
      const start = a.rotaStart ?? a.validFrom.slice(0, 7);
      let rota = rotas.get(a.cellId);
      if (!rota) rotas.set(a.cellId, (rota = { open: [], start }));
      if (start < rota.start) rota.start = start;
      if (open) rota.open.push(a);
      continue;
    }
    if (a.frequency === 'every_n' && !isEveryNMonth(a, month)) continue;
    if (open || opts.reported?.(a)) chosen.add(a);
  }
  for (const rota of rotas.values()) {
    if (!rota.open.length) continue;
    const order = [...rota.open].sort(rotaOrder);
    chosen.add(order[mod(monthsBetween(rota.start, month), order.length)]!);
  }
  return assignments.filter((a) => chosen.has(a));
}

/**
 * on_time / late from the stored report (judged when it was submitted); without one, missing
 * once the due date has passed at `today` (a local date), not_due until then. Without `today`
 * every unfiled report is missing.
 */
export function complianceStatus(
  report: { onTime: boolean } | null | undefined,
  dueDate?: string,
  today?: string,
): ComplianceStatus {
  if (!report) return today && dueDate && today <= dueDate ? 'not_due' : 'missing';
  return report.onTime ? 'on_time' : 'late';
}

export interface ComplianceCounts {
  /** Every report the assignments expect, due or not yet. */
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  /** Not filed and not yet due: in `expected`, not in the rate. */
  notDue: number;
  /** Percent of the reports already due (expected − notDue) filed on time (one decimal), null when none is due. */
  onTimeRate: number | null;
}

/** Counts of nothing: no report expected. */
export const noCompliance = (): ComplianceCounts => ({
  expected: 0,
  onTime: 0,
  late: 0,
  missing: 0,
  notDue: 0,
  onTimeRate: null,
});

/** Counts of statuses, grouped by a key, in first-seen order. */
export function countCompliance<T extends { status: ComplianceStatus }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): Map<string, ComplianceCounts> {
  const out = new Map<string, ComplianceCounts>();
  for (const item of items) {
    const key = keyOf(item);
    let c = out.get(key);
    if (!c) out.set(key, (c = noCompliance()));
    c.expected++;
    if (item.status === 'on_time') c.onTime++;
    else if (item.status === 'late') c.late++;
    else if (item.status === 'not_due') c.notDue++;
    else c.missing++;
  }
  for (const c of out.values()) {
    const due = c.expected - c.notDue;
    c.onTimeRate = due ? Math.round((c.onTime * 1000) / due) / 10 : null;
  }
  return out;
}
