import { addDays, localDate, type ReportInput, type ReportResult } from '@duhop/shared';
import { buildReport } from '../../support/reports.ts';
import { ServerClient } from '../server-client.ts';

/**
 * A meeting this month that has already ended, as the API wants it (an end in the future is
 * refused): yesterday evening, or early today on the 1st (so the month's report stays this month's).
 */
export function endedMeetingThisMonth(
  now = new Date(),
): Pick<ReportInput, 'meetingDate' | 'startedAt' | 'endedAt'> {
  const today = localDate(now);
  const date = today.endsWith('-01') ? today : addDays(today, -1);
  const [start, end] = date === today ? ['00:05', '00:50'] : ['19:30', '21:15'];
  return {
    meetingDate: date,
    startedAt: `${date}T${start}:00+07:00`,
    endedAt: `${date}T${end}:00+07:00`,
  };
}

/**
 * Files a report through the API, not through the extension: support/reports.ts's consistent
 * report on a meeting this month that has ended (`endedMeetingThisMonth`), with `over` applied and
 * its issues cut to the first `issues` when given. By `user` (the demo observer by default).
 */
export async function fileReport(
  apiUrl: string,
  over: Partial<ReportInput> = {},
  opts: { issues?: number; user?: string } = {},
): Promise<ReportResult> {
  const report = buildReport({ ...endedMeetingThisMonth(), ...over });
  if (opts.issues !== undefined) report.issues = report.issues.slice(0, opts.issues);
  const author = await ServerClient.signIn(apiUrl, opts.user ?? 'observer');
  return author.post<ReportResult>('/api/reports', report);
}
