import { describe, expect, it } from 'vitest';
import {
  addMonths,
  complianceStatus,
  countCompliance,
  expectedIn,
  monthsBetween,
  type Expectable,
} from '@duhop/shared';

type A = Expectable & { name: string };
const monthly = (name: string, validFrom = '2026-01-01', validTo: string | null = null): A => ({
  name,
  cellId: 'c1',
  validFrom,
  validTo,
});
const months = (from: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(from, i));
/** Who is expected each month, as `YYYY-MM → names`. */
const table = (as: readonly A[], from: string, n: number, opts = {}) =>
  Object.fromEntries(
    months(from, n).map((m) => [
      m,
      expectedIn(as, m, opts)
        .map((a) => a.name)
        .join(','),
    ]),
  );

describe('expectedIn: monthly', () => {
  it('expects a monthly assignment every month it is in force on the meeting day (the 3rd by default)', () => {
    const a = monthly('An', '2026-03-04', '2026-06-02');
    expect(table([a], '2026-02', 6)).toEqual({
      '2026-02': '', // before it began
      '2026-03': '', // began after the 3rd
      '2026-04': 'An',
      '2026-05': 'An',
      '2026-06': '', // ended before the 3rd
      '2026-07': '',
    });
  });

  it('a report filed under it counts in its first month though it began after the meeting day', () => {
    const a = monthly('An', '2026-03-04');
    expect(expectedIn([a], '2026-03', { reported: () => true })).toEqual([a]);
  });

  it('uses the cell’s meeting day and validity', () => {
    const a = monthly('An', '2026-03-04');
    const cellOf = () => ({ meetingDay: 15, validTo: '2026-04-10' });
    expect(table([a], '2026-03', 3, { cellOf })).toEqual({
      '2026-03': 'An', // meeting on the 15th, after the start
      '2026-04': '', // the cell was closed on the 10th, before its meeting
      '2026-05': '',
    });
  });

  it('no month before the start month is ever expected, even with a report', () => {
    const a = monthly('An', '2026-05-01');
    // The API never pairs a report of April with it, but the rule does not rest on that for the phase.
    expect(
      expectedIn([{ ...a, frequency: 'every_n', every: 2 }], '2026-03', { reported: () => true }),
    ).toEqual([]);
  });
});

describe('expectedIn: every N months', () => {
  it('every 2 months from the start month: the start month, then every second month', () => {
    const a: A = { ...monthly('An', '2026-01-01'), frequency: 'every_n', every: 2 };
    expect(table([a], '2025-12', 8)).toEqual({
      '2025-12': '',
      '2026-01': 'An',
      '2026-02': '',
      '2026-03': 'An',
      '2026-04': '',
      '2026-05': 'An',
      '2026-06': '',
      '2026-07': 'An',
    });
  });

  it('every 3 months keeps its phase across a year', () => {
    const a: A = { ...monthly('An', '2026-11-01'), frequency: 'every_n', every: 3 };
    const on = months('2026-11', 12).filter((m) => expectedIn([a], m).length);
    expect(on).toEqual(['2026-11', '2027-02', '2027-05', '2027-08']);
  });

  it('a report in an off month does not make it expected; in an on month it does (mid-month start)', () => {
    const a: A = { ...monthly('An', '2026-01-10'), frequency: 'every_n', every: 2 };
    expect(expectedIn([a], '2026-02', { reported: () => true })).toEqual([]);
    expect(expectedIn([a], '2026-01', { reported: () => true })).toEqual([a]);
    expect(expectedIn([a], '2026-01')).toEqual([]); // began after the meeting, nothing filed
  });
});

