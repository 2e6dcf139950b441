import type { ReportingConfig, SubmissionLimits } from '../schemas/reporting-config.ts';
import { addDays, localDate, parseDate, VN_OFFSET_MIN } from './calendar.ts';

/**
 * When a monthly attendance report is due: ReportingConfig (schemas/reporting-config.ts).
 * Reports due before the 10th; 5 calendar days after a meeting held on or after the 10th. Written
 * out (= `ReportingConfig.parse({})`, a test keeps them equal) so that reading it runs no zod: the
 * extension's pages then load zod only where they validate.
 */
export const DEFAULT_REPORTING: ReportingConfig = Object.freeze({
  dueBeforeDay: 10,
  lateMeetingGraceDays: 5,
});

/**
 * The last local date on which a report of a meeting held on `meetingDate` is on time: normally the
 * day before `dueBeforeDay` of the meeting's month (the 9th, clamped to the month's length), or
 * `meetingDate + lateMeetingGraceDays` when the meeting was held on or after `dueBeforeDay`.
 */
export function reportDueDate(
  meetingDate: string,
  cfg: ReportingConfig = DEFAULT_REPORTING,
): string {
  const day = Number(parseDate(meetingDate).slice(8, 10));
  if (day >= cfg.dueBeforeDay) return addDays(meetingDate, cfg.lateMeetingGraceDays);
  const month = meetingDate.slice(0, 7);
  return `${month}-${pad(Math.min(cfg.dueBeforeDay - 1, daysInMonth(month)))}`;
}

/** Whether a report submitted at `submittedAt` is on time, judged on the local date (UTC+07:00 by default). */
export function isReportOnTime(
  submittedAt: Date,
  meetingDate: string,
  cfg: ReportingConfig = DEFAULT_REPORTING,
  offsetMin: number = VN_OFFSET_MIN,
): boolean {
  return localDate(submittedAt, offsetMin) <= reportDueDate(meetingDate, cfg);
}

/**
 * The date of a cell's regular meeting in a month (`YYYY-MM`), from its customary day (the 3rd by
 * custom), clamped to the month's length (day 31 in February is the 28th or 29th).
 */
export function defaultMeetingDate(month: string, meetingDay: number): string {
  const days = daysInMonth(month);
  const day = Math.min(Math.max(Math.trunc(meetingDay) || 1, 1), days);
  return `${month}-${pad(day)}`;
}

/** Number of days in a `YYYY-MM` month. */
export function daysInMonth(month: string): number {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`Not a YYYY-MM month: ${JSON.stringify(month)}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * What one member may submit by default: SubmissionLimits' defaults (schemas/reporting-config.ts),
 * written out like DEFAULT_REPORTING (a test keeps them equal).
 */
export const DEFAULT_SUBMISSION_LIMITS: SubmissionLimits = Object.freeze({
  maxReportsPerMemberPerDay: 50,
  maxIssuesPerReport: 30,
});
