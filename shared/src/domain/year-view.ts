import type { TopicalCount } from '../schemas/synthesis.ts';
import type { YearCounts } from '../schemas/year-view.ts';
import { daysInMonth } from './reporting.ts';

/** The twelve `YYYY-MM` months of a year. */
export const yearMonths = (year: number): string[] =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** The quarter (1–4) of a `YYYY-MM` month or `YYYY-MM-DD` date. */
export const quarterOf = (monthOrDate: string): number =>
  Math.floor((Number(monthOrDate.slice(5, 7)) - 1) / 3) + 1;

/** The last date of a quarter of a year. */
export function quarterEnd(year: number, quarter: number): string {
  const month = `${year}-${String(quarter * 3).padStart(2, '0')}`;
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** `part` of `whole` in percent with one decimal; null when `whole` is 0. */
export const percentOf = (part: number, whole: number): number | null =>
  whole ? Math.round((part * 1000) / whole) / 10 : null;

/**
 * Cells with a topical (or combined) meeting among those expected to meet, per group: each
 * expected cell counted once per group, and as held when `held(cellId)` says so.
 * "x/y chi bộ tổ chức sinh hoạt chuyên đề, đạt z %".
 */
export function countTopical<T extends { cellId: string }>(
  expected: readonly T[],
  held: (item: T) => boolean,
  keyOf: (item: T) => string,
): Map<string, TopicalCount> {
  const seen = new Map<string, Map<string, boolean>>();
  for (const item of expected) {
    const key = keyOf(item);
    let cells = seen.get(key);
    if (!cells) seen.set(key, (cells = new Map()));
    cells.set(item.cellId, (cells.get(item.cellId) ?? false) || held(item));
  }
  const out = new Map<string, TopicalCount>();
  for (const [key, cells] of seen) {
    const n = [...cells.values()].filter(Boolean).length;
    out.set(key, { expected: cells.size, held: n, percent: percentOf(n, cells.size) });
  }
  return out;
}

/** How an expected report of the year stands on `today`: compliance's status, or not yet due. */
export type YearStatus = 'on_time' | 'late' | 'missing' | 'not_due';

/**
 * The year view's reading of a compliance item: filed on time or late as compliance says; without
 * a report, missing once its due date has passed and not yet due until then (compliance's own
 * `not_due`, when it gives one, is kept).
 */
export function yearStatus(
  item: { status: string; dueDate?: string; reportId?: string },
  today: string,
): YearStatus {
  if (item.status === 'on_time' || item.status === 'late') return item.status;
  if (item.status === 'missing' && !(item.dueDate && item.dueDate >= today)) return 'missing';
  return 'not_due';
}

/** Counts of year statuses; the on-time rate is over the reports already due. */
export function countYear(statuses: Iterable<YearStatus>): YearCounts {
  const c: YearCounts = {
    expected: 0,
    attended: 0,
    onTime: 0,
    late: 0,
    missing: 0,
    notDue: 0,
    onTimeRate: null,
  };
  for (const s of statuses) {
    c.expected++;
    if (s === 'on_time') c.onTime++;
    else if (s === 'late') c.late++;
    else if (s === 'missing') c.missing++;
    else c.notDue++;
  }
  c.attended = c.onTime + c.late;
  c.onTimeRate = percentOf(c.onTime, c.expected - c.notDue);
  return c;
}
