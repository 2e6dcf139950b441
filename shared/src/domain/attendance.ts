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
 * How far ahead of "now" a meeting's end may be: 5 minutes, for the clock of the member's device
 * running a little ahead of the server's (or the reverse). Beyond that the meeting has not ended.
 */
export const END_TIME_SKEW_MS = 5 * 60_000;

export const END_IN_FUTURE_MESSAGE = 'Giờ kết thúc không được ở tương lai';

/**
 * Whether a meeting's end (ISO 8601 instant) is still in the future at `now`, beyond the allowed
 * clock skew (`END_TIME_SKEW_MS`): such a report is refused at the field `endedAt`, in the panel
 * as it is typed and by the API (422). False when the end is unparsable (other checks say so).
 */
export function endsInFuture(endedAt: string, now: Date | number): boolean {
  const end = Date.parse(endedAt);
  return !Number.isNaN(end) && end > +now + END_TIME_SKEW_MS;
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

/** How the meeting was held (Hướng dẫn 03-HD/TW, 2022: online Party meetings). */
type MeetingFormat = 'in_person' | 'online' | 'combined';

/**
 * The meeting format a report states: `meetingFormat` when given, else mapped from the older
 * `online` boolean (true → online, false → in person); undefined when neither is given.
 */
export function effectiveMeetingFormat(r: {
  meetingFormat?: MeetingFormat | null | undefined;
  online?: boolean | null | undefined;
}): MeetingFormat | undefined {
  if (r.meetingFormat) return r.meetingFormat;
  if (r.online == null) return undefined;
  return r.online ? 'online' : 'in_person';
}

/** The attendance breakdown (all optional; null/undefined = not given). */
export interface AttendanceBreakdown {
  present?: number | null | undefined;
  absentWithReason?: number | null | undefined;
  absentWithoutReason?: number | null | undefined;
  exempted?: number | null | undefined;
  presentOnline?: number | null | undefined;
  presentResidence?: number | null | undefined;
  awayForWork?: number | null | undefined;
  residenceMemberIds?: readonly string[] | null | undefined;
}

/**
 * Field → messages for the attendance breakdown: a breakdown never exceeds its total (online and
 * residence members of those present; away for work of those absent or exempted), an online
 * meeting has everyone present online and an in-person one nobody, and the residence members
 * ticked are as many as the number stated. Fields are relative to the attendance object
 * (`presentOnline`, …), except `meetingFormat` (the report's). Only what was typed is checked:
 * the panel runs it live on a half-filled form, the server on the whole report. Empty when fine.
 */
export function attendanceBreakdownErrors(
  a: AttendanceBreakdown,
  format?: MeetingFormat | undefined,
  opts: { online?: boolean | null | undefined; meetingFormat?: MeetingFormat | undefined } = {},
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (f: string, msg: string) => {
    errors[f] ??= [];
    errors[f].push(msg);
  };
  const present = a.present ?? null;
  if (opts.online === true && opts.meetingFormat === 'in_person')
    add('meetingFormat', 'Hình thức trực tiếp mâu thuẫn với đánh dấu họp trực tuyến');
  if (a.presentOnline != null && present != null) {
    if (a.presentOnline > present)
      add('presentOnline', `Số dự trực tuyến không được vượt quá số có mặt (${present})`);
    else if (format === 'online' && a.presentOnline !== present)
      add('presentOnline', `Họp trực tuyến: số dự trực tuyến phải bằng số có mặt (${present})`);
    else if (format === 'in_person' && a.presentOnline !== 0)
      add('presentOnline', 'Họp trực tiếp: không có ai dự trực tuyến (nhập 0)');
  }
  if (a.presentResidence != null && present != null && a.presentResidence > present)
    add(
      'presentResidence',
      `Số đảng viên nơi cư trú có mặt không được vượt quá số có mặt (${present})`,
    );
  if (a.awayForWork != null) {
    const parts = [a.absentWithReason, a.absentWithoutReason, a.exempted];
    if (parts.every((x) => x != null)) {
      const away = parts.reduce<number>((s, x) => s + (x ?? 0), 0);
      if (a.awayForWork > away)
        add(
          'awayForWork',
          `Số đi làm ăn xa không được vượt quá số vắng và miễn sinh hoạt (${away})`,
        );
    }
  }
  const ids = a.residenceMemberIds;
  if (ids && ids.length > 0) {
    if (new Set(ids).size !== ids.length)
      add('residenceMemberIds', 'Một đảng viên nơi cư trú được đánh dấu hai lần');
    if (a.presentResidence != null && ids.length !== a.presentResidence)
      add(
        'presentResidence',
        `Số đảng viên nơi cư trú có mặt phải bằng số người đã đánh dấu (${ids.length})`,
      );
  }
  return errors;
}

/**
 * Whether a residence member is on the cell's list on `date`: introduced by then, and still active
 * or changed status only after it.
 */
export function residenceActiveOn(
  m: { introducedOn: string; status: string; statusOn: string | null },
  date: string,
): boolean {
  if (m.introducedOn > date) return false;
  return m.status === 'active' || (m.statusOn != null && m.statusOn > date);
}
