import { type CriteriaSet, REDUCED_NOTE_MESSAGE } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import {
  formSections,
  isoToVnDate,
  maskDigits,
  parseTime24,
  parseVnDate,
  parseVnMonth,
  pointChoices,
} from '../../extension/utils/report/form-inputs.ts';
import { blankDraft, type DraftData } from '../../extension/utils/report/report-model.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { filledDraft, SET } from './helpers/fixtures.ts';

const ID = '7b0f5d0e-3d7c-4c1e-9d6b-2a8f1f6b9e10';

describe('dates and times typed in the form (dd/mm/yyyy, 24-hour)', () => {
  it('reads day/month/year, never month/day', () => {
    expect(parseVnDate('03/11/2026')).toBe('2026-11-03');
    expect(parseVnDate('3/11/2026')).toBe('2026-11-03');
    expect(parseVnDate('03.11.2026')).toBe('2026-11-03');
    expect(parseVnDate('03112026')).toBe('2026-11-03');
    expect(parseVnDate('25/12/2026')).toBe('2026-12-25');
    // 12/25/2026 is the American order: month 25 does not exist
    expect(parseVnDate('12/25/2026')).toBeNull();
    expect(parseVnDate('31/11/2026')).toBeNull();
    expect(parseVnDate('29/02/2025')).toBeNull();
    expect(parseVnDate('29/02/2024')).toBe('2024-02-29');
    expect(parseVnDate('2026-11-03')).toBeNull();
    expect(parseVnDate('03/11')).toBeNull();
    expect(parseVnDate('  ')).toBe('');
    expect(isoToVnDate('2026-11-03')).toBe('03/11/2026');
  });

  it('reads 24-hour times and refuses AM/PM and impossible hours', () => {
    expect(parseTime24('19:30')).toBe('19:30');
    expect(parseTime24('7:05')).toBe('07:05');
    expect(parseTime24('19h30')).toBe('19:30');
    expect(parseTime24('1930')).toBe('19:30');
    expect(parseTime24('00:00')).toBe('00:00');
    expect(parseTime24('7:30 PM')).toBeNull();
    expect(parseTime24('24:00')).toBeNull();
    expect(parseTime24('19:60')).toBeNull();
    expect(parseTime24('')).toBe('');
  });

  it('adds the separators while digits are typed at the end, never while deleting', () => {
    expect(maskDigits('0', '03', 'date')).toBe('03/');
    expect(maskDigits('03/1', '03/11', 'date')).toBe('03/11/');
    expect(maskDigits('03/11/202', '03/11/2026', 'date')).toBe('03/11/2026');
    expect(maskDigits('03/', '03', 'date')).toBe('03');
    expect(maskDigits('1', '19', 'time')).toBe('19:');
    expect(maskDigits('19:', '19', 'time')).toBe('19');
    expect(maskDigits('19:3', '19:30', 'time')).toBe('19:30');
  });
});

describe('a month typed in the filters (mm/yyyy)', () => {
  it('reads month/year, and an ISO month as pasted', () => {
    expect(parseVnMonth('11/2026')).toBe('2026-11');
    expect(parseVnMonth('3/2026')).toBe('2026-03');
    expect(parseVnMonth('03.2026')).toBe('2026-03');
    expect(parseVnMonth(' 2026-12 ')).toBe('2026-12');
    expect(parseVnMonth('')).toBe('');
  });
  it('refuses what is not a month', () => {
    expect(parseVnMonth('13/2026')).toBeNull();
    expect(parseVnMonth('0/2026')).toBeNull();
    expect(parseVnMonth('11/26')).toBeNull();
    expect(parseVnMonth('November 2026')).toBeNull();
    expect(parseVnMonth('2026-1')).toBeNull();
  });
});

describe('points by tapping', () => {
  it('offers every whole point up to 10, the scale steps of a measured item, quarters above 10', () => {
    expect(pointChoices({ maxPoints: 3 })).toEqual([0, 1, 2, 3]);
    expect(pointChoices({ maxPoints: 10 })).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(
      pointChoices({
        maxPoints: 4,
        scale: [
          { min: 95, points: 4 },
          { min: 90, points: 3 },
          { min: 0, points: 1 },
        ],
      }),
    ).toEqual([0, 1, 3, 4]);
    expect(pointChoices({ maxPoints: 30 })).toEqual([0, 7.5, 15, 22.5, 30]);
    expect(pointChoices({ maxPoints: 1.5 })).toEqual([0, 0.5, 1, 1.5]);
  });
});

describe('a note when points are taken off (criteria set flag noteWhenReduced)', () => {
  const strict: CriteriaSet = { ...SET, noteWhenReduced: true };
  const reduced = (note = ''): DraftData => {
    const d = filledDraft();
    return {
      ...d,
      scores: { ...d.scores, 'g3.1': 1 },
      groupNotes: note ? { g3: note } : ({} as Record<string, string>),
    };
  };

  it('is asked at the group note when the set says so and an item of the group lost points', () => {
    const check = validateDraft(ID, reduced(), strict);
    expect(check.errors['groupNotes.g3']).toEqual([REDUCED_NOTE_MESSAGE]);
    expect(check.payload).toBeNull();
    expect(formSections(reduced(), strict, check.errors, check.missing)).toContainEqual(
      expect.objectContaining({ key: 'group:g3', state: 'invalid' }),
    );
  });

  it('is satisfied by a note, and never asked when the set does not say so', () => {
    expect(validateDraft(ID, reduced('Chưa gửi tài liệu trước'), strict).errors).not.toHaveProperty(
      'groupNotes.g3',
    );
    expect(validateDraft(ID, reduced(), SET).errors).not.toHaveProperty('groupNotes.g3');
    // full marks lose nothing: no note needed even under the flag
    expect(validateDraft(ID, filledDraft(), strict).errors).not.toHaveProperty('groupNotes.g3');
  });
});

describe('sections with progress', () => {
  it('marks a blank draft to do, a filled one done, a wrong value invalid', () => {
    const blank = blankDraft({ cellId: 'c', cellName: 'C', meetingDay: 3 }, '2026-11-05');
    const b = validateDraft(ID, blank, SET, undefined, '2026-11-05');
    const s = formSections(blank, SET, b.errors, b.missing);
    expect(s.map((x) => x.key)).toEqual([
      'meeting',
      'attendance',
      ...SET.groups.map((g) => `group:${g.id}`),
      'suggestions',
      'issues',
    ]);
    expect(s.find((x) => x.key === 'meeting')!.state).toBe('todo');
    expect(s.find((x) => x.key === 'attendance')!.state).toBe('todo');

    const full = filledDraft();
    const f = validateDraft(ID, full, SET, undefined, '2026-11-05');
    expect(formSections(full, SET, f.errors, f.missing).every((x) => x.state === 'done')).toBe(
      true,
    );

    const wrong = filledDraft({ attendance: { ...full.attendance, present: 40 } });
    const w = validateDraft(ID, wrong, SET, undefined, '2026-11-05');
    const ws = formSections(wrong, SET, w.errors, w.missing);
    expect(ws.find((x) => x.key === 'attendance')!.state).toBe('invalid');
    expect(ws.find((x) => x.key === 'meeting')!.state).toBe('done');
  });
});
