import { describe, expect, it } from 'vitest';
import {
  VN_CALENDAR,
  addWorkingDays,
  dueAt,
  endOfLocalDay,
  isWorkingDay,
  localDate,
  makeCalendar,
  toLocalIso,
  workingDaysBetween,
} from '@duhop/shared';

describe('addWorkingDays (VN calendar)', () => {
  it.each([
    // n = 0: the date itself if working, else the next working day
    ['2026-11-26', 0, '2026-11-26', 'Thursday, working'],
    ['2026-11-28', 0, '2026-11-30', 'Saturday → Monday'],
    ['2026-02-16', 0, '2026-02-23', 'first day of Tết → first day back'],
    ['2026-01-10', 0, '2026-01-10', 'Saturday made a working day'],
    // across weekends
    ['2026-11-27', 1, '2026-11-30', 'Friday + 1'],
    ['2026-11-26', 20, '2026-12-24', 'answer deadline, four weekends'],
    // across Tết 2026 (16–20/2 off, 14–22/2 closed)
    ['2026-02-12', 3, '2026-02-24', 'Thursday before Tết + 3'],
    ['2026-02-13', 1, '2026-02-23', 'Friday before Tết + 1'],
    ['2026-02-14', 1, '2026-02-23', 'from a weekend inside the break'],
    // across 30/4–1/5
    ['2026-04-29', 1, '2026-05-04', '30/4 Thu and 1/5 Fri off'],
    ['2025-04-29', 1, '2025-05-05', '30/4–2/5/2025 off'],
    ['2025-04-25', 1, '2025-04-26', 'the worked Saturday counts'],
    ['2026-04-24', 1, '2026-04-28', 'compensatory Monday for Hùng Kings 2026'],
    // backwards
    ['2026-02-23', -1, '2026-02-13', 'one working day before'],
    ['2026-11-30', -1, '2026-11-27', 'Monday − 1'],
  ])('%s + %i → %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n, VN_CALENDAR)).toBe(expected);
  });

  it.each([[1.5], [Number.NaN]])('refuses a non-integer n (%s)', (n) => {
    expect(() => addWorkingDays('2026-11-26', n, VN_CALENDAR)).toThrow(RangeError);
  });

  it.each([['2026-02-30'], ['26-11-2026'], ['']])('refuses a malformed date %j', (date) => {
    expect(() => addWorkingDays(date, 1, VN_CALENDAR)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-02-13', '2026-02-24', 2],
    ['2026-02-24', '2026-02-13', -2],
    ['2026-11-26', '2026-11-26', 0],
    ['2026-11-26', '2026-12-24', 20],
    ['2026-11-27', '2026-11-29', 0],
  ])('(%s, %s] has %i working days', (from, to, n) => {
    expect(workingDaysBetween(from, to, VN_CALENDAR)).toBe(n);
  });

  it.each([[1], [3], [10], [20], [30]])('inverts addWorkingDays for n = %i across Tết', (n) => {
    const to = addWorkingDays('2026-02-10', n, VN_CALENDAR);
    expect(workingDaysBetween('2026-02-10', to, VN_CALENDAR)).toBe(n);
  });
});

describe('makeCalendar', () => {
  it('accepts bare dates and rows, and worked weekends', () => {
    const cal = makeCalendar(['2030-01-02', { date: '2030-01-03' }], [{ date: '2030-01-05' }]);
    expect(isWorkingDay('2030-01-02', cal)).toBe(false);
    expect(isWorkingDay('2030-01-03', cal)).toBe(false);
    expect(isWorkingDay('2030-01-05', cal)).toBe(true);
    expect(isWorkingDay('2030-01-06', cal)).toBe(false);
    expect(addWorkingDays('2030-01-01', 1, cal)).toBe('2030-01-04');
  });

  it('refuses a malformed holiday', () => {
    expect(() => makeCalendar(['2030-02-30'])).toThrow(RangeError);
  });

  it('does not loop forever when no day is a working day', () => {
    const everyDay = Array.from({ length: 4000 }, (_, i) =>
      new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10),
    );
    expect(() => addWorkingDays('2030-01-01', 1, makeCalendar(everyDay))).toThrow(RangeError);
  });
});

describe('local time at UTC+07:00', () => {
  it.each([
    ['2026-11-09T16:59:59Z', undefined, '2026-11-09'],
    ['2026-11-09T17:00:00Z', undefined, '2026-11-10'],
    ['2026-11-09T23:30:00-05:00', undefined, '2026-11-10'],
    ['2026-11-09T17:00:00Z', 0, '2026-11-09'],
    ['2026-11-10T03:00:00Z', -300, '2026-11-09'],
  ])('localDate(%s, %s) = %s', (iso, offset, expected) => {
    expect(localDate(new Date(iso), offset)).toBe(expected);
  });

  it.each([
    ['2026-11-09', undefined, '2026-11-09T16:59:59.999Z'],
    ['2026-12-31', undefined, '2026-12-31T16:59:59.999Z'],
    ['2026-11-09', 0, '2026-11-09T23:59:59.999Z'],
  ])('endOfLocalDay(%s, %s) = %s', (date, offset, expected) => {
    expect(endOfLocalDay(date, offset).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-11-26T07:03:00Z', undefined, '2026-11-26T14:03:00.000+07:00'],
    ['2026-11-26T20:00:00.123Z', undefined, '2026-11-27T03:00:00.123+07:00'],
    ['2026-11-26T07:03:00Z', 0, '2026-11-26T07:03:00.000+00:00'],
    ['2026-11-26T07:03:00Z', -300, '2026-11-26T02:03:00.000-05:00'],
    ['2026-11-26T07:03:00Z', 345, '2026-11-26T12:48:00.000+05:45'],
  ])('toLocalIso(%s, %s) = %s', (iso, offset, expected) => {
    const out = toLocalIso(new Date(iso), offset);
    expect(out).toBe(expected);
    expect(new Date(out).getTime()).toBe(new Date(iso).getTime());
  });
});

describe('dueAt', () => {
  it.each([
    ['2026-02-12T02:00:00Z', 3, '2026-02-24T16:59:59.999Z', 'acknowledge across Tết 2026'],
    // 01:00 on 13/2 locally: the clock starts from the local date, not the UTC one
    [
      '2026-02-12T18:00:00Z',
      3,
      '2026-02-25T16:59:59.999Z',
      'late evening UTC is the next local day',
    ],
    ['2026-11-26T07:03:00Z', 20, '2026-12-24T16:59:59.999Z', 'answer deadline'],
    ['2026-11-28T03:00:00Z', 0, '2026-11-30T16:59:59.999Z', 'n = 0 on a Saturday'],
    ['2026-04-29T03:00:00Z', 3, '2026-05-06T16:59:59.999Z', 'across 30/4–1/5/2026'],
  ])('%s + %i working days → %s (%s)', (from, n, expected) => {
    expect(dueAt(new Date(from), n, VN_CALENDAR).toISOString()).toBe(expected);
  });
});
