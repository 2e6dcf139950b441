import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  VN_CALENDAR,
  addDays,
  addWorkingDays,
  isWorkingDay,
  makeCalendar,
  workingDaysBetween,
  type Calendar,
} from '@duhop/shared';

// The day-by-day walk addWorkingDays and workingDaysBetween used to be, kept here as the reference
// the arithmetic must agree with (same guard: give up after ~10 years + 7 days per working day).
const MAX_SCAN_DAYS = 3_660;
function walkAdd(date: string, n: number, cal: Calendar): string {
  let day = date;
  if (n === 0) {
    for (let i = 0; i < MAX_SCAN_DAYS; i++, day = addDays(day, 1))
      if (isWorkingDay(day, cal)) return day;
    throw new RangeError('addWorkingDays: no working day found');
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  for (let scanned = 0; left > 0; scanned++) {
    if (scanned > MAX_SCAN_DAYS + Math.abs(n) * 7)
      throw new RangeError('addWorkingDays: no working day found');
    day = addDays(day, step);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}
function walkBetween(from: string, to: string, cal: Calendar): number {
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d, cal)) count++;
  return sign * count;
}
const outcome = (f: () => string | number) => {
  try {
    return f();
  } catch (err) {
    return err instanceof RangeError ? 'RangeError' : err;
  }
};

// Dates 2020–2031, as day offsets from 2020-01-01; calendars of holidays and worked days anywhere
// in that span (weekend holidays, weekday "worked weekends" and both on one day included).
const START = '2020-01-01';
const SPAN = 12 * 366;
const dateArb = fc.integer({ min: 0, max: SPAN }).map((d) => addDays(START, d));
const calendarArb = fc
  .record({
    holidays: fc.array(dateArb, { maxLength: 120 }),
    worked: fc.array(dateArb, { maxLength: 30 }),
    // Runs of consecutive days off, like Tết.
    runs: fc.array(fc.tuple(dateArb, fc.integer({ min: 2, max: 12 })), { maxLength: 6 }),
  })
  .map(({ holidays, worked, runs }) =>
    makeCalendar(
      [
        ...holidays,
        ...runs.flatMap(([d, len]) => Array.from({ length: len }, (_, i) => addDays(d, i))),
      ],
      worked,
    ),
  );

describe('calendar arithmetic agrees with the day-by-day walk', () => {
  it('addWorkingDays, n in [-400, 400]', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -400, max: 400 }), calendarArb, (date, n, cal) => {
        expect(outcome(() => addWorkingDays(date, n, cal))).toBe(
          outcome(() => walkAdd(date, n, cal)),
        );
      }),
      { numRuns: 500 },
    );
  }, 120_000);

  it('addWorkingDays on the national calendar', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -400, max: 400 }), (date, n) => {
        expect(addWorkingDays(date, n, VN_CALENDAR)).toBe(walkAdd(date, n, VN_CALENDAR));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('workingDaysBetween, both directions', () => {
    fc.assert(
      fc.property(dateArb, dateArb, calendarArb, (a, b, cal) => {
        expect(workingDaysBetween(a, b, cal)).toBe(walkBetween(a, b, cal));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('a calendar with no working day near the date gives up as the walk did', () => {
    const days = Array.from({ length: 4_000 }, (_, i) => addDays('2024-01-01', i));
    const cal = makeCalendar(days);
    for (const n of [0, 1, 5, -1, -5])
      expect(outcome(() => addWorkingDays('2029-06-01', n, cal))).toBe(
        outcome(() => walkAdd('2029-06-01', n, cal)),
      );
    // Before the gap (and across it, for n large enough) both reach the same working day.
    for (const n of [0, 3, -3, 400, -400])
      expect(addWorkingDays('2023-12-20', n, cal)).toBe(walkAdd('2023-12-20', n, cal));
  }, 120_000);
});
