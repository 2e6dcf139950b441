import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blankPresence,
  PresenceFigures,
  presenceFigures,
  presenceSentences,
  type PresenceAssessment,
  type PresenceMeeting,
  type PresenceRegisterEntry,
} from '@duhop/shared';

// A month period (March 2026) unless a test says otherwise.
const period = { first: '2026-03-01', last: '2026-03-31', year: 2026 };

const meeting = (over: Partial<PresenceMeeting>): PresenceMeeting => ({
  cellId: 'c1',
  meetingDate: '2026-03-10',
  format: 'in_person',
  present: 10,
  presentOnline: null,
  presentResidence: null,
  awayForWork: null,
  ...over,
});

const entry = (over: Partial<PresenceRegisterEntry>): PresenceRegisterEntry => ({
  id: 'm1',
  cellId: 'c1',
  introducedOn: '2025-06-01',
  receivedOn: '2025-06-15',
  status: 'active',
  statusOn: null,
  ...over,
});

const figures = (
  meetings: PresenceMeeting[] = [],
  register: PresenceRegisterEntry[] = [],
  assessments: PresenceAssessment[] = [],
  p = period,
) => presenceFigures({ ...p, meetings, register, assessments });

describe('presenceFigures: meetings and attendance', () => {
  it('gives nulls, not NaN, for a period with nothing in it', () => {
    const f = figures();
    expect(f).toEqual(blankPresence(2026));
    expect(f.meetings.onlineOrCombinedPercent).toBeNull();
    expect(f.residence.receivedPercent).toBeNull();
    expect(f.residence.attendancePercent).toBeNull();
    expect(f.residence.goodPercent).toBeNull();
    expect(PresenceFigures.parse(f)).toEqual(f);
  });

  it('counts the formats and the share online or combined with one decimal', () => {
    const f = figures([
      meeting({ format: 'in_person' }),
      meeting({ format: 'online', cellId: 'c2' }),
      meeting({ format: 'combined', cellId: 'c3' }),
    ]);
    expect(f.meetings).toEqual({
      total: 3,
      inPerson: 1,
      online: 1,
      combined: 1,
      onlineOrCombinedPercent: 66.7,
    });
  });

  it('ignores meetings outside the period', () => {
    const f = figures([
      meeting({ meetingDate: '2026-02-28', format: 'online' }),
      meeting({ meetingDate: '2026-04-01' }),
      meeting({ meetingDate: '2026-03-31', present: 7 }),
    ]);
    expect(f.meetings.total).toBe(1);
    expect(f.attendance.present).toBe(7);
  });

  it('sums present, and online only where stated (null is not stated, not zero)', () => {
    const f = figures([
      meeting({ present: 12, presentOnline: 3 }),
      meeting({ present: 9, presentOnline: null, cellId: 'c2' }),
      meeting({ present: 5, presentOnline: 0, cellId: 'c3' }),
    ]);
    expect(f.attendance.present).toBe(26);
    expect(f.attendance.presentOnline).toBe(3);
  });

  it('counts away for work once per cell, from its latest meeting that states it', () => {
    const f = figures([
      meeting({ cellId: 'c1', meetingDate: '2026-03-05', awayForWork: 4 }),
      meeting({ cellId: 'c1', meetingDate: '2026-03-20', awayForWork: 2 }),
      // The latest meeting of c1 does not state it: the figure of the 20th stands.
      meeting({ cellId: 'c1', meetingDate: '2026-03-28', awayForWork: null }),
      meeting({ cellId: 'c2', meetingDate: '2026-03-12', awayForWork: 0 }),
      meeting({ cellId: 'c3', meetingDate: '2026-03-12', awayForWork: null }),
    ]);
    expect(f.attendance.awayForWork).toBe(2);
    // c2 stated 0: counted as a cell that stated it; c3 did not.
    expect(f.attendance.awayForWorkCells).toBe(2);
  });

  it('does not depend on the order of the meetings (two on one day: the larger figure)', () => {
    const rows = [
      meeting({ meetingDate: '2026-03-05', awayForWork: 4 }),
      meeting({ meetingDate: '2026-03-20', awayForWork: 1 }),
      meeting({ meetingDate: '2026-03-20', awayForWork: 3 }),
    ];
    expect(figures(rows).attendance.awayForWork).toBe(3);
    expect(figures([...rows].reverse()).attendance.awayForWork).toBe(3);
  });
});

