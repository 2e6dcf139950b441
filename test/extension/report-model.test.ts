import { describe, expect, it } from 'vitest';
import {
  blankDraft,
  computeFacts,
  effectiveScores,
  itemState,
  toInstant,
} from '../../extension/utils/report/report-model.ts';
import { filledDraft, SET } from './helpers/fixtures.ts';

const item = (id: string) => SET.groups.flatMap((g) => g.items).find((i) => i.id === id)!;

describe('blankDraft', () => {
  it.each([
    ['2026-11-05', 3, '2026-11-03'],
    ['2026-11-02', 3, '2026-11-02'], // this month's meeting day is still ahead: never a future date
    ['2026-02-28', 31, '2026-02-28'],
  ])('on %s with meeting day %i defaults to %s', (today, day, expected) => {
    expect(blankDraft({ cellId: 'c', cellName: 'C', meetingDay: day }, today).meetingDate).toBe(
      expected,
    );
  });
});

describe('toInstant', () => {
  it('adds the Vietnamese offset', () =>
    expect(toInstant('2026-11-03', '14:05')).toBe('2026-11-03T14:05:00+07:00'));
  it.each([
    ['', '14:00'],
    ['2026-11-03', ''],
    ['2026-11-03', '2pm'],
  ])('is null for %j %j', (d, t) => expect(toInstant(d, t)).toBeNull());
});

describe('computeFacts', () => {
  it.each([
    ['regular', '14:00', '15:30', 90, 0],
    ['regular', '14:00', '15:20', 80, 10],
    ['combined', '14:00', '15:30', 90, 30],
    ['combined', '14:00', '16:00', 120, 0],
  ] as const)(
    '%s %s–%s lasts %i min, %i short',
    (meetingType, startTime, endTime, minutes, short) => {
      const f = computeFacts(filledDraft({ meetingType, startTime, endTime }), SET);
      expect(f.durationMinutes).toBe(minutes);
      expect(f.shortByMinutes).toBe(short);
      expect(f.endBeforeStart).toBe(false);
    },
  );

  it('flags an end before the start and gives no duration', () => {
    const f = computeFacts(filledDraft({ startTime: '15:00', endTime: '14:00' }), SET);
    expect(f).toMatchObject({ endBeforeStart: true, durationMinutes: null, shortByMinutes: null });
  });

  it('computes the rate without the exempted, and the speakers share of those present', () => {
    const f = computeFacts(filledDraft(), SET);
    expect(f.expected).toBe(29);
    expect(f.attendanceRate).toBeCloseTo((26 * 100) / 29, 6);
    expect(f.speakersShare).toBeCloseTo((14 * 100) / 26, 6);
    expect(f.meetsHd12).toBe(true);
  });

  it('knows nothing from empty fields', () => {
    const f = computeFacts(
      blankDraft({ cellId: 'c', cellName: 'C', meetingDay: 3 }, '2026-11-05'),
      SET,
    );
    expect(f).toMatchObject({
      durationMinutes: null,
      attendanceRate: null,
      speakersShare: null,
      expected: null,
      meetsHd12: false,
    });
  });
});

describe('criteria items on the form', () => {
  it('proposes points from the measured facts', () => {
    const d = filledDraft({ startTime: '14:00', endTime: '15:20' }); // 10 min short of 90
    const f = computeFacts(d, SET);
    expect(itemState(item('g1.1'), d, f)).toMatchObject({ proposed: 4, value: 4, manual: false });
    // 26/29 = 89.7 %, but someone was absent without reason: capped at 1
    expect(itemState(item('g2.1'), d, f).proposed).toBe(1);
  });

  it('lets typed points override the proposal', () => {
    const d = filledDraft({ scores: { ...filledDraft().scores, 'g1.1': 3 } });
    expect(itemState(item('g1.1'), d, computeFacts(d, SET))).toMatchObject({
      proposed: 5,
      value: 3,
      manual: true,
    });
  });

  it('leaves items that do not apply out of the scores sent', () => {
    const topical = SET.groups
      .flatMap((g) => g.items)
      .find((i) => i.appliesTo && !i.appliesTo.includes('regular'));
    expect(topical).toBeDefined();
    const d = filledDraft();
    const scores = effectiveScores(SET, d, computeFacts(d, SET));
    expect(scores).not.toHaveProperty(topical!.id);
    expect(scores['g1.1']).toBe(5);
  });
});
