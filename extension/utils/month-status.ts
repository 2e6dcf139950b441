import {
  DEFAULT_REPORTING,
  defaultMeetingDate,
  reportDueDate,
  type Assignment,
  type ReportingConfig,
} from '@duhop/shared';
import type { DraftRecord } from './db.ts';
import { expectedCells } from './expectations.ts';
import type { ReportSummary } from './reference-data.ts';

export type CellStatus = 'none' | 'draft' | 'queued' | 'submitted';

/** How an assigned cell stands this month, for the home screen. */
export interface CellMonth {
  cellId: string;
  cellName: string;
  meetingDay: number;
  status: CellStatus;
  /** The last on-time day (before the 10th by default). */
  dueDate: string;
  /** Submitted late, or expected, not yet submitted and past the due date. */
  late: boolean;
  /**
   * Whether the assignment expects a report this month (`expectedIn`): false in the off months of
   * an every-N-months assignment or when it is another member's turn on the cell's rota.
   */
  expected: boolean;
  /** For a submitted report, what the server said. */
  onTime: boolean | null;
  draftId?: string;
  reportId?: string;
}

const RANK: Record<CellStatus, number> = { none: 0, draft: 1, queued: 2, submitted: 3 };

/**
 * This month's status of each assigned cell from the local records and the server's list: the most
 * advanced wins (submitted > queued > draft > none). Due dates follow the province's deadline
 * (`GET /api/me` → `reporting`, the default when absent); the server's `onTime` is authoritative
 * once a report is stored.
 */
export function monthStatuses(
  assignments: readonly Assignment[],
  records: readonly DraftRecord[],
  reports: readonly ReportSummary[],
  today: string,
  cfg: ReportingConfig = DEFAULT_REPORTING,
  /** The member (to find their turn on a rota); without it every rota month is expected. */
  userId?: string,
): CellMonth[] {
  const month = today.slice(0, 7);
  const expected = expectedCells(assignments, month, userId);
  return assignments.map((a) => {
    const planned = defaultMeetingDate(month, a.meetingDay);
    let best: CellMonth = {
      cellId: a.cellId,
      cellName: a.cellName,
      meetingDay: a.meetingDay,
      status: 'none',
      dueDate: reportDueDate(planned, cfg),
      late: false,
      expected: expected.has(a.cellId),
      onTime: null,
    };
    const consider = (c: Partial<CellMonth> & { status: CellStatus; meetingDate: string }) => {
      if (RANK[c.status] <= RANK[best.status]) return;
      const { meetingDate, ...rest } = c;
      best = { ...best, ...rest, dueDate: reportDueDate(meetingDate, cfg) };
    };
    for (const r of records) {
      if (
        r.data.cellId !== a.cellId ||
        !r.data.meetingDate.startsWith(month) ||
        r.status === 'deleted'
      )
        continue;
      const s: CellStatus = r.status;
      consider({
        status: s,
        meetingDate: r.data.meetingDate,
        ...(s === 'submitted'
          ? { reportId: r.id, onTime: r.result?.onTime ?? null }
          : { draftId: r.id }),
      });
    }
    for (const rep of reports) {
      if (rep.cellId === a.cellId && rep.meetingDate.startsWith(month)) {
        consider({
          status: 'submitted',
          meetingDate: rep.meetingDate,
          reportId: rep.id,
          onTime: rep.onTime,
        });
      }
    }
    best.late =
      best.status === 'submitted' ? best.onTime === false : best.expected && today > best.dueDate;
    return best;
  });
}
