import { describe, expect, it } from 'vitest';
import {
  addMonths,
  bandDistribution,
  complianceStatus,
  countCompliance,
  exceedsGap,
  isFutureMonth,
  isReportExpected,
  median,
  monthBounds,
  percent,
  selfScoreDifference,
  trendMonths,
} from '@duhop/shared';

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[1, 2, 3, 10], 2.5],
    [[0, 0, 7], 0],
    [[2, Number.NaN, 4], 3],
  ])('median(%j) = %j', (xs, m) => {
    expect(median(xs)).toBe(m);
  });
});

describe('months', () => {
  it.each([
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -14, '2025-01'],
  ])('addMonths(%s, %i) = %s', (m, n, out) => {
    expect(addMonths(m, n)).toBe(out);
  });

  it('trendMonths lists the months ending with the given one, oldest first', () => {
    expect(trendMonths('2026-02', 6)).toEqual([
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('monthBounds knows leap years', () => {
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthBounds('2026-02').last).toBe('2026-02-28');
    expect(() => monthBounds('2026-13')).toThrow(RangeError);
  });

  it('isFutureMonth compares with the month of a local date', () => {
    expect(isFutureMonth('2026-12', '2026-11-30')).toBe(true);
    expect(isFutureMonth('2026-11', '2026-11-01')).toBe(false);
    expect(isFutureMonth('2025-12', '2026-11-01')).toBe(false);
  });
});

describe('bands and gaps', () => {
  it('bandDistribution lists every band from Tốt to Kém with its share', () => {
    expect(bandDistribution({ tot: 1, kem: 3 })).toEqual([
      { band: 'tot', label: 'Tốt', count: 1, percent: 25 },
      { band: 'kha', label: 'Khá', count: 0, percent: 0 },
      { band: 'trung_binh', label: 'Trung bình', count: 0, percent: 0 },
      { band: 'kem', label: 'Kém', count: 3, percent: 75 },
    ]);
    expect(bandDistribution({}).map((b) => b.percent)).toEqual([null, null, null, null]);
  });

  it('percent has one decimal and no division by zero', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBeNull();
  });

  it.each([
    [80, 92, 10, true, 12],
    [80, 90, 10, false, 10],
    [95, 70, 10, true, -25],
    [80, null, 0, false, null],
  ])(
    'observer %d vs self %j with gap %d: exceeds %j, difference %j',
    (score, self, gap, exceeds, diff) => {
      expect(exceedsGap(score, self, gap)).toBe(exceeds);
      expect(selfScoreDifference(score, self)).toBe(diff);
    },
  );
});

describe('compliance', () => {
  const open = { validFrom: '2025-07-01', validTo: null };
  const cell = { ...open, meetingDay: 3 };
  it.each([
    ['in force all month', open, cell, false, true],
    [
      'starts after the meeting day',
      { validFrom: '2026-11-04', validTo: null },
      cell,
      false,
      false,
    ],
    ['starts on the meeting day', { validFrom: '2026-11-03', validTo: null }, cell, false, true],
    [
      'ends before the meeting day',
      { validFrom: '2025-07-01', validTo: '2026-11-02' },
      cell,
      false,
      false,
    ],
    [
      'ends after the meeting day',
      { validFrom: '2025-07-01', validTo: '2026-11-15' },
      cell,
      false,
      true,
    ],
    ['cell merged before the meeting day', open, { ...cell, validTo: '2026-11-02' }, false, false],
    ['cell merged after the meeting day', open, { ...cell, validTo: '2026-11-20' }, false, true],
    ['reported anyway', { validFrom: '2026-11-12', validTo: null }, cell, true, true],
    [
      'meeting day 31 in a 30-day month',
      { validFrom: '2026-11-30', validTo: null },
      { ...cell, meetingDay: 31 },
      false,
      true,
    ],
  ])('isReportExpected: %s', (_, assignment, c, reported, expected) => {
    expect(isReportExpected(assignment, c, '2026-11', reported)).toBe(expected);
  });

  it('complianceStatus and countCompliance', () => {
    expect([
      complianceStatus(null),
      complianceStatus({ onTime: true }),
      complianceStatus({ onTime: false }),
    ]).toEqual(['missing', 'on_time', 'late']);
    const counts = countCompliance(
      [
        { k: 'a', status: 'on_time' as const },
        { k: 'a', status: 'late' as const },
        { k: 'b', status: 'missing' as const },
        { k: 'a', status: 'on_time' as const },
      ],
      (i) => i.k,
    );
    expect(Object.fromEntries(counts)).toEqual({
      a: { expected: 3, onTime: 2, late: 1, missing: 0, notDue: 0, onTimeRate: 66.7 },
      b: { expected: 1, onTime: 0, late: 0, missing: 1, notDue: 0, onTimeRate: 0 },
    });
  });
});
