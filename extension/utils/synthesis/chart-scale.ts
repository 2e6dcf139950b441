import type { SynthesisResponse } from '@duhop/shared';

/**
 * The arithmetic of the synthesis charts, kept out of the SVG components so it can be tested:
 * axis bounds, bar lengths, stacked segments, line paths and the series each chart draws.
 */

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^k) at or above `max`, and at least `floor`. */
export function niceMax(max: number, floor = 1): number {
  const m = Math.max(Number.isFinite(max) ? max : 0, floor);
  const pow = 10 ** Math.floor(Math.log10(m));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * pow >= m - 1e-9) return step * pow;
  return 10 * pow;
}

/**
 * How many intervals an axis of counts from 0 to `top` (a `niceMax`) takes so every tick is a
 * whole number: `top` itself when it is under 4, else 4 when it divides, else 5 (5 → 1, 25 → 5).
 */
export function countTickIntervals(top: number): number {
  if (top < 4) return Math.max(1, Math.round(top));
  return top % 4 === 0 ? 4 : 5;
}

/** `count + 1` evenly spaced ticks from 0 to `top`, rounded to 2 decimals. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => Math.round(((top * i) / count) * 100) / 100);
}

/**
 * The length of a bar for `value` on an axis from 0 to `top` drawn over `length` units: 0 for
 * nothing, never more than `length`, and at least `minVisible` for any positive value so a count
 * of 1 among hundreds still shows.
 */
export function barLength(value: number, top: number, length: number, minVisible = 2): number {
  if (!(value > 0) || !(top > 0)) return 0;
  return Math.min(length, Math.max(minVisible, (value / top) * length));
}

export interface Segment {
  index: number;
  value: number;
  start: number;
  length: number;
}

/** The segments of a stacked bar, end to end from 0; empty values take no room and are left out. */
export function stackSegments(values: readonly number[], top: number, length: number): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  values.forEach((value, index) => {
    if (!(value > 0) || !(top > 0)) return;
    const l = Math.min((value / top) * length, length - start);
    out.push({ index, value, start, length: l });
    start += l;
  });
  return out;
}

/** An SVG path through the points with a value; a null value breaks the line (a month without reports). */
export function linePath(
  values: readonly (number | null)[],
  xOf: (i: number) => number,
  yOf: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v == null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${round(xOf(i))} ${round(yOf(v))}`;
    pen = true;
  });
  return d;
}

const round = (n: number) => Math.round(n * 10) / 10;

export interface TrendBar {
  month: string;
  onTime: number;
  late: number;
  missing: number;
  expected: number;
  averageScore: number | null;
}

/**
 * The trend's bars: reports on time, late and missing per month. The API gives `expected`,
 * `onTime` (assignments reported on time) and `filed` (reports, a cell may file a topical one as
 * well); late is what was filed beyond the on-time ones, capped by what was expected, and
 * missing the rest. The selected month uses the exact counts of `reports`.
 */
export function trendBars(s: Pick<SynthesisResponse, 'month' | 'trend' | 'reports'>): TrendBar[] {
  return s.trend.map((m) => {
    if (m.month === s.month) {
      const r = s.reports;
      return {
        month: m.month,
        onTime: r.onTime,
        late: r.late,
        missing: r.missing,
        expected: r.expected,
        averageScore: r.averageScore,
      };
    }
    // The API's own counts when it gives them (it does since not_due: a month's unfiled reports
    // not yet due are neither late nor missing); estimated from `filed` for an older answer.
    const late = m.late ?? Math.max(0, Math.min(m.filed, m.expected) - m.onTime);
    return {
      month: m.month,
      onTime: m.onTime,
      late,
      missing: m.missing ?? Math.max(0, m.expected - m.onTime - late),
      expected: m.expected,
      averageScore: m.averageScore,
    };
  });
}

export type IssueCounts = {
  raised: number;
  resolved: number;
  answered: number;
  open: number;
  overdue: number;
};

/**
 * A category's (or body's) issues as four disjoint parts that add up to `raised`: resolved,
 * answered otherwise (scheduled, explained, rejected), open within the deadline, open and overdue.
 */
export function issueParts(
  c: IssueCounts,
): [resolved: number, otherAnswer: number, open: number, overdue: number] {
  const overdue = Math.min(c.overdue, c.open);
  return [c.resolved, Math.max(0, c.answered - c.resolved), Math.max(0, c.open - overdue), overdue];
}

/** A criteria group's average as a share (0–100) of its maximum, or null when unknown. */
export function groupShare(average: number | null, maxPoints: number | null): number | null {
  if (average == null || maxPoints == null || maxPoints <= 0) return null;
  return Math.round(Math.min(100, Math.max(0, (average * 100) / maxPoints)) * 10) / 10;
}
