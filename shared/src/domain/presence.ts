/**
 * Who came and how over a period (issue 17): meeting formats, members online and away for work,
 * residence members ("đảng viên 76"). Pure; the wire shape is `PresenceFigures`.
 */
import type { PresenceFigures } from '../schemas/presence.ts';

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