describe('presenceFigures: the registers', () => {
  it('counts introduced and received during the period, and registered by its end', () => {
    const f = figures(
      [],
      [
        // Introduced and received before the period, still active.
        entry({ id: 'a' }),
        // Introduced in the period, received in it.
        entry({ id: 'b', introducedOn: '2026-03-02', receivedOn: '2026-03-09' }),
        // Introduced in the period, not yet received.
        entry({ id: 'c', introducedOn: '2026-03-25', receivedOn: null }),
        // Introduced before, received in the period.
        entry({ id: 'd', introducedOn: '2026-02-20', receivedOn: '2026-03-03' }),
        // Introduced in the period, received after it.
        entry({ id: 'e', introducedOn: '2026-03-30', receivedOn: '2026-04-02' }),
        // Introduced after the period.
        entry({ id: 'f', introducedOn: '2026-04-05', receivedOn: '2026-04-06' }),
        // Left before the period.
        entry({ id: 'g', status: 'left', statusOn: '2026-02-10' }),
        // Moved during the period: still on the register of the period.
        entry({ id: 'h', status: 'moved', statusOn: '2026-03-15' }),
      ],
    );
    expect(f.residence).toMatchObject({
      introduced: 3,
      received: 2,
      // a, b, c, d, e, h.
      registered: 6,
      // a, b, d, h (c and e not yet received by 31/03).
      receivedByEnd: 4,
      receivedPercent: 66.7,
    });
  });

  it('counts a member who left on the first day of the period as registered in it', () => {
    const f = figures([], [entry({ status: 'transferred', statusOn: '2026-03-01' })]);
    expect(f.residence.registered).toBe(1);
  });
});

describe('presenceFigures: residence members attendance', () => {
  it('expects the members on the register on each meeting date, over the meetings that state it', () => {
    const register = [
      entry({ id: 'a' }),
      // Moved mid-period: expected at the meeting of the 10th, not at the one of the 25th.
      entry({ id: 'b', status: 'moved', statusOn: '2026-03-15' }),
      // Introduced mid-period: expected on the 25th only.
      entry({ id: 'c', introducedOn: '2026-03-20', receivedOn: null }),
      // Another cell's member.
      entry({ id: 'd', cellId: 'c2' }),
    ];
    const f = figures(
      [
        meeting({ meetingDate: '2026-03-10', presentResidence: 2 }),
        meeting({ meetingDate: '2026-03-25', presentResidence: 1 }),
        // Not stated: neither present nor expected counted.
        meeting({ meetingDate: '2026-03-28', presentResidence: null }),
        meeting({ cellId: 'c2', meetingDate: '2026-03-12', presentResidence: 0 }),
      ],
      register,
    );
    expect(f.residence).toMatchObject({
      meetingsStated: 3,
      present: 3,
      // 10/03: a, b; 25/03: a, c; c2 on 12/03: d.
      expected: 5,
      attendancePercent: 60,
    });
  });

  it('gives a null rate when the stated meetings expected nobody', () => {
    const f = figures([meeting({ presentResidence: 0 })], []);
    expect(f.residence.meetingsStated).toBe(1);
    expect(f.residence.expected).toBe(0);
    expect(f.residence.attendancePercent).toBeNull();
  });
});

describe('presenceFigures: the assessments', () => {
  it("counts the period's year's assessments of the members on the registers that year", () => {
    const register = [
      entry({ id: 'a' }),
      entry({ id: 'b' }),
      entry({ id: 'c' }),
      // Moved in the year: still assessed for it.
      entry({ id: 'd', status: 'moved', statusOn: '2026-05-01' }),
      // Left the year before: not on the registers that year.
      entry({ id: 'e', status: 'left', statusOn: '2025-12-31' }),
      // Introduced later in the year: on the registers that year.
      entry({ id: 'f', introducedOn: '2026-09-01', receivedOn: null }),
    ];
    const f = figures([], register, [
      { memberId: 'a', year: 2026, rating: 'good' },
      { memberId: 'b', year: 2026, rating: 'not_good' },
      { memberId: 'd', year: 2026, rating: 'good' },
      // Another year's assessment does not count.
      { memberId: 'c', year: 2025, rating: 'good' },
      // Nor one of a member not on the registers that year.
      { memberId: 'e', year: 2026, rating: 'good' },
      // Nor one of an unknown member.
      { memberId: 'zz', year: 2026, rating: 'good' },
    ]);
    expect(f.residence).toMatchObject({
      year: 2026,
      assessed: 3,
      good: 2,
      goodPercent: 66.7,
      // c and f.
      unassessed: 2,
    });
  });

  it('takes the year view over a whole year', () => {
    const f = figures(
      [meeting({ meetingDate: '2026-11-03', format: 'online' })],
      [entry({ introducedOn: '2026-11-01', receivedOn: '2026-12-31' })],
      [{ memberId: 'm1', year: 2026, rating: 'good' }],
      { first: '2026-01-01', last: '2026-12-31', year: 2026 },
    );
    expect(f.meetings.total).toBe(1);
    expect(f.residence).toMatchObject({
      introduced: 1,
      received: 1,
      registered: 1,
      receivedByEnd: 1,
      receivedPercent: 100,
      assessed: 1,
      good: 1,
      goodPercent: 100,
    });
  });
});

