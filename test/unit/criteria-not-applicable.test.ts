import { describe, expect, it } from 'vitest';
import {
  CriteriaSet,
  HD42_2025,
  NA_NOT_ALLOWED_MESSAGE,
  NA_REASON_MESSAGE,
  checkNotApplicable,
  checkReducedNotes,
  checkScores,
  computeScore,
  isApplicable,
  type MeetingType,
} from '@duhop/shared';

/** Full marks on every item that applies to the meeting, marks included. */
const full = (type: MeetingType, marked?: Record<string, string>): Record<string, number> =>
  Object.fromEntries(
    HD42_2025.groups.flatMap((g) =>
      g.items.filter((i) => isApplicable(i, type, marked)).map((i) => [i.id, i.maxPoints]),
    ),
  );

/** HD 42 with every point of g6.1 counted as zero when it does not apply. */
const zeroWhenNa: CriteriaSet = {
  ...HD42_2025,
  groups: HD42_2025.groups.map((g) => ({
    ...g,
    items: g.items.map((i) => (i.id === 'g6.1' ? { ...i, whenNotApplicable: 'zero' as const } : i)),
  })),
};

describe('items marked "Không áp dụng" by hand', () => {
  it('the built-in set allows it on g3.3 and g6.1 only, with a reason, and stays a valid set', () => {
    const allowed = HD42_2025.groups.flatMap((g) =>
      g.items.filter((i) => i.allowNotApplicable).map((i) => i.id),
    );
    expect(allowed).toEqual(['g3.3', 'g6.1']);
    expect(HD42_2025.reasonWhenNotApplicable).toBe(true);
    expect(CriteriaSet.safeParse(HD42_2025).success).toBe(true);
  });

  it.each([
    // [marked, meeting type, scores changed from full marks, total, g3 points, g6 points]
    [{}, 'regular', {}, 100, 10, 30],
    [{ 'g3.3': 'Chi bộ 7 đảng viên, không có cấp ủy' }, 'regular', {}, 100, 10, 30],
    [{ 'g3.3': 'Không có cấp ủy' }, 'regular', { 'g3.1': 1 }, 98, 8, 30],
    [{ 'g6.1': 'Chi bộ mới thành lập' }, 'combined', { 'g4.3': 2 }, 97, 10, 30],
    [{ 'g6.1': 'Chi bộ mới thành lập', 'g3.3': 'x' }, 'regular', { 'g3.2': 0 }, 98, 8, 30],
  ] as const)('#%# %j on a %s meeting', (marked, type, changed, total, g3, g6) => {
    const scores = { ...full(type, marked), ...changed };
    expect(checkScores(HD42_2025, scores, type, marked)).toEqual({});
    const r = computeScore(HD42_2025, scores, type, marked);
    expect(r).toMatchObject({ total, groups: { g3, g6 } });
  });

  it('counts exactly like an item that does not apply to the meeting type (one rule)', () => {
    // g4.3 does not apply to a regular meeting and counts in full: a hand mark on g6.1 does the same.
    const scores = { ...full('regular'), 'g6.1': 10 };
    const marked = { 'g6.1': 'Chi bộ mới sáp nhập' };
    expect(computeScore(HD42_2025, scores, 'regular', marked).total).toBe(100);
    expect(computeScore(HD42_2025, scores, 'regular').total).toBe(80);
    // A set that counts the item as zero when it does not apply: the mark counts zero too.
    expect(computeScore(zeroWhenNa, scores, 'regular', marked)).toMatchObject({
      total: 70,
      groups: { g6: 0 },
    });
  });

  it('needs no points for a marked item, and a reduction on it asks no note', () => {
    const marked = { 'g3.3': 'Không có cấp ủy' };
    const scores = full('regular', marked);
    expect(scores['g3.3']).toBeUndefined();
    expect(checkScores(HD42_2025, scores, 'regular')).toEqual({
      'scores.g3.3': ['Chưa chấm tiêu chí này'],
    });
    const notes = { ...HD42_2025, noteWhenReduced: true };
    const withZero = { ...scores, 'g3.3': 0 };
    expect(checkReducedNotes(notes, withZero, undefined, 'regular', marked)).toEqual({});
    expect(Object.keys(checkReducedNotes(notes, withZero, undefined, 'regular'))).toEqual([
      'groupNotes.g3',
    ]);
  });

  it('ignores a mark on an item the set does not allow, in scoring as in the check', () => {
    const marked = { 'g4.9': 'Bí thư vắng' };
    const scores = { ...full('regular'), 'g4.9': 0 };
    expect(computeScore(HD42_2025, scores, 'regular', marked).total).toBe(90);
    expect(checkNotApplicable(HD42_2025, marked)).toEqual({
      'notApplicable.g4.9': [NA_NOT_ALLOWED_MESSAGE],
    });
  });

  it.each([
    [{ 'g3.3': 'Không có cấp ủy' }, HD42_2025, {}],
    [{ 'g3.3': '' }, HD42_2025, { 'notApplicable.g3.3': [NA_REASON_MESSAGE] }],
    [{ 'g6.1': '   ' }, HD42_2025, { 'notApplicable.g6.1': [NA_REASON_MESSAGE] }],
    [{ 'g6.1': '' }, { ...HD42_2025, reasonWhenNotApplicable: false }, {}],
    [
      { nope: 'x' },
      HD42_2025,
      { 'notApplicable.nope': ['Không có tiêu chí nope trong bộ tiêu chí hd42-2025'] },
    ],
    [undefined, HD42_2025, {}],
  ] as const)('#%# checkNotApplicable(%j)', (marked, set, errors) => {
    expect(checkNotApplicable(set, marked)).toEqual(errors);
  });
});
