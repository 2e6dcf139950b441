import { describe, expect, it } from 'vitest';
import {
  BUILTIN_CRITERIA_SETS,
  CriteriaSet,
  HD42_2025,
  NGHE_AN_08_2021,
  PROVENANCE_LOCAL_LABEL,
  provenanceLabel,
  scopeOf,
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
  /** Nghệ An's template as the API answers it once Nghệ An adopted it. */
  const naAdopted = {
    ...NGHE_AN_08_2021,
    scope: 'province' as const,
    provinceId: 'na-tu',
    adoptedOn: '2021-09-15',
  };
  const naOwn = {
    ...HD42_2025,
    id: 'na-own',
    scope: 'province' as const,
    provinceId: 'na-tu',
    validFrom: '2025-01-01',
    validTo: null,
  };
  const withNa = [...BUILTIN_CRITERIA_SETS, naAdopted];

  it.each([
    // The template alone applies nowhere: before HD 42 nothing is in force.
    [BUILTIN_CRITERIA_SETS, '2021-09-15', undefined, 'na-tu', null],
    [BUILTIN_CRITERIA_SETS, '2025-10-27', undefined, 'na-tu', null],
    [withNa, '2021-09-14', undefined, 'na-tu', null],
    [withNa, '2021-09-15', undefined, 'na-tu', 'nghe-an-08-2021'],
    [withNa, '2025-10-27', 'village', 'na-tu', 'nghe-an-08-2021'],
    [withNa, '2025-10-28', undefined, 'na-tu', 'hd42-2025'],
    // Another province (or an unknown one) never gets Nghệ An's set.
    [withNa, '2024-05-03', undefined, 'ht-tu', null],
    [withNa, '2024-05-03', undefined, undefined, null],
    [BUILTIN_CRITERIA_SETS, '2025-10-28', undefined, undefined, 'hd42-2025'],
    [BUILTIN_CRITERIA_SETS, '2030-01-01', 'village', 'na-tu', 'hd42-2025'],
    [[...BUILTIN_CRITERIA_SETS, later], '2026-12-31', undefined, 'na-tu', 'hd42-2025'],
    [[...BUILTIN_CRITERIA_SETS, later], '2027-01-01', undefined, 'na-tu', 'later-2027'],
    [[...BUILTIN_CRITERIA_SETS, schoolSet], '2026-03-03', 'school', 'na-tu', 'hd42-school'],
    [[...BUILTIN_CRITERIA_SETS, schoolSet], '2026-03-03', 'village', 'na-tu', 'hd42-2025'],
    [[...BUILTIN_CRITERIA_SETS, schoolSet], '2026-03-03', undefined, 'na-tu', 'hd42-2025'],
    [[schoolSet], '2026-03-03', null, 'na-tu', null],
    // The province's own set wins over a national one in force the same day, even a later one.
    [[...withNa, naOwn], '2026-03-03', 'village', 'na-tu', 'na-own'],
    [[...withNa, naOwn, later], '2027-03-03', 'village', 'na-tu', 'na-own'],
    [[...withNa, naOwn], '2026-03-03', 'village', 'ht-tu', 'hd42-2025'],
  ] as const)('#%# on %s for %s in %s → %s', (sets, date, cellType, provinceId, expected) => {
    expect(
      selectCriteriaSet(sets as readonly CriteriaSet[], date, cellType, provinceId)?.id ?? null,
    ).toBe(expected);
  });
});

describe('provenance', () => {
  it('Nghệ An 08-QĐ/TU: a template from its issue date to the day before HD 42, not official', () => {
    expect(NGHE_AN_08_2021).toMatchObject({
      scope: 'template',
      validFrom: '2021-09-15',
      validTo: '2025-10-27',
      official: false,
    });
    expect(NGHE_AN_08_2021.source).toContain('15/09/2021');
    expect(HD42_2025).toMatchObject({ scope: 'national', validFrom: '2025-10-28' });
  });

  it('provenanceLabel marks a set or an item that is not official, and only those', () => {
    expect(provenanceLabel(NGHE_AN_08_2021)).toBe('Cấu hình địa phương / tạm tính');
    expect(provenanceLabel(HD42_2025)).toBeNull();
    const [g, ...rest] = HD42_2025.groups;
    const localItem = {
      ...HD42_2025,
      groups: [{ ...g!, items: [{ ...g!.items[0]!, official: false }] }, ...rest],
    };
    expect(provenanceLabel(localItem)).toBe(PROVENANCE_LOCAL_LABEL);
    expect(scopeOf({ provinceId: 'na-tu' })).toBe('province');
    expect(scopeOf({})).toBe('national');
  });
});
