import { describe, expect, it } from 'vitest';
import {
  countTopical,
  countYear,
  quarterEnd,
  quarterOf,
  yearMonths,
  yearStatus,
} from '@duhop/shared';

describe('year view arithmetic', () => {
  it('months and quarters of a year', () => {
    expect(yearMonths(2026)).toHaveLength(12);
    expect(yearMonths(2026)[11]).toBe('2026-12');
    expect(
      ['2026-01', '2026-03', '2026-04', '2026-09-30', '2026-10', '2026-12'].map(quarterOf),
    ).toEqual([1, 1, 2, 3, 4, 4]);
    expect([1, 2, 3, 4].map((q) => quarterEnd(2028, q))).toEqual([
      '2028-03-31',
      '2028-06-30',
      '2028-09-30',
      '2028-12-31',
    ]);
  });

  it('a report without a filing is missing only after its due date; compliance’s own statuses are kept', () => {
    const today = '2026-11-25';
    expect(yearStatus({ status: 'on_time' }, today)).toBe('on_time');
    expect(yearStatus({ status: 'late' }, today)).toBe('late');
    expect(yearStatus({ status: 'missing', dueDate: '2026-11-09' }, today)).toBe('missing');
    expect(yearStatus({ status: 'missing', dueDate: '2026-11-25' }, today)).toBe('not_due');
    expect(yearStatus({ status: 'missing', dueDate: '2026-12-09' }, today)).toBe('not_due');
    expect(yearStatus({ status: 'not_due', dueDate: '2026-12-09' }, today)).toBe('not_due');
  });

  it('counts: attended is on time + late; the rate is over what is already due', () => {
    expect(countYear(['on_time', 'on_time', 'late', 'missing', 'not_due', 'not_due'])).toEqual({
      expected: 6,
      attended: 3,
      onTime: 2,
      late: 1,
      missing: 1,
      notDue: 2,
      onTimeRate: 50,
    });
    expect(countYear(['not_due']).onTimeRate).toBeNull();
  });

  it('topical: each expected cell once per group, held when any of its items says so', () => {
    const items = [
      { cellId: 'a', body: 'x', month: '2026-01' },
      { cellId: 'a', body: 'x', month: '2026-02' },
      { cellId: 'b', body: 'x', month: '2026-01' },
      { cellId: 'c', body: 'y', month: '2026-01' },
    ];
    const held = (i: { cellId: string; month: string }) =>
      i.cellId === 'a' && i.month === '2026-02';
    expect(Object.fromEntries(countTopical(items, held, (i) => i.body))).toEqual({
      x: { expected: 2, held: 1, percent: 50 },
      y: { expected: 1, held: 0, percent: 0 },
    });
    expect(countTopical([], held, () => 'all').get('all')).toBeUndefined();
  });
});
