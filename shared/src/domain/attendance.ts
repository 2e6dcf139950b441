import type { z } from 'zod';
import type { Attendance } from '../schemas/report.ts';
import type { CriteriaSet } from '../schemas/criteria.ts';
import type { MeetingType } from '../schemas/common.ts';

/** The attendance figures as entered (before defaults). */
export type AttendanceInput = z.input<typeof Attendance>;

/** Minutes a meeting must last when the criteria set does not say (regular/topical 90, combined 120). */
export const DEFAULT_REQUIRED_MINUTES: Readonly<Record<MeetingType, number>> = Object.freeze({
  regular: 90,
  topical: 90,
  combined: 120,
});

/**
 * Attendance rate in percent: present / (total − exempted). Exempted members (miễn sinh hoạt) do not
 * count. Null when nobody was expected. Not rounded: thresholds compare exact values.
 */
export function attendanceRate(
  a: Pick<AttendanceInput, 'total' | 'exempted' | 'present'>,
): number | null {
  const expected = a.total - a.exempted;
  return expected > 0 ? (a.present * 100) / expected : null;
}

/** Share of those present who spoke, in percent; null when nobody was present. */
export function speakersShare(a: Pick<AttendanceInput, 'present' | 'speakers'>): number | null {
  return a.present > 0 ? (a.speakers * 100) / a.present : null;
}

/** HD 12-HD/BTCTW (2018) bar: a meeting needs more than 85% attendance. False when the rate is unknown. */
export function meetsHd12Bar(rate: number | null | undefined): boolean {
  return rate != null && rate > 85;
}

/**
 * Whole minutes between two ISO 8601 instants (seconds are dropped: 89 min 59 s is 89).
 * Null when either is unparsable or the end is before the start.
 */
export function durationMinutes(startedAt: string, endedAt: string): number | null {
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isNaN(ms) || ms < 0 ? null : Math.floor(ms / 60_000);
}

/**
 * Minutes a meeting of this type must last: from the criteria set's duration item when it says,
 * else `DEFAULT_REQUIRED_MINUTES`.
 */
export function requiredMinutes(
  meetingType: MeetingType,
  set?: Pick<CriteriaSet, 'groups'> | null,
): number {
  for (const g of set?.groups ?? []) {
    for (const item of g.items) {
      const fromSet = item.measure === 'duration' ? item.requiredMinutes?.[meetingType] : undefined;
      if (fromSet !== undefined) return fromSet;
    }
  }
  return DEFAULT_REQUIRED_MINUTES[meetingType];
}
