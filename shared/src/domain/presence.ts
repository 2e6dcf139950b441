/**
 * Who came and how over a period (issue 17): meeting formats, members online and away for work,
 * residence members ("đảng viên 76"). Pure; the wire shape is `PresenceFigures`.
 */
import type { PresenceFigures } from '../schemas/presence.ts';
import { residenceActiveOn } from './attendance.ts';
import { activeInYear } from './residence.ts';
import { percentOf } from './year-view.ts';

/** The figures of a period with nothing in it. */
export function blankPresence(year: number): PresenceFigures {
  return {
    meetings: { total: 0, inPerson: 0, online: 0, combined: 0, onlineOrCombinedPercent: null },
    attendance: { present: 0, presentOnline: 0, awayForWork: 0, awayForWorkCells: 0 },
    residence: {
      registered: 0,
      introduced: 0,
      received: 0,
      receivedByEnd: 0,
      receivedPercent: null,
      meetingsStated: 0,
      present: 0,
      expected: 0,
      attendancePercent: null,
      year,
      assessed: 0,
      good: 0,
      goodPercent: null,
      unassessed: 0,
    },
  };
}

/** A report filed on a meeting of the period; null breakdowns were not stated. */
export interface PresenceMeeting {
  cellId: string;
  /** Local date, `YYYY-MM-DD`. */
  meetingDate: string;
  format: 'in_person' | 'online' | 'combined';
  present: number;
  presentOnline: number | null;
  presentResidence: number | null;
  awayForWork: number | null;
}

/** A residence register entry of one of the cells. */
export interface PresenceRegisterEntry {
  id: string;
  cellId: string;
  introducedOn: string;
  receivedOn: string | null;
  status: 'active' | 'moved' | 'transferred' | 'left';
  statusOn: string | null;
}

/** A year-end assessment of a register entry. */
export interface PresenceAssessment {
  memberId: string;
  year: number;
  rating: 'good' | 'not_good';
}

/**
 * The figures of a period (docs/domain.md "Presence figures"; definitions in
 * shared/src/schemas/presence.ts) from the period's meetings, the cells' register entries and the
 * assessments. `first`/`last` are the period's first and last local dates, `year` the year whose
 * assessments count (the period's). Rows outside the period or the year are ignored, so callers
 * may pass wider sets; an assessment of a member not in `register` is ignored.
 */
export function presenceFigures(input: {
  first: string;
  last: string;
  year: number;
  meetings: readonly PresenceMeeting[];
  register: readonly PresenceRegisterEntry[];
  assessments: readonly PresenceAssessment[];
}): PresenceFigures {
  const { first, last, year } = input;
  const out = blankPresence(year);
  const meetings = input.meetings.filter((m) => m.meetingDate >= first && m.meetingDate <= last);

  // Meetings and attendance.
  const latestAway = new Map<string, { date: string; n: number }>();
  for (const m of meetings) {
    out.meetings.total++;
    if (m.format === 'online') out.meetings.online++;
    else if (m.format === 'combined') out.meetings.combined++;
    else out.meetings.inPerson++;
    out.attendance.present += m.present;
    out.attendance.presentOnline += m.presentOnline ?? 0;
    if (m.awayForWork != null) {
      const seen = latestAway.get(m.cellId);
      // The latest meeting that states it; two on one day: the larger figure (order-independent).
      if (
        !seen ||
        m.meetingDate > seen.date ||
        (m.meetingDate === seen.date && m.awayForWork > seen.n)
      )
        latestAway.set(m.cellId, { date: m.meetingDate, n: m.awayForWork });
    }
  }
  out.meetings.onlineOrCombinedPercent = percentOf(
    out.meetings.online + out.meetings.combined,
    out.meetings.total,
  );
  out.attendance.awayForWorkCells = latestAway.size;
  for (const a of latestAway.values()) out.attendance.awayForWork += a.n;

  // The registers.
  const r = out.residence;
  const byCell = new Map<string, PresenceRegisterEntry[]>();
  for (const e of input.register) {
    if (!byCell.has(e.cellId)) byCell.set(e.cellId, []);
    byCell.get(e.cellId)!.push(e);
    if (e.introducedOn >= first && e.introducedOn <= last) r.introduced++;
    if (e.receivedOn && e.receivedOn >= first && e.receivedOn <= last) r.received++;
    const gone = e.status !== 'active' && e.statusOn != null && e.statusOn < first;
    if (e.introducedOn <= last && !gone) {
      r.registered++;
      if (e.receivedOn && e.receivedOn <= last) r.receivedByEnd++;
    }
  }
  r.receivedPercent = percentOf(r.receivedByEnd, r.registered);

  // Residence members' attendance, over the meetings that state it.
  for (const m of meetings) {
    if (m.presentResidence == null) continue;
    r.meetingsStated++;
    r.present += m.presentResidence;
    for (const e of byCell.get(m.cellId) ?? [])
      if (residenceActiveOn(e, m.meetingDate)) r.expected++;
  }
  r.attendancePercent = percentOf(r.present, r.expected);

  // The year's assessments of the members on the registers that year.
  const rating = new Map<string, 'good' | 'not_good'>();
  for (const a of input.assessments) if (a.year === year) rating.set(a.memberId, a.rating);
  for (const e of input.register) {
    if (!activeInYear(e, year)) continue;
    const got = rating.get(e.id);
    if (!got) r.unassessed++;
    else {
      r.assessed++;
      if (got === 'good') r.good++;
    }
  }
  r.goodPercent = percentOf(r.good, r.assessed);
  return out;
}
