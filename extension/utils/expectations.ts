import { expectedIn, type Assignment, type Expectable, type OrgUnit } from '@duhop/shared';

const ALWAYS = '0000-01-01';

/**
 * The cells on which the member is expected to report in `month`, from their assignments as
 * `GET /api/me` gives them (frequency, and for a rota every member of it), by the same shared
 * `expectedIn` the API's compliance uses: a member every second month, or on a rota whose turn
 * it is not, owes nothing that month. `orgUnits` gives the cells' validity (the assignment's
 * meeting day otherwise).
 */
export function expectedCells(
  assignments: readonly Assignment[],
  month: string,
  userId: string | undefined,
  orgUnits: readonly OrgUnit[] = [],
): Set<string> {
  type Entry = Expectable & { self: boolean };
  const entries: Entry[] = [];
  const meetingDays = new Map<string, number>();
  for (const a of assignments) {
    meetingDays.set(a.cellId, a.meetingDay);
    const own = {
      cellId: a.cellId,
      validFrom: a.validFrom ?? ALWAYS,
      validTo: a.validTo ?? null,
    };
    if (a.frequency === 'rota' && a.rota?.length && userId) {
      // Every member of the rota, so that the turn is counted as the API counts it.
      for (const m of a.rota) {
        if (entries.some((e) => e.cellId === a.cellId && e.tieKey === `${m.userId}|${m.validFrom}`))
          continue;
        entries.push({
          cellId: a.cellId,
          validFrom: m.validFrom,
          validTo: m.validTo,
          frequency: 'rota',
          rotaPosition: m.rotaPosition,
          tieKey: `${m.userId}|${m.validFrom}`,
          self: m.userId === userId,
        });
      }
    } else if (a.frequency === 'rota') {
      // Without the rota's members (an older server's answer): expected, as before.
      entries.push({ ...own, self: true });
    } else {
      entries.push({
        ...own,
        frequency: a.frequency ?? 'monthly',
        every: a.every ?? null,
        self: true,
      });
    }
  }
  const units = new Map(orgUnits.map((u) => [u.id, u]));
  const chosen = expectedIn(entries, month, {
    cellOf: (id) => {
      const u = units.get(id);
      return {
        validFrom: u?.validFrom ?? null,
        validTo: u?.validTo ?? null,
        meetingDay: meetingDays.get(id) ?? u?.meetingDay ?? 3,
      };
    },
  });
  return new Set(chosen.filter((e) => e.self).map((e) => e.cellId));
}
