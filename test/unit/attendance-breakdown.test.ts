import { describe, expect, it } from 'vitest';
import {
  attendanceBreakdownErrors,
  effectiveMeetingFormat,
  residenceActiveOn,
} from '@duhop/shared';

/** Issue 17: the attendance breakdown never exceeds its total (shared by the panel and the API). */
const counts = { present: 20, absentWithReason: 2, absentWithoutReason: 1, exempted: 2 };

describe('attendanceBreakdownErrors', () => {
  it('accepts a consistent breakdown, and one not stated', () => {
    expect(attendanceBreakdownErrors(counts, 'combined')).toEqual({});
    expect(
      attendanceBreakdownErrors(
        {
          ...counts,
          presentOnline: 5,
          presentResidence: 2,
          awayForWork: 5,
          residenceMemberIds: ['a', 'b'],
        },
        'combined',
      ),
    ).toEqual({});
    expect(attendanceBreakdownErrors({ ...counts, presentOnline: 20 }, 'online')).toEqual({});
    expect(attendanceBreakdownErrors({ ...counts, presentOnline: 0 }, 'in_person')).toEqual({});
  });

  it.each([
    [{ presentOnline: 21 }, 'combined', 'presentOnline'],
    [{ presentOnline: 19 }, 'online', 'presentOnline'],
    [{ presentOnline: 1 }, 'in_person', 'presentOnline'],
    [{ presentResidence: 21 }, undefined, 'presentResidence'],
    [{ awayForWork: 6 }, undefined, 'awayForWork'],
    [{ presentResidence: 3, residenceMemberIds: ['a', 'b'] }, undefined, 'presentResidence'],
    [{ presentResidence: 2, residenceMemberIds: ['a', 'a'] }, undefined, 'residenceMemberIds'],
  ] as const)('%j (%s) is refused at %s', (extra, format, field) => {
    expect(Object.keys(attendanceBreakdownErrors({ ...counts, ...extra }, format))).toEqual([
      field,
    ]);
  });

  it('checks only what is typed (a half-filled form)', () => {
    expect(attendanceBreakdownErrors({ presentOnline: 50 }, 'combined')).toEqual({});
    expect(attendanceBreakdownErrors({ awayForWork: 9, absentWithReason: 1 })).toEqual({});
  });

  it('refuses online flagged with an in-person format', () => {
    expect(
      Object.keys(
        attendanceBreakdownErrors(counts, 'in_person', {
          online: true,
          meetingFormat: 'in_person',
        }),
      ),
    ).toEqual(['meetingFormat']);
  });
});

describe('effectiveMeetingFormat', () => {
  it.each([
    [{}, undefined],
    [{ online: true }, 'online'],
    [{ online: false }, 'in_person'],
    [{ online: true, meetingFormat: 'combined' as const }, 'combined'],
  ])('%j → %s', (r, expected) => {
    expect(effectiveMeetingFormat(r)).toBe(expected);
  });
});

describe('residenceActiveOn', () => {
  const m = { introducedOn: '2025-01-10', status: 'active', statusOn: null };
  it.each([
    [m, '2025-01-09', false],
    [m, '2025-01-10', true],
    [{ ...m, status: 'moved', statusOn: '2026-05-15' }, '2026-05-14', true],
    [{ ...m, status: 'moved', statusOn: '2026-05-15' }, '2026-05-15', false],
  ])('%j on %s → %s', (member, date, expected) => {
    expect(residenceActiveOn(member, date)).toBe(expected);
  });
});
