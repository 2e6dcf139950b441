import type { OrgUnit } from '@duhop/shared';
import type { DraftRecord } from '../db.ts';

/**
 * Where one issue of a report went, as the member is told after "Gửi báo cáo": from the server's
 * answer once it is delivered, never from a guess while it waits in the outbox.
 * - `to`: routed to `bodyName` (acknowledgement due `ackDueAt`, answer due `dueAt`); `toUnknown`: routed to a body the cached
 *   graph does not name yet (never shown as an id);
 * - `answered`: answered at the meeting, sent nowhere;
 * - `sending`: first attempt under way; `willGo` / `willGoTo` (a body the member chose, which
 *   the server honours): waits for the network; `willGoAuth`: waits for a sign-in;
 *   `willGoLimit`: waits for the province's daily report limit.
 */
export type SentLineState =
  | 'to'
  | 'toUnknown'
  | 'answered'
  | 'sending'
  | 'willGo'
  | 'willGoTo'
  | 'willGoAuth'
  | 'willGoLimit';

export interface SentLine {
  id: string;
  title: string;
  state: SentLineState;
  bodyName?: string;
  ackDueAt?: string;
  dueAt?: string;
}

/** `sent`: the server stored it; `sending`: no answer yet; `queued`: waiting; `returned`: to fix. */
export interface SentSummary {
  phase: 'sent' | 'sending' | 'queued' | 'returned';
  cellName: string;
  meetingDate: string;
  lines: SentLine[];
}

/** The confirmation for a report just submitted; null for a draft never queued or a deleted one. */
export function sentSummary(rec: DraftRecord, units: readonly OrgUnit[]): SentSummary | null {
  const nameOf = (id: string | null | undefined) =>
    id ? units.find((u) => u.id === id)?.name : undefined;
  const base = { cellName: rec.data.cellName, meetingDate: rec.data.meetingDate };
  if (rec.status === 'submitted' && rec.result) {
    const routed = rec.result.issues;
    const lines = rec.data.issues.map((issue, i): SentLine => {
      const r = routed.find((x) => x.id === issue.id) ?? routed[i];
      const line = { id: issue.id, title: issue.title };
      if (!r || r.status === 'answered_at_meeting') return { ...line, state: 'answered' };
      const bodyName = nameOf(r.responsibleBodyId);
      return bodyName
        ? {
            ...line,
            state: 'to',
            bodyName,
            // Answers kept by versions before the acknowledgement deadline was sent have none.
            ...(r.ackDueAt ? { ackDueAt: r.ackDueAt } : {}),
            ...(r.dueAt ? { dueAt: r.dueAt } : {}),
          }
        : { ...line, state: 'toUnknown' };
    });
    return { phase: 'sent', ...base, lines };
  }
  if (rec.status === 'queued') {
    const err = rec.lastError?.kind;
    const lines = rec.data.issues.map((issue): SentLine => {
      const line = { id: issue.id, title: issue.title };
      if (issue.answeredAtMeeting) return { ...line, state: 'answered' };
      if (!err) return { ...line, state: 'sending' };
      if (err === 'auth') return { ...line, state: 'willGoAuth' };
      if (err === 'limit') return { ...line, state: 'willGoLimit' };
      const chosen = nameOf(issue.responsibleBodyId);
      return chosen
        ? { ...line, state: 'willGoTo', bodyName: chosen }
        : { ...line, state: 'willGo' };
    });
    return { phase: err ? 'queued' : 'sending', ...base, lines };
  }
  if (rec.status === 'draft' && rec.lastError?.kind === 'rejected')
    return { phase: 'returned', ...base, lines: [] };
  return null;
}
