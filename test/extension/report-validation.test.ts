import {
  type CriteriaSet,
  HD42_2025,
  NGHE_AN_08_2021,
  type OrgUnit,
  ReportInput,
} from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { translator } from '../../extension/utils/i18n/index.ts';
import { blankDraft } from '../../extension/utils/report/report-model.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { criteriaSetFor, provinceOfUnit } from '../../extension/utils/reference-data.ts';
import { filledDraft, SET } from './helpers/fixtures.ts';

const ID = '7b0f5d0e-3d7c-4c1e-9d6b-2a8f1f6b9e10';

describe('validateDraft', () => {
  it('gives the exact body the API schema accepts for a consistent report', () => {
    const check = validateDraft(ID, filledDraft(), SET);
    expect(check.errors).toEqual({});
    expect(check.payload).not.toBeNull();
    expect(ReportInput.safeParse(check.payload).success).toBe(true);
    expect(check.payload).toMatchObject({
      id: ID,
      startedAt: '2026-11-03T14:00:00+07:00',
      criteriaSetId: 'hd42-2025',
      cellSelfScore: 92,
    });
    // proposals count as the observer's points; no chosen body means the server routes
    expect(check.payload!.scores['g1.1']).toBe(5);
    expect(check.payload!.issues[0]).not.toHaveProperty('responsibleBodyId');
  });

  it('sends an issue answered at the meeting with who answered and the answer, and no body', () => {
    const d = filledDraft();
    const answeredAtMeeting = { by: 'Đồng chí Bí thư chi bộ', answer: 'Đã giải đáp tại chỗ' };
    const issues = d.issues.map((i, idx) =>
      idx === 0 ? { ...i, responsibleBodyId: 'na-bnc', answeredAtMeeting } : i,
    );
    const check = validateDraft(ID, { ...d, issues }, SET);
    expect(check.errors).toEqual({});
    expect(check.payload!.issues[0]).toMatchObject({ answeredAtMeeting });
    expect(check.payload!.issues[0]).not.toHaveProperty('responsibleBodyId');
    expect(ReportInput.safeParse(check.payload).success).toBe(true);
  });

  it('flags an answer at the meeting without who answered or without the answer, at the field', () => {
    const d = filledDraft();
    const issues = d.issues.map((i, idx) =>
      idx === 0 ? { ...i, answeredAtMeeting: { by: '', answer: '' } } : i,
    );
    const check = validateDraft(ID, { ...d, issues }, SET);
    expect(check.payload).toBeNull();
    expect(check.errors['issues.0.answeredAtMeeting.by']).toEqual(['Chưa nhập']);
    expect(check.errors['issues.0.answeredAtMeeting.answer']).toEqual(['Chưa nhập']);
  });

  it('marks empty required fields as missing, not as wrong', () => {
    const check = validateDraft(
      ID,
      blankDraft({ cellId: 'hn-xom-1', cellName: 'x', meetingDay: 3 }, '2026-11-05'),
      SET,
    );
    expect(check.payload).toBeNull();
    for (const path of ['startedAt', 'endedAt', 'attendance.total', 'attendance.present']) {
      expect(check.errors[path], path).toEqual(['Chưa nhập']);
      expect(check.missing.has(path), path).toBe(true);
    }
    expect(check.errors['scores.g3.1']).toEqual(['Chưa chấm tiêu chí này']);
    expect(check.missing.has('scores.g3.1')).toBe(true);
  });

  it.each([
    ['present above total − exempted', { present: 30 }, 'attendance.present'],
    ['exempted above total', { exempted: 40 }, 'attendance.exempted'],
    ['speakers above present', { speakers: 27 }, 'attendance.speakers'],
    ['parts that do not add up', { absentWithReason: 5 }, 'attendance.absentWithReason'],
  ])('flags %s at the field', (_name, patch, path) => {
    const d = filledDraft();
    const check = validateDraft(ID, { ...d, attendance: { ...d.attendance, ...patch } }, SET);
    expect(check.errors[path]?.length).toBeGreaterThan(0);
    expect(check.missing.has(path)).toBe(false);
    expect(check.payload).toBeNull();
  });

  it('flags impossible numbers while other fields are still empty', () => {
    const d = blankDraft({ cellId: 'hn-xom-1', cellName: 'x', meetingDay: 3 }, '2026-11-05');
    const check = validateDraft(
      ID,
      { ...d, attendance: { ...d.attendance, total: 10, present: 12 } },
      SET,
    );
    expect(check.errors['attendance.present']).toEqual([
      'Số có mặt không được vượt quá 10 (tổng số trừ miễn sinh hoạt)',
    ]);
  });

  it('flags an end before the start, a score above its maximum and an untitled issue', () => {
    const d = filledDraft({ startTime: '16:00', endTime: '15:00' });
    d.scores['g3.1'] = 9;
    d.issues = [{ ...d.issues[0]!, title: '  ', category: null }];
    const check = validateDraft(ID, d, SET);
    expect(check.errors.endedAt).toContain('Giờ kết thúc phải sau giờ bắt đầu');
    expect(check.errors['scores.g3.1']?.[0]).toMatch(/tối đa/);
    expect(check.errors['issues.0.title']).toBeDefined();
    expect(check.errors['issues.0.category']).toEqual(['Chưa nhập']);
  });

  it('flags an end time still in the future at the field, beyond 5 minutes of clock skew', () => {
    const d = filledDraft({ meetingDate: '2026-11-03', startTime: '19:30', endTime: '21:15' });
    const at = (iso: string) =>
      validateDraft(ID, d, SET, undefined, '2026-11-03', false, Date.parse(iso));
    const early = at('2026-11-03T21:09:59+07:00');
    expect(early.errors.endedAt).toEqual([
      'Giờ kết thúc không được ở tương lai: buổi sinh hoạt chưa kết thúc',
    ]);
    expect(early.payload).toBeNull();
    expect(at('2026-11-03T21:10:00+07:00').errors.endedAt).toBeUndefined();
    expect(at('2026-11-03T21:10:00+07:00').payload).not.toBeNull();
    expect(
      validateDraft(
        ID,
        d,
        SET,
        translator('en'),
        '2026-11-03',
        false,
        Date.parse('2026-11-03T20:00:00+07:00'),
      ).errors.endedAt,
    ).toEqual(['The end time cannot be in the future: the meeting has not ended yet']);
  });

  it('refuses to send without a criteria set and says why in the chosen language', () => {
    const check = validateDraft(ID, filledDraft(), null, translator('en'));
    expect(check.payload).toBeNull();
    expect(check.errors.criteriaSetId?.[0]).toMatch(/No criteria set/);
  });
});

