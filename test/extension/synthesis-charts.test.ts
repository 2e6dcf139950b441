import type { OrgUnit } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { summaryBodies } from '../../extension/utils/synthesis/bodies.ts';
import {
  barLength,
  countTickIntervals,
  groupShare,
  issueParts,
  linePath,
  niceMax,
  stackSegments,
  ticks,
  trendBars,
} from '../../extension/utils/synthesis/chart-scale.ts';
import {
  defaultMonth,
  isPickableMonth,
  landingPath,
} from '../../extension/utils/synthesis/months.ts';

describe('chart scaling', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [4, 5],
    [7, 10],
    [12, 20],
    [21, 25],
    [2500, 2500],
    [2501, 5000],
    [0.3, 1],
  ])('niceMax(%s) = %s', (max, nice) => {
    expect(niceMax(max)).toBe(nice);
  });

  it('ticks split the axis evenly from 0', () => {
    expect(ticks(20, 4)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(5, 4)).toEqual([0, 1.25, 2.5, 3.75, 5]);
  });

  it('an axis of counts ticks at whole numbers only', () => {
    for (const top of [1, 2, 5, 10, 20, 25, 50, 100, 250, 2500]) {
      const n = countTickIntervals(top);
      expect(ticks(top, n).every(Number.isInteger), `top ${top}`).toBe(true);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(ticks(5, countTickIntervals(5))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('bars are proportional, never longer than the axis, and a positive count always shows', () => {
    expect(barLength(5, 10, 300)).toBe(150);
    expect(barLength(10, 10, 300)).toBe(300);
    expect(barLength(12, 10, 300)).toBe(300);
    expect(barLength(1, 10_000, 300)).toBe(2);
    expect(barLength(0, 10, 300)).toBe(0);
    expect(barLength(3, 0, 300)).toBe(0);
    expect(barLength(Number.NaN, 10, 300)).toBe(0);
  });

  it('stacked segments lie end to end and skip empty values', () => {
    expect(stackSegments([2, 0, 1, 1], 8, 400)).toEqual([
      { index: 0, value: 2, start: 0, length: 100 },
      { index: 2, value: 1, start: 100, length: 50 },
      { index: 3, value: 1, start: 150, length: 50 },
    ]);
    // Never beyond the axis, even when the values overshoot it.
    const over = stackSegments([6, 6], 10, 100);
    expect(over.at(-1)!.start + over.at(-1)!.length).toBe(100);
  });

  it('a month without reports breaks the score line', () => {
    expect(
      linePath(
        [80, null, 90, 95],
        (i) => i * 10,
        (v) => 100 - v,
      ),
    ).toBe('M0 20M20 10L30 5');
    expect(
      linePath(
        [null, null],
        (i) => i,
        (v) => v,
      ),
    ).toBe('');
  });

  it('issue parts add up to the raised count: resolved, other answers, open in time, overdue', () => {
    const c = { raised: 4, resolved: 1, answered: 1, open: 3, overdue: 2 };
    expect(issueParts(c)).toEqual([1, 0, 1, 2]);
    expect(issueParts(c).reduce((a, b) => a + b)).toBe(c.raised);
    expect(issueParts({ raised: 5, resolved: 1, answered: 3, open: 2, overdue: 0 })).toEqual([
      1, 2, 2, 0,
    ]);
  });

  it('criteria groups as a share of their maximum', () => {
    expect(groupShare(4.33, 5)).toBe(86.6);
    expect(groupShare(33.33, 40)).toBe(83.3);
    expect(groupShare(null, 5)).toBeNull();
    expect(groupShare(3, null)).toBeNull();
    expect(groupShare(6, 5)).toBe(100);
  });

  it('the trend uses the exact counts for the selected month and derives late and missing for the others', () => {
    const bands = { tot: 0, kha: 0, trung_binh: 0, kem: 0 };
    const trend = [
      {
        month: '2026-10',
        expected: 4,
        filed: 5,
        onTime: 2,
        averageScore: 80,
        bands,
        issuesRaised: 0,
        issuesResolved: 0,
      },
      {
        month: '2026-11',
        expected: 4,
        filed: 3,
        onTime: 2,
        averageScore: 82.67,
        bands,
        issuesRaised: 4,
        issuesResolved: 1,
      },
    ];
    const reports = {
      expected: 4,
      filed: 3,
      onTime: 2,
      late: 1,
      missing: 1,
      onTimeRate: 50,
      averageScore: 82.67,
      averageSelfScore: 89,
    };
    expect(trendBars({ month: '2026-11', trend, reports })).toEqual([
      // 5 filed (a topical report too) for 4 expected: 2 late, none missing.
      { month: '2026-10', onTime: 2, late: 2, missing: 0, expected: 4, averageScore: 80 },
      { month: '2026-11', onTime: 2, late: 1, missing: 1, expected: 4, averageScore: 82.67 },
    ]);
  });
});

describe('monthly pages', () => {
  it.each([
    ['2026-11-01', '2026-10'],
    ['2026-11-09', '2026-10'],
    ['2026-11-10', '2026-11'],
    ['2026-11-26', '2026-11'],
    ['2027-01-05', '2026-12'],
  ])('on %s the synthesis opens on %s', (today, month) => {
    expect(defaultMonth(today)).toBe(month);
  });

  it('follows the province’s deadline day', () => {
    expect(defaultMonth('2026-11-12', 15)).toBe('2026-10');
  });

  it('opens the workspace on the synthesis for leaders and admins, on the inbox for staff', () => {
    expect(landingPath({ role: 'leader' })).toBe('synthesis');
    expect(landingPath({ role: 'admin' })).toBe('synthesis');
    expect(landingPath({ role: 'staff' })).toBe('inbox');
    expect(landingPath(undefined)).toBe('inbox');
    // Any of an account's roles counts: a member who also leads the body reads the synthesis.
    expect(landingPath({ role: 'observer', roles: ['observer', 'staff'] })).toBe('inbox');
    expect(landingPath({ role: 'observer', roles: ['observer', 'leader'] })).toBe('synthesis');
  });

  it('accepts past months and this one only', () => {
    expect(isPickableMonth('2026-11', '2026-11-26')).toBe(true);
    expect(isPickableMonth('2025-01', '2026-11-26')).toBe(true);
    expect(isPickableMonth('2026-12', '2026-11-26')).toBe(false);
    expect(isPickableMonth('2026-13', '2026-11-26')).toBe(false);
    expect(isPickableMonth('11/2026', '2026-11-26')).toBe(false);
  });

  const unit = (
    id: string,
    kind: OrgUnit['kind'],
    parentId: string | null,
    name = id,
  ): OrgUnit => ({ id, name, kind, parentId, validFrom: '2025-07-01', validTo: null });
  const units = [
    unit('na-tu', 'province', null, 'Tỉnh ủy'),
    unit('na-bnc', 'province_board', 'na-tu', 'Ban Nội chính'),
    unit('hung-nguyen', 'commune', 'na-tu', 'Xã Hưng Nguyên'),
    unit('hung-nguyen-vp', 'commune_board', 'hung-nguyen'),
    unit('hn-xom-1', 'cell', 'hung-nguyen'),
    unit('dien-chau', 'commune', 'na-tu', 'Xã Diễn Châu'),
    unit('dc-1', 'cell', 'dien-chau'),
  ];

  it('offers the bodies with cells below: all of them to an admin, the own subtree to others', () => {
    expect(summaryBodies(units, { role: 'admin', orgUnitId: 'na-tu' })).toEqual([
      { id: 'na-tu', name: 'Tỉnh ủy', depth: 0 },
      { id: 'dien-chau', name: 'Xã Diễn Châu', depth: 1 },
      { id: 'hung-nguyen', name: 'Xã Hưng Nguyên', depth: 1 },
    ]);
    expect(
      summaryBodies(units, { role: 'staff', orgUnitId: 'hung-nguyen' }).map((b) => b.id),
    ).toEqual(['hung-nguyen']);
    // A board without cells still sees its own body.
    expect(summaryBodies(units, { role: 'staff', orgUnitId: 'na-bnc' }).map((b) => b.id)).toEqual([
      'na-bnc',
    ]);
  });
});
