import {
  computeScore,
  NA_NOT_ALLOWED_MESSAGE,
  NA_REASON_MESSAGE,
  ReportInput,
  type CriteriaSet,
} from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { formSections } from '../../extension/utils/report/form-inputs.ts';
import {
  computeFacts,
  effectiveScores,
  itemState,
  markedItems,
  unscoredItems,
  type DraftData,
} from '../../extension/utils/report/report-model.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { filledDraft, SET } from './helpers/fixtures.ts';

const ID = '7b0f5d0e-3d7c-4c1e-9d6b-2a8f1f6b9e10';
const item = (id: string) => SET.groups.flatMap((g) => g.items).find((i) => i.id === id)!;

/** A filled draft with these items marked "Không áp dụng" (and g6.1's proposal from 85 % gone). */
const marking = (notApplicable: Record<string, string>, patch: Partial<DraftData> = {}) => ({
  ...filledDraft(),
  notApplicable,
  ...patch,
});

describe('the form state of an item marked "Không áp dụng"', () => {
  it('offers the mark only where the set allows it and the item applies to the meeting type', () => {
    const d = filledDraft();
    const facts = computeFacts(d, SET);
    expect(itemState(item('g3.3'), d, facts)).toMatchObject({ markable: true, marked: false });
    expect(itemState(item('g6.1'), d, facts)).toMatchObject({ markable: true, applicable: true });
    expect(itemState(item('g4.9'), d, facts).markable).toBe(false);
    // g4.3 does not apply to a regular meeting anyway: nothing to mark.
    expect(itemState(item('g4.3'), d, facts)).toMatchObject({ markable: false, marked: false });
  });

  it('leaves the marked item out of the points sent, and sends the mark with its reason trimmed', () => {
    const d = marking({ 'g6.1': '  Chi bộ mới thành lập  ' }, { targetsMetPercent: null });
    const facts = computeFacts(d, SET);
    expect(itemState(item('g6.1'), d, facts)).toMatchObject({ applicable: false, marked: true });
    expect(effectiveScores(SET, d, facts)).not.toHaveProperty('g6.1');
    expect(unscoredItems(SET, d, facts)).toBe(0);
    const check = validateDraft(ID, d, SET);
    expect(check.errors).toEqual({});
    expect(check.payload!.notApplicable).toEqual({ 'g6.1': 'Chi bộ mới thành lập' });
    expect(check.payload!.scores).not.toHaveProperty('g6.1');
    expect(ReportInput.safeParse(check.payload).success).toBe(true);
    // The panel's total is the API's: the shared rule, full marks for the item (whenNotApplicable).
    expect(
      computeScore(SET, effectiveScores(SET, d, facts), d.meetingType, markedItems(SET, d)).total,
    ).toBe(computeScore(SET, check.payload!.scores, 'regular', check.payload!.notApplicable).total);
  });

  it('asks for the reason as missing (shown when the member asks), in the item’s section', () => {
    const d = marking({ 'g3.3': '' });
    const check = validateDraft(ID, d, SET);
    expect(check.errors).toEqual({ 'notApplicable.g3.3': [NA_REASON_MESSAGE] });
    expect(check.missing.has('notApplicable.g3.3')).toBe(true);
    expect(check.payload).toBeNull();
    expect(formSections(d, SET, check.errors, check.missing)).toContainEqual(
      expect.objectContaining({ key: 'group:g3', state: 'todo' }),
    );
    // A set that does not ask for a reason sends the mark with ''.
    const lax: CriteriaSet = { ...SET, reasonWhenNotApplicable: false };
    expect(validateDraft(ID, d, lax).payload!.notApplicable).toEqual({ 'g3.3': '' });
  });

  it('ignores a mark the set does not allow (stale draft, changed set): the item keeps its points', () => {
    const d = marking({ 'g4.9': 'x' });
    const check = validateDraft(ID, d, SET);
    expect(check.errors).toEqual({});
    expect(check.payload).not.toHaveProperty('notApplicable');
    expect(check.payload!.scores['g4.9']).toBe(10);
    // …and a set that no longer allows g3.3 refuses nothing either: the mark is simply not sent.
    const strict: CriteriaSet = {
      ...SET,
      groups: SET.groups.map((g) => ({
        ...g,
        items: g.items.map((i) => ({ ...i, allowNotApplicable: false })),
      })),
    };
    const stale = validateDraft(ID, marking({ 'g3.3': 'x' }), strict);
    expect(stale.payload).not.toHaveProperty('notApplicable');
    expect(NA_NOT_ALLOWED_MESSAGE).toBeTruthy();
  });

  it('a draft of an older version (no notApplicable) sends the same body as before', () => {
    const d = filledDraft();
    delete (d as Partial<DraftData>).notApplicable;
    const check = validateDraft(ID, d, SET);
    expect(check.errors).toEqual({});
    expect(check.payload).not.toHaveProperty('notApplicable');
    // An outbox payload of an older version parses without the field: its resend hash is unchanged.
    expect(ReportInput.parse(check.payload)).not.toHaveProperty('notApplicable');
  });

  it('a reduction on a marked item asks no note under noteWhenReduced', () => {
    const strict: CriteriaSet = { ...SET, noteWhenReduced: true };
    const d = marking({ 'g3.3': 'Không có cấp ủy' });
    const withZero = { ...d, scores: { ...d.scores, 'g3.3': 0 } };
    // (g2 and g6 lose points from the facts of the fixture: their notes are asked, g3's is not.)
    expect(validateDraft(ID, withZero, strict).errors).not.toHaveProperty('groupNotes.g3');
    const reducedG33 = { ...filledDraft(), scores: { ...d.scores, 'g3.3': 0 } };
    expect(validateDraft(ID, reducedG33, strict).errors).toHaveProperty('groupNotes.g3');
  });
});
