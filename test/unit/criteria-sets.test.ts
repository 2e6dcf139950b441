import { describe, expect, it } from 'vitest';
import {
  BUILTIN_CRITERIA_SETS,
  CriteriaSet,
  HD42_2025,
  NGHE_AN_08_2021,
  selectCriteriaSet,
} from '@duhop/shared';

describe('built-in criteria sets', () => {
  it.each(BUILTIN_CRITERIA_SETS.map((s) => [s.id, s] as const))(
    '%s passes the CriteriaSet schema',
    (_id, set) => {
      const parsed = CriteriaSet.safeParse(set);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    },
  );

  it.each(BUILTIN_CRITERIA_SETS.map((s) => [s.id, s] as const))(
    '%s: every measured item has a scale, every item id is g<group>.<n>',
    (_id, set) => {
      for (const g of set.groups) {
        expect(g.id).toMatch(/^g\d$/);
        for (const item of g.items) {
          expect(item.id.startsWith(`${g.id}.`)).toBe(true);
          if (item.measure) expect(item.scale?.length, item.id).toBeGreaterThan(0);
        }
      }
    },
  );

  it.each([
    { set: HD42_2025, weights: { g1: 5, g2: 5, g3: 10, g4: 40, g5: 5, g6: 30, g7: 5 } },
    { set: NGHE_AN_08_2021, weights: { g1: 20, g2: 10, g3: 45, g4: 15, g5: 10 } },
  ])('$set.id has the documented group weights', ({ set, weights }) => {
    expect(Object.fromEntries(set.groups.map((g) => [g.id, g.maxPoints]))).toEqual(weights);
  });

  it.each([
    { set: HD42_2025, mins: [90, 70, 50, 0] },
    { set: NGHE_AN_08_2021, mins: [80, 70, 50, 0] },
  ])('$set.id has the documented bands', ({ set, mins }) => {
    expect(set.bands.map((b) => b.code)).toEqual(['tot', 'kha', 'trung_binh', 'kem']);
    expect(set.bands.map((b) => b.min)).toEqual(mins);
  });

  it('keeps the topical item conditional and full marks when not applicable, as data', () => {
    const topical = HD42_2025.groups.flatMap((g) => g.items).find((i) => i.id === 'g4.3');
    expect(topical).toMatchObject({
      appliesTo: ['topical', 'combined'],
      whenNotApplicable: 'full',
      maxPoints: 5,
    });
  });

  it('refuses a set whose groups do not sum to 100 (the schema is the guard)', () => {
    const broken = { ...HD42_2025, groups: HD42_2025.groups.slice(1) };
    expect(CriteriaSet.safeParse(broken).success).toBe(false);
  });
});

describe('selectCriteriaSet', () => {
  const schoolSet = { ...HD42_2025, id: 'hd42-school', cellTypes: ['school' as const] };
  const later = { ...HD42_2025, id: 'later-2027', validFrom: '2027-01-01' };

  it.each([
    [BUILTIN_CRITERIA_SETS, '2020-12-31', undefined, null],
    [BUILTIN_CRITERIA_SETS, '2021-01-01', undefined, 'nghe-an-08-2021'],
    [BUILTIN_CRITERIA_SETS, '2025-10-27', undefined, 'nghe-an-08-2021'],
    [BUILTIN_CRITERIA_SETS, '2025-10-28', undefined, 'hd42-2025'],
    [BUILTIN_CRITERIA_SETS, '2030-01-01', 'village', 'hd42-2025'],
    [[...BUILTIN_CRITERIA_SETS, later], '2026-12-31', undefined, 'hd42-2025'],
    [[...BUILTIN_CRITERIA_SETS, later], '2027-01-01', undefined, 'later-2027'],
    [[...BUILTIN_CRITERIA_SETS, schoolSet], '2026-03-03', 'school', 'hd42-school'],
    [[...BUILTIN_CRITERIA_SETS, schoolSet], '2026-03-03', 'village', 'hd42-2025'],
    [[...BUILTIN_CRITERIA_SETS, schoolSet], '2026-03-03', undefined, 'hd42-2025'],
    [[schoolSet], '2026-03-03', null, null],
  ] as const)('#%# on %s for %s → %s', (sets, date, cellType, expected) => {
    expect(selectCriteriaSet(sets as readonly CriteriaSet[], date, cellType)?.id ?? null).toBe(
      expected,
    );
  });
});
