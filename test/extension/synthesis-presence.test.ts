import { blankPresence, type PresenceFigures } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { translator } from '../../extension/utils/i18n/translate.ts';
import {
  hasMeetings,
  hasPresence,
  hasResidence,
  ofWhole,
  PRESENCE_COLUMNS,
  presenceCards,
  presenceCells,
  share,
} from '../../extension/utils/synthesis/presence.ts';

const vi = translator('vi');
const en = translator('en');

/** A commune's month: 40 meetings, 3 online or combined; 48 residence members, 6 not assessed. */
function figures(): PresenceFigures {
  return {
    meetings: { total: 40, inPerson: 37, online: 1, combined: 2, onlineOrCombinedPercent: 7.5 },
    attendance: { present: 1234, presentOnline: 12, awayForWork: 12, awayForWorkCells: 5 },
    residence: {
      registered: 48,
      introduced: 2,
      received: 2,
      receivedByEnd: 47,
      receivedPercent: 97.9,
      meetingsStated: 12,
      present: 80,
      expected: 96,
      attendancePercent: 83.3,
      year: 2026,
      assessed: 42,
      good: 40,
      goodPercent: 95.2,
      unassessed: 6,
    },
  };
}

describe('presence figures as texts (issue 17)', () => {
  it('a part of a whole reads "x/y (z%)" in the reader’s number format, nothing when the whole is 0', () => {
    expect(ofWhole(3, 40, 7.5, 'vi')).toBe('3/40 (7,5%)');
    expect(ofWhole(1234, 2000, 61.7, 'vi')).toBe('1.234/2.000 (61,7%)');
    expect(ofWhole(1234, 2000, 61.7, 'en')).toBe('1,234/2,000 (61.7%)');
    expect(ofWhole(0, 0, null, 'vi')).toBeNull();
    expect(ofWhole(0, 5, 0, 'vi')).toBe('0/5 (0%)');
    expect(share(null, 'vi')).toBeNull();
    expect(share(95.2, 'vi')).toBe('95,2%');
    expect(share(100, 'vi')).toBe('100%');
  });

  it('the cards of a month with everything in it, in Vietnamese', () => {
    const cards = presenceCards(figures(), vi, 'vi', 'month');
    expect(cards.map((c) => [c.key, c.label, c.value, c.details])).toEqual([
      [
        'online',
        'Sinh hoạt trực tuyến hoặc kết hợp',
        '7,5%',
        [
          '3/40 cuộc sinh hoạt',
          'trực tuyến 1 · kết hợp 2',
          'dự trực tuyến 12 trong 1.234 lượt có mặt',
        ],
      ],
      ['away', 'Đảng viên đi làm ăn xa', '12', ['ở 5 chi bộ (số ghi ở kỳ sinh hoạt gần nhất)']],
      [
        'residence',
        'Đảng viên nơi cư trú (đảng viên 76)',
        '48',
        ['giới thiệu về trong tháng 2, tiếp nhận 2', 'đã tiếp nhận 47/48 (97,9%)'],
      ],
      [
        'residence-attendance',
        'Đảng viên 76 tham gia sinh hoạt',
        '83,3%',
        ['80/96 lượt', 'theo 12 cuộc sinh hoạt có ghi số'],
      ],
      [
        'assessment',
        'Nhận xét năm 2026: hoàn thành tốt',
        '95,2%',
        ['hoàn thành tốt 40/42 đã nhận xét', 'chưa nhận xét 6'],
      ],
    ]);
  });

  it('the year’s cards say "in the year", and English reads in English', () => {
    const year = presenceCards(figures(), vi, 'vi', 'year');
    expect(year.find((c) => c.key === 'residence')!.details[0]).toBe(
      'giới thiệu về trong năm 2, tiếp nhận 2',
    );
    const english = presenceCards(figures(), en, 'en', 'year');
    expect(english.find((c) => c.key === 'online')!.details).toEqual([
      '3/40 meetings',
      'online 1 · combined 2',
      '12 of 1,234 attendances online',
    ]);
    expect(english.find((c) => c.key === 'assessment')!.value).toBe('95.2%');
  });

  it('figures without a whole are null (shown as a dash), never "0/0" or NaN', () => {
    const f = figures();
    f.meetings = { total: 3, inPerson: 3, online: 0, combined: 0, onlineOrCombinedPercent: 0 };
    f.attendance = { present: 30, presentOnline: 0, awayForWork: 0, awayForWorkCells: 0 };
    f.residence = {
      ...blankPresence(2026).residence,
      registered: 2,
      receivedByEnd: 1,
      receivedPercent: 50,
      unassessed: 2,
    };
    const cards = presenceCards(f, vi, 'vi', 'month');
    const by = Object.fromEntries(cards.map((c) => [c.key, c]));
    expect(by.online!.value).toBe('0%');
    expect(by.away!.details).toEqual(['Các báo cáo chưa ghi số đảng viên đi làm ăn xa']);
    expect(by['residence-attendance']!.value).toBeNull();
    expect(by['residence-attendance']!.details).toEqual([
      'Chưa có báo cáo nào ghi số đảng viên 76 có mặt',
    ]);
    expect(by.assessment!.value).toBeNull();
    expect(by.assessment!.details).toEqual(['Chưa có nhận xét nào', 'chưa nhận xét 2']);
    const cells = presenceCells(f, 'vi');
    expect(cells).toEqual(['0/3 (0%)', '0', '0', '2', '0 / 0', '1/2 (50%)', null, null, '2']);
    for (const c of [...cards.flatMap((x) => [x.value, ...x.details]), ...cells])
      expect(String(c)).not.toMatch(/NaN|undefined|\{|0\/0/);
  });

  it('the committee row matches the table’s columns', () => {
    const cells = presenceCells(figures(), 'vi');
    expect(cells).toHaveLength(PRESENCE_COLUMNS.length);
    expect(cells).toEqual([
      '3/40 (7,5%)',
      '12',
      '12 (5)',
      '48',
      '2 / 2',
      '47/48 (97,9%)',
      '80/96 (83,3%)',
      '40/42 (95,2%)',
      '6',
    ]);
    for (const k of PRESENCE_COLUMNS) {
      expect(vi(k)).not.toBe(k);
      expect(en(k)).not.toBe(k);
    }
  });

  it('blank figures have nothing to show: the page says so instead of zeros', () => {
    const blank = blankPresence(2026);
    expect(hasPresence(blank)).toBe(false);
    expect(presenceCards(blank, vi, 'vi', 'month')).toEqual([]);
    // Only residence members: the meeting cards are left out.
    const onlyRegister = {
      ...blank,
      residence: { ...blank.residence, registered: 1, unassessed: 1 },
    };
    expect(hasMeetings(onlyRegister)).toBe(false);
    expect(hasResidence(onlyRegister)).toBe(true);
    expect(presenceCards(onlyRegister, vi, 'vi', 'year').map((c) => c.key)).toEqual([
      'residence',
      'residence-attendance',
      'assessment',
    ]);
    // Only meetings: the residence cards are left out.
    const onlyMeetings = {
      ...blank,
      meetings: { ...blank.meetings, total: 2, inPerson: 2, onlineOrCombinedPercent: 0 },
    };
    expect(presenceCards(onlyMeetings, vi, 'vi', 'month').map((c) => c.key)).toEqual([
      'online',
      'away',
    ]);
  });
});
