import { ReportInput } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { blankDraft, draftFormat } from '../../extension/utils/report/report-model.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { filledDraft, SET } from './helpers/fixtures.ts';

/** The attendance breakdown on the side panel's form (issue 17): format, numbers, ticked members. */
const ID = '7b0f5d0e-3d7c-4c1e-9d6b-2a8f1f6b9e11';
const LAN = '0b7c4c1e-1111-4c1e-9d6b-2a8f1f6b9e10';
const DUC = '0b7c4c1e-2222-4c1e-9d6b-2a8f1f6b9e10';

describe('the attendance breakdown in the form', () => {
  it('an older draft (no format, online box ticked) reads as online; a new one starts in person', () => {
    const old = { ...filledDraft(), online: true };
    delete (old as { meetingFormat?: unknown }).meetingFormat;
    expect(draftFormat(old)).toBe('online');
    expect(
      draftFormat(blankDraft({ cellId: 'c', cellName: 'C', meetingDay: 3 }, '2026-11-05')),
    ).toBe('in_person');
  });

  it('sends the format, the numbers and the ticked members the API schema accepts', () => {
    const d = filledDraft();
    const present = d.attendance.present!;
    const check = validateDraft(
      ID,
      {
        ...d,
        meetingFormat: 'combined',
        attendance: { ...d.attendance, presentOnline: 3, presentResidence: 2, awayForWork: 1 },
        residenceMemberIds: [LAN, DUC],
      },
      SET,
    );
    expect(check.errors).toEqual({});
    expect(ReportInput.safeParse(check.payload).success).toBe(true);
    expect(check.payload).toMatchObject({
      meetingFormat: 'combined',
      online: true,
      attendance: {
        present,
        presentOnline: 3,
        presentResidence: 2,
        awayForWork: 1,
        residenceMemberIds: [LAN, DUC],
      },
    });
  });

  it('a breakdown not stated is not sent', () => {
    const check = validateDraft(ID, filledDraft(), SET);
    expect(Object.keys(check.payload!.attendance)).not.toContain('presentOnline');
    expect(Object.keys(check.payload!.attendance)).not.toContain('residenceMemberIds');
  });

  it('flags a breakdown above its total at the field, live', () => {
    const d = filledDraft();
    const present = d.attendance.present!;
    const check = validateDraft(
      ID,
      {
        ...d,
        meetingFormat: 'online',
        attendance: { ...d.attendance, presentOnline: present + 1, presentResidence: 1 },
        residenceMemberIds: [LAN, DUC],
      },
      SET,
    );
    expect(check.payload).toBeNull();
    expect(check.errors['attendance.presentOnline']?.[0]).toMatch(/không được vượt quá số có mặt/);
    expect(check.errors['attendance.presentResidence']?.[0]).toMatch(
      /bằng số người đã đánh dấu \(2\)/,
    );
  });
});