describe('the criteria set of the form (province-aware, as the API)', () => {
  const unit = (id: string, parentId: string | null, kind: OrgUnit['kind']) => ({
    id,
    name: id,
    kind,
    parentId,
    validFrom: '2019-01-01',
    validTo: null,
    cellType: kind === 'cell' ? ('village' as const) : null,
  });
  const orgUnits = [
    unit('na-tu', null, 'province'),
    unit('hn', 'na-tu', 'commune'),
    unit('hn-xom-1', 'hn', 'cell'),
  ];
  const adopted = {
    ...NGHE_AN_08_2021,
    scope: 'province' as const,
    provinceId: 'na-tu',
    adoptedOn: '2021-09-15',
  };
  const elsewhere = { ...adopted, provinceId: 'ht-tu' };

  it('picks the province’s adopted set, never another province’s or a bare template', () => {
    expect(provinceOfUnit(orgUnits, 'hn-xom-1')).toBe('na-tu');
    const ref = (criteriaSets: CriteriaSet[]) => ({ criteriaSets, orgUnits });
    expect(criteriaSetFor(ref([HD42_2025, adopted]), 'hn-xom-1', '2024-05-03')?.id).toBe(
      'nghe-an-08-2021',
    );
    expect(criteriaSetFor(ref([HD42_2025, elsewhere]), 'hn-xom-1', '2024-05-03')).toBeNull();
    expect(criteriaSetFor(ref([HD42_2025, NGHE_AN_08_2021]), 'hn-xom-1', '2024-05-03')).toBeNull();
    expect(criteriaSetFor(ref([HD42_2025, adopted]), 'hn-xom-1', '2021-09-14')).toBeNull();
  });

  it('with sets loaded but none in force, says so at the meeting date instead of guessing', () => {
    const d = filledDraft({ meetingDate: '2019-05-03' });
    const check = validateDraft(ID, d, null, translator('vi'), '2026-11-05', true);
    expect(check.payload).toBeNull();
    expect(check.errors.meetingDate?.[0]).toContain('Chưa có bộ tiêu chí nào có hiệu lực');
    expect(check.errors.meetingDate?.[0]).toContain('03/05/2019');
    expect(check.errors.criteriaSetId).toEqual(check.errors.meetingDate);
  });
});
