import { describe, expect, it } from 'vitest';
import {
  HD42_2025,
  NGHE_AN_08_2021,
  bandFor,
  checkScores,
  computeScore,
  isApplicable,
  type CriteriaSet,
  type MeetingType,
} from '@duhop/shared';

/** Full marks on every item that applies to the meeting type. */
const fullScores = (set: CriteriaSet, type: MeetingType): Record<string, number> =>
  Object.fromEntries(
    set.groups.flatMap((g) =>
      g.items.filter((i) => isApplicable(i, type)).map((i) => [i.id, i.maxPoints]),
    ),
  );

describe('bandFor', () => {
  it.each([
    [HD42_2025, 100, 'tot'],
    [HD42_2025, 90, 'tot'],
    [HD42_2025, 89.99, 'kha'],
    [HD42_2025, 70, 'kha'],
    [HD42_2025, 69.99, 'trung_binh'],
    [HD42_2025, 50, 'trung_binh'],
    [HD42_2025, 49.99, 'kem'],
    [HD42_2025, 0, 'kem'],
    [NGHE_AN_08_2021, 80, 'tot'],
    [NGHE_AN_08_2021, 79.99, 'kha'],
    [NGHE_AN_08_2021, 49.99, 'kem'],
  ] as const)('#%# %s points → %s', (set, total, band) => {
    expect(bandFor(set, total)).toBe(band);
  });
});

describe('computeScore', () => {
  it.each([
    // g4.3 (topical content, 5 points) does not apply to a regular meeting: full marks from the data
    { type: 'regular', change: {}, total: 100, g4: 40, band: 'tot' },
    { type: 'regular', change: { 'g4.3': 0 }, total: 100, g4: 40, band: 'tot' },
    { type: 'topical', change: { 'g4.3': 2 }, total: 97, g4: 37, band: 'tot' },
    { type: 'combined', change: { 'g4.3': 0 }, total: 95, g4: 35, band: 'tot' },
    { type: 'regular', change: { 'g6.1': 20 }, total: 90, g4: 40, band: 'tot' },
    { type: 'regular', change: { 'g6.1': 19.99 }, total: 89.99, g4: 40, band: 'kha' },
    {
      type: 'regular',
      change: { 'g6.1': 10, 'g4.9': 0, 'g4.2': 0, 'g3.1': 0, 'g1.1': 1, 'g2.1': 1 },
      total: 50,
      g4: 20,
      band: 'trung_binh',
    },
    {
      type: 'regular',
      change: { 'g6.1': 10, 'g4.9': 0, 'g4.2': 0, 'g3.1': 0, 'g1.1': 1, 'g2.1': 1, 'g2.2': 0 },
      total: 49,
      g4: 20,
      band: 'kem',
    },
  ] as const)(
    '$type meeting with $change → $total ($band)',
    ({ type, change, total, g4, band }) => {
      const scores = { ...fullScores(HD42_2025, 'regular'), ...change };
      if (type !== 'regular' && !('g4.3' in change)) Object.assign(scores, { 'g4.3': 5 });
      const result = computeScore(HD42_2025, scores, type);
      expect(result.total).toBe(total);
      expect(result.groups.g4).toBe(g4);
      expect(result.band).toBe(band);
    },
  );

  it('counts a not-applicable item as zero when the set says so', () => {
    const zeroSet: CriteriaSet = {
      ...HD42_2025,
      groups: HD42_2025.groups.map((g) => ({
        ...g,
        items: g.items.map((i) =>
          i.id === 'g4.3' ? { ...i, whenNotApplicable: 'zero' as const } : i,
        ),
      })),
    };
    expect(computeScore(zeroSet, fullScores(zeroSet, 'regular'), 'regular')).toMatchObject({
      total: 95,
      band: 'tot',
    });
  });

  it('rounds to 2 decimals and sums groups', () => {
    const scores = { ...fullScores(HD42_2025, 'regular'), 'g4.9': 9.333, 'g4.2': 9.333 };
    const r = computeScore(HD42_2025, scores, 'regular');
    expect(r.total).toBe(98.67);
    expect(r.groups).toEqual({ g1: 5, g2: 5, g3: 10, g4: 38.67, g5: 5, g6: 30, g7: 5 });
  });

  it('scores the Nghệ An set with its own bands', () => {
    const scores = { ...fullScores(NGHE_AN_08_2021, 'regular'), 'g1.1': 0, 'g1.2': 0, 'g3.3': 0 };
    expect(computeScore(NGHE_AN_08_2021, scores, 'regular')).toMatchObject({
      total: 76,
      band: 'kha',
    });
  });
});

describe('checkScores', () => {
  const full = fullScores(HD42_2025, 'regular');
  const without = (id: string) =>
    Object.fromEntries(Object.entries(full).filter(([k]) => k !== id));

  it.each([
    { name: 'complete regular scores', type: 'regular', scores: full, errors: {} },
    {
      name: 'topical item omitted in a regular month',
      type: 'regular',
      scores: without('g4.3'),
      errors: {},
    },
    {
      name: 'topical item sent in a regular month',
      type: 'regular',
      scores: { ...full, 'g4.3': 5 },
      errors: {},
    },
    {
      name: 'topical item missing in a topical month',
      type: 'topical',
      scores: full,
      errors: { 'scores.g4.3': ['Chưa chấm tiêu chí này'] },
    },
    {
      name: 'missing item',
      type: 'regular',
      scores: without('g2.2'),
      errors: { 'scores.g2.2': ['Chưa chấm tiêu chí này'] },
    },
    {
      name: 'unknown item',
      type: 'regular',
      scores: { ...full, 'g9.9': 1 },
      errors: { 'scores.g9.9': ['Không có tiêu chí g9.9 trong bộ tiêu chí hd42-2025'] },
    },
    {
      name: 'above max',
      type: 'regular',
      scores: { ...full, 'g1.1': 6 },
      errors: { 'scores.g1.1': ['Điểm tối đa của tiêu chí này là 5'] },
    },
    {
      name: 'negative',
      type: 'regular',
      scores: { ...full, 'g6.1': -1 },
      errors: { 'scores.g6.1': ['Điểm không được âm'] },
    },
    {
      name: 'not a number',
      type: 'regular',
      scores: { ...full, 'g6.1': Number.NaN },
      errors: { 'scores.g6.1': ['Điểm phải là số'] },
    },
    {
      name: 'null counts as missing',
      type: 'regular',
      scores: { ...full, 'g6.1': null },
      errors: { 'scores.g6.1': ['Chưa chấm tiêu chí này'] },
    },
    {
      name: 'max with decimals',
      type: 'regular',
      scores: { ...full, 'g4.4': 2.5 },
      errors: { 'scores.g4.4': ['Điểm tối đa của tiêu chí này là 2'] },
    },
  ] as const)('$name', ({ type, scores, errors }) => {
    expect(checkScores(HD42_2025, scores, type)).toEqual(errors);
  });

  it('reports every problem at once', () => {
    const errors = checkScores(HD42_2025, { 'g1.1': 9, 'x.1': 1 }, 'combined');
    expect(errors['scores.g1.1']).toEqual(['Điểm tối đa của tiêu chí này là 5']);
    expect(errors['scores.x.1']).toHaveLength(1);
    expect(errors['scores.g4.3']).toEqual(['Chưa chấm tiêu chí này']);
    expect(Object.keys(errors)).toHaveLength(
      2 + HD42_2025.groups.flatMap((g) => g.items).length - 1,
    );
  });
});
