import { describe, expect, it } from 'vitest';
import {
  VN_CALENDAR,
  VN_HOLIDAY_YEARS,
  VN_HOLIDAYS,
  VN_WORKING_WEEKENDS,
  calendarCovers,
  isWorkingDay,
  weekday,
} from '@duhop/shared';

describe('VN_HOLIDAYS data', () => {
  it('lists only real weekdays, sorted and without duplicates', () => {
    const dates = VN_HOLIDAYS.map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) expect([1, 2, 3, 4, 5], d).toContain(weekday(d));
  });

  it('lists only Saturdays as working weekends', () => {
    for (const w of VN_WORKING_WEEKENDS) expect(weekday(w.date), w.date).toBe(6);
  });

  it.each([2025, 2026, 2027, 2028])('gives at least the 11 statutory days off in %i', (year) => {
    expect(VN_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`)).length).toBeGreaterThanOrEqual(
      11,
    );
  });

  it('marks only undecided 2027–2028 arrangements as provisional', () => {
    const years = new Set(VN_HOLIDAYS.filter((h) => h.provisional).map((h) => h.date.slice(0, 4)));
    expect([...years].sort()).toEqual(['2027', '2028']);
  });

  it.each([
    ['2025-01-01', false, '1/1'],
    ['2025-01-24', true, 'Friday before Tết 2025'],
    ['2025-01-27', false, 'Tết 2025 first weekday'],
    ['2025-01-31', false, 'Tết 2025 last weekday'],
    ['2025-02-03', true, 'back after Tết 2025'],
    ['2025-04-07', false, 'Hùng Kings 2025'],
    ['2025-04-26', true, 'Saturday worked for 2/5/2025'],
    ['2025-05-02', false, 'bridge day 2/5/2025'],
    ['2025-09-01', false, 'National Day adjacent day 2025'],
    ['2026-01-02', false, 'bridge day 2/1/2026'],
    ['2026-01-10', true, 'Saturday worked for 2/1/2026'],
    ['2026-02-13', true, 'Friday before Tết 2026'],
    ['2026-02-16', false, 'Tết 2026'],
    ['2026-02-20', false, 'Tết 2026'],
    ['2026-02-23', true, 'back after Tết 2026'],
    ['2026-04-26', false, 'Hùng Kings 2026 is a Sunday'],
    ['2026-04-27', false, 'its compensatory Monday'],
    ['2026-08-22', true, 'Saturday worked for 31/8/2026'],
    ['2026-08-31', false, 'bridge day 31/8/2026'],
    ['2026-09-02', false, 'National Day 2026'],
    ['2027-02-05', false, 'Tết 2027 (provisional)'],
    ['2027-04-16', false, 'Hùng Kings 2027'],
    ['2027-05-03', false, '1/5/2027 is a Saturday: compensatory Monday'],
    ['2028-01-03', false, '1/1/2028 is a Saturday: compensatory Monday'],
    ['2028-04-04', false, 'Hùng Kings 2028'],
    ['2028-05-02', false, '30/4/2028 is a Sunday, 1/5 a Monday: compensatory Tuesday'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(isWorkingDay(date, VN_CALENDAR)).toBe(working);
  });

  it.each([
    ['2024-12-31', false],
    ['2025-01-01', true],
    ['2028-12-31', true],
    ['2029-01-01', false],
  ])('calendarCovers(%s) = %s', (date, covered) => {
    expect(calendarCovers(date, VN_CALENDAR)).toBe(covered);
    expect(VN_HOLIDAY_YEARS).toEqual({ from: 2025, to: 2028 });
  });
});