describe('presenceFigures: properties', () => {
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
  const meetings = fc.array(
    fc.record({
      cellId: fc.constantFrom('c1', 'c2', 'c3'),
      meetingDate: day,
      format: fc.constantFrom('in_person' as const, 'online' as const, 'combined' as const),
      present: fc.integer({ min: 0, max: 40 }),
      presentOnline: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      presentResidence: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      awayForWork: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
    }),
    { maxLength: 12 },
  );

  it('adds up per cell group to the whole, and never gives NaN', () => {
    fc.assert(
      fc.property(meetings, (rows) => {
        const whole = figures(rows);
        const parts = ['c1', 'c2', 'c3'].map((c) => figures(rows.filter((r) => r.cellId === c)));
        const sum = (pick: (f: PresenceFigures) => number) =>
          parts.reduce((s, f) => s + pick(f), 0);
        expect(sum((f) => f.meetings.total)).toBe(whole.meetings.total);
        expect(sum((f) => f.attendance.present)).toBe(whole.attendance.present);
        expect(sum((f) => f.attendance.awayForWork)).toBe(whole.attendance.awayForWork);
        expect(sum((f) => f.attendance.awayForWorkCells)).toBe(whole.attendance.awayForWorkCells);
        expect(sum((f) => f.residence.present)).toBe(whole.residence.present);
        expect(whole.meetings.inPerson + whole.meetings.online + whole.meetings.combined).toBe(
          whole.meetings.total,
        );
        expect(JSON.stringify(whole)).not.toContain('NaN');
        const p = whole.meetings.onlineOrCombinedPercent;
        expect(p === null ? whole.meetings.total === 0 : p >= 0 && p <= 100).toBe(true);
      }),
    );
  });
});

describe('presenceSentences', () => {
  it('says plainly when there is nothing to count, with no rate of nothing', () => {
    expect(presenceSentences(blankPresence(2026), 'tháng 11 năm 2026')).toEqual([
      'Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú: không có đồng chí nào trong danh sách tháng 11 năm 2026.',
      'Đảng viên đi làm ăn xa: chưa có chi bộ nào ghi nhận trong tháng 11 năm 2026.',
      'Sinh hoạt trực tuyến/kết hợp: chưa có báo cáo sinh hoạt nào trong tháng 11 năm 2026.',
    ]);
  });

  it('writes the figures in Vietnamese format (1.234; 99,8%) in the Party report wording', () => {
    const f = blankPresence(2026);
    f.meetings = {
      total: 1234,
      inPerson: 1000,
      online: 34,
      combined: 200,
      onlineOrCombinedPercent: 19,
    };
    f.attendance = { present: 20000, presentOnline: 0, awayForWork: 1510, awayForWorkCells: 300 };
    f.residence = {
      ...f.residence,
      registered: 16160,
      introduced: 120,
      received: 118,
      receivedByEnd: 16130,
      receivedPercent: 99.8,
      meetingsStated: 0,
      assessed: 0,
      unassessed: 16160,
    };
    const [residence, away, online] = presenceSentences(f, 'năm 2026');
    expect(residence).toBe(
      'Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú: 16.160 đồng chí; trong năm 2026 giới thiệu 120, tiếp nhận 118; ' +
        'đã tiếp nhận 16.130/16.160 (99,8%); chưa có báo cáo nào ghi nhận số đảng viên nơi cư trú dự sinh hoạt; năm 2026 chưa nhận xét đồng chí nào.',
    );
    expect(away).toBe(
      'Đảng viên đi làm ăn xa: 1.510 đồng chí (theo báo cáo gần nhất của 300 chi bộ có ghi nhận).',
    );
    // No one online: the sentence stops at the share of meetings.
    expect(online).toBe(
      'Sinh hoạt trực tuyến/kết hợp: 34 buổi trực tuyến, 200 buổi kết hợp trực tiếp và trực tuyến trên tổng số 1.234 buổi sinh hoạt có báo cáo (19%).',
    );
  });
});
