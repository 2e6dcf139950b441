import { BAND_LABELS } from '../data/criteria/bands.ts';
import type { BandCode } from '../schemas/criteria.ts';
import { daysInMonth } from './reporting.ts';

/** The four bands from best to worst, the order every table and chart uses. */
export const BAND_ORDER: readonly BandCode[] = Object.freeze(['tot', 'kha', 'trung_binh', 'kem']);

/**
 * The median of a list of numbers (the mean of the two middle values for an even count), or
 * null for an empty list. Non-finite values are ignored.
 * @example median([3, 1, 2]) // 2; median([1, 2, 3, 10]) // 2.5
 */
export function median(values: Iterable<number>): number | null {
  const xs = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/** First and last dates of a `YYYY-MM` month. */
export function monthBounds(month: string): { first: string; last: string } {
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

/** The month `n` months after (negative: before) a `YYYY-MM` month. */
export function addMonths(month: string, n: number): string {
  daysInMonth(month); // validates
  const idx = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `month`, oldest first. @example trendMonths('2026-02', 3) // ['2025-12','2026-01','2026-02'] */
export function trendMonths(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));
}

/** Whether a month lies after the month of the local date `today`. */
export function isFutureMonth(month: string, today: string): boolean {
  return month > today.slice(0, 7);
}

/** Rounds to `digits` decimals (2 by default); null stays null. */
export function roundTo(value: number | null, digits = 2): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** `part / whole` as a percentage with one decimal, or null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? roundTo((part * 100) / whole, 1) : null;
}

export interface BandShare {
  band: BandCode;
  label: string;
  count: number;
  percent: number | null;
}

/** Counts per band in `BAND_ORDER`, every band present (0 when none), with its share of the total. */
export function bandDistribution(counts: Readonly<Partial<Record<string, number>>>): BandShare[] {
  const total = BAND_ORDER.reduce((s, b) => s + (counts[b] ?? 0), 0);
  return BAND_ORDER.map((band) => ({
    band,
    label: BAND_LABELS[band],
    count: counts[band] ?? 0,
    percent: percent(counts[band] ?? 0, total),
  }));
}

/**
 * The cell's self-score minus the observer's score (positive: the cell rated itself higher), or
 * null when the cell gave no self-score.
 */
export function selfScoreDifference(
  observerScore: number,
  cellSelfScore: number | null | undefined,
): number | null {
  return cellSelfScore == null ? null : roundTo(cellSelfScore - observerScore);
}

/** Whether the two scores differ by strictly more than `gap` points. */
export function exceedsGap(
  observerScore: number,
  cellSelfScore: number | null | undefined,
  gap: number,
): boolean {
  const d = selfScoreDifference(observerScore, cellSelfScore);
  return d != null && Math.abs(d) > gap;
}
