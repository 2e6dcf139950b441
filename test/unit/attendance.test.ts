import { describe, expect, it } from 'vitest';
import {
  HD42_2025,
  attendanceRate,
  durationMinutes,
  END_TIME_SKEW_MS,
  endsInFuture,
  meetsHd12Bar,
  requiredMinutes,
  speakersShare,
  type CriteriaSet,
} from '@duhop/shared';

describe('attendanceRate', () => {
  it.each([
    [{ total: 30, exempted: 3, present: 27 }, 100],
    [{ total: 10, exempted: 0, present: 9 }, 90],
    [{ total: 30, exempted: 3, present: 24 }, (24 * 100) / 27],
    [{ total: 100, exempted: 0, present: 57 }, 57],
    [{ total: 5, exempted: 5, present: 0 }, null],
  ])('%j → %s', (a, expected) => {
    expect(attendanceRate(a)).toBe(expected);
  });
});

describe('speakersShare', () => {
  it.each([
    [{ present: 20, speakers: 10 }, 50],
    [{ present: 20, speakers: 0 }, 0],
    [{ present: 3, speakers: 1 }, 100 / 3],
    [{ present: 0, speakers: 0 }, null],
  ])('%j → %s', (a, expected) => {
    expect(speakersShare(a)).toBe(expected);
  });
});

describe('meetsHd12Bar (> 85%)', () => {
  it.each([
    [85, false],
    [85.01, true],
    [100, true],
    [null, false],
  ])('%s → %s', (rate, ok) => {
    expect(meetsHd12Bar(rate)).toBe(ok);
  });
});

describe('durationMinutes', () => {
  it.each([
    ['2026-11-03T07:30:00+07:00', '2026-11-03T09:00:00+07:00', 90],
    ['2026-11-03T00:30:00Z', '2026-11-03T09:00:00+07:00', 90],
    ['2026-11-03T07:30:00+07:00', '2026-11-03T08:59:59+07:00', 89],
    ['2026-11-03T07:30:00+07:00', '2026-11-03T07:30:00+07:00', 0],
    ['2026-11-03T09:00:00+07:00', '2026-11-03T07:30:00+07:00', null],
    ['not a time', '2026-11-03T07:30:00+07:00', null],
  ])('%s → %s = %s', (start, end, expected) => {
    expect(durationMinutes(start, end)).toBe(expected);
  });
});

describe('requiredMinutes', () => {
  const custom = {
    groups: [
      {
        ...HD42_2025.groups[0]!,
        items: [{ ...HD42_2025.groups[0]!.items[0]!, requiredMinutes: { regular: 60 } }],
      },
    ],
  };
  it.each([
    ['regular', undefined, 90],
    ['topical', undefined, 90],
    ['combined', undefined, 120],
    ['combined', HD42_2025, 120],
    ['regular', custom, 60],
    ['combined', custom, 120],
  ] as const)('%s with %s set → %i', (type, set, expected) => {
    expect(requiredMinutes(type, set as Pick<CriteriaSet, 'groups'> | undefined)).toBe(expected);
  });
});

describe('endsInFuture', () => {
  const now = Date.parse('2026-11-03T21:00:00+07:00');
  it.each([
    ['2026-11-03T20:59:00+07:00', false],
    ['2026-11-03T21:00:00+07:00', false],
    ['2026-11-03T21:05:00+07:00', false], // within the clock skew
    ['2026-11-03T21:05:01+07:00', true],
    ['2026-11-03T14:05:01Z', true],
    ['2026-11-04T19:30:00+07:00', true],
    ['not a time', false],
  ])('%s → %s', (end, expected) => {
    expect(endsInFuture(end, now)).toBe(expected);
    expect(endsInFuture(end, new Date(now))).toBe(expected);
  });
  it('allows 5 minutes of skew', () => {
    expect(END_TIME_SKEW_MS).toBe(300_000);
  });
});