describe('expectedIn: rota', () => {
  const rota = (
    name: string,
    rotaPosition: number | null,
    validFrom = '2026-01-01',
    validTo: string | null = null,
  ): A => ({
    ...monthly(name, validFrom, validTo),
    frequency: 'rota',
    rotaPosition,
    tieKey: name,
  });

  it('one member a month, in the stored order, from the rota’s first month', () => {
    const as = [rota('Cúc', 3), rota('An', 1), rota('Bình', 2)];
    expect(table(as, '2026-01', 7)).toEqual({
      '2026-01': 'An',
      '2026-02': 'Bình',
      '2026-03': 'Cúc',
      '2026-04': 'An',
      '2026-05': 'Bình',
      '2026-06': 'Cúc',
      '2026-07': 'An',
    });
  });

  it('a member on a rota of three is expected one month in three', () => {
    const as = [rota('An', 1), rota('Bình', 2), rota('Cúc', 3)];
    const binh = months('2026-01', 12).filter((m) =>
      expectedIn(as, m).some((a) => a.name === 'Bình'),
    );
    expect(binh).toEqual(['2026-02', '2026-05', '2026-08', '2026-11']);
  });

  it('turns count from the given rotaStart, so a month judged alone agrees with the whole history', () => {
    // Only the assignments in force in June are passed, as the API does; rotaStart keeps the phase.
    const as = [
      { ...rota('An', 1, '2026-01-01'), rotaStart: '2026-01' },
      { ...rota('Dũng', 2, '2026-05-15'), rotaStart: '2026-01' },
    ];
    expect(expectedIn(as, '2026-06').map((a) => a.name)).toEqual(['Dũng']); // 5 months on: index 1
    expect(expectedIn(as, '2026-07').map((a) => a.name)).toEqual(['An']);
  });

  it('members who ended leave the rota; the others share the months (turn = months since the start, modulo the members in force)', () => {
    const as = [rota('An', 1), rota('Bình', 2, '2026-01-01', '2026-02-28'), rota('Cúc', 3)];
    expect(table(as, '2026-01', 5)).toEqual({
      '2026-01': 'An',
      '2026-02': 'Bình',
      '2026-03': 'An', // 2 months on, 2 members [An, Cúc]: index 0
      '2026-04': 'Cúc',
      '2026-05': 'An',
    });
  });

  it('rotas of different cells and monthly assignments of the same cell are independent', () => {
    const as: A[] = [
      rota('An', 1),
      rota('Bình', 2),
      { ...rota('Cúc', 1), cellId: 'c2' },
      monthly('Dũng'),
    ];
    expect(expectedIn(as, '2026-02').map((a) => a.name)).toEqual(['Bình', 'Cúc', 'Dũng']);
  });

  it('a report by the member whose turn it is not does not add an expectation', () => {
    const as = [rota('An', 1), rota('Bình', 2)];
    expect(
      expectedIn(as, '2026-01', { reported: (a) => a.name === 'Bình' }).map((a) => a.name),
    ).toEqual(['An']);
  });
});

describe('not_due and the on-time rate', () => {
  it('an unfiled report is not_due until its due date has passed, then missing', () => {
    expect(complianceStatus(null, '2026-11-09', '2026-11-03')).toBe('not_due');
    expect(complianceStatus(null, '2026-11-09', '2026-11-09')).toBe('not_due');
    expect(complianceStatus(null, '2026-11-09', '2026-11-10')).toBe('missing');
    expect(complianceStatus(null, '2026-11-09')).toBe('missing');
    expect(complianceStatus({ onTime: true }, '2026-11-09', '2026-11-03')).toBe('on_time');
  });

  it('not_due reports are expected but out of the rate’s denominator', () => {
    const c = countCompliance(
      [
        { status: 'on_time' as const },
        { status: 'not_due' as const },
        { status: 'not_due' as const },
      ],
      () => 'all',
    ).get('all');
    expect(c).toEqual({ expected: 3, onTime: 1, late: 0, missing: 0, notDue: 2, onTimeRate: 100 });
    const none = countCompliance([{ status: 'not_due' as const }], () => 'all').get('all');
    expect(none?.onTimeRate).toBeNull();
  });

  it('monthsBetween', () => {
    expect([
      monthsBetween('2026-11', '2027-02'),
      monthsBetween('2026-03', '2026-03'),
      monthsBetween('2026-03', '2025-12'),
    ]).toEqual([3, 0, -3]);
  });
});
