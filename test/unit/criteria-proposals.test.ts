import { describe, expect, it } from 'vitest';
import {
  HD42_2025,
  NGHE_AN_08_2021,
  attendanceRate,
  proposePoints,
  type CriteriaItem,
  type CriteriaSet,
  type MeasuredFacts,
} from '@duhop/shared';

const item = (set: CriteriaSet, id: string): CriteriaItem => {
  const found = set.groups.flatMap((g) => g.items).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

describe('proposePoints: duration (HD 42 g1.1)', () => {
  it.each([
    // regular and topical: 90 minutes required
    ['regular', 120, 5],
    ['regular', 90, 5],
    ['regular', 89, 4],
    ['regular', 75, 4],
    ['regular', 74, 3],
    ['regular', 60, 3],
    ['regular', 59, 2],
    ['regular', 45, 2],
    ['regular', 44, 1],
    ['regular', 0, 1],
    ['topical', 90, 5],
    // combined: 120 minutes required
    ['combined', 120, 5],
    ['combined', 119, 4],
    ['combined', 105, 4],
    ['combined', 104, 3],
    ['combined', 90, 3],
    ['combined', 89, 2],
    ['combined', 60, 2],
    ['combined', 59, 1],
  ] as const)('%s meeting of %i min → %i', (type, minutes, points) => {
    expect(proposePoints(item(HD42_2025, 'g1.1'), { durationMinutes: minutes }, type)).toBe(points);
  });
});

describe('proposePoints: attendance (HD 42 g2.1)', () => {
  it.each([
    [100, 0, 4],
    [90, 0, 4],
    [89.99, 0, 3],
    [75, 0, 3],
    [74.99, 0, 2],
    [65, 0, 2],
    [64.99, 0, 1],
    [0, 0, 1],
    [100, 1, 1],
    [80, 2, 1],
    [95, undefined, 4],
  ])('rate %s%%, %s absent without reason → %i', (rate, absent, points) => {
    expect(
      proposePoints(
        item(HD42_2025, 'g2.1'),
        { attendanceRate: rate, absentWithoutReason: absent },
        'regular',
      ),
    ).toBe(points);
  });

  it('takes the rate from the attendance figures (24 of 27 expected = 88.9%)', () => {
    const rate = attendanceRate({ total: 30, exempted: 3, present: 24 });
    expect(
      proposePoints(
        item(HD42_2025, 'g2.1'),
        { attendanceRate: rate, absentWithoutReason: 0 },
        'regular',
      ),
    ).toBe(3);
  });
});

describe('proposePoints: speakers (HD 42 g4.5)', () => {
  it.each([
    [100, 5],
    [50.01, 5],
    [50, 4],
    [40, 4],
    [39.99, 3],
    [30, 3],
    [29.99, 2],
    [0, 2],
  ])('%s%% spoke → %i', (share, points) => {
    expect(proposePoints(item(HD42_2025, 'g4.5'), { speakersShare: share }, 'regular')).toBe(
      points,
    );
  });
});

describe('proposePoints: targets of the last resolution (HD 42 g6.1)', () => {
  it.each([
    [100, 30],
    [90, 30],
    [89.99, 27],
    [80, 27],
    [79.99, 24],
    [70, 24],
    [60, 20],
    [59.99, 15],
    [50, 15],
    [49.99, 10],
    [0, 10],
  ])('%s%% met → %i', (pct, points) => {
    expect(proposePoints(item(HD42_2025, 'g6.1'), { targetsMetPercent: pct }, 'regular')).toBe(
      points,
    );
  });
});

describe('proposePoints: nothing to propose', () => {
  it.each<[string, MeasuredFacts, string]>([
    ['g1.1', {}, 'unknown duration'],
    ['g1.1', { durationMinutes: null }, 'null duration'],
    ['g2.1', { speakersShare: 80 }, 'another fact only'],
    ['g2.2', { attendanceRate: 100 }, 'item without measure'],
    ['g4.3', { durationMinutes: 90 }, 'item without measure (topical content)'],
    ['g6.1', { targetsMetPercent: null }, 'null target share'],
  ])('%s with %j → null (%s)', (id, facts) => {
    expect(proposePoints(item(HD42_2025, id), facts, 'topical')).toBeNull();
  });
});

describe('proposePoints: thresholds are the set’s data', () => {
  it.each([
    ['g2.1', { attendanceRate: 95 }, 7],
    ['g2.1', { attendanceRate: 94.99 }, 6],
    ['g3.5', { speakersShare: 50 }, 8],
    ['g3.2', { durationMinutes: 80 }, 4],
  ] as const)('Nghệ An %s with %j → %i', (id, facts, points) => {
    expect(proposePoints(item(NGHE_AN_08_2021, id), facts, 'regular')).toBe(points);
  });
});
