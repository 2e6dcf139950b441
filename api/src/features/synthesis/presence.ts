import { sql, type SQL } from 'drizzle-orm';
import {
  presenceFigures,
  type PresenceAssessment,
  type PresenceFigures,
  type PresenceMeeting,
  type PresenceRegisterEntry,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { cellsTable, type Subtree } from '../org/body-scope.ts';

/**
 * The reports filed on meetings of the subtree's cells between two dates, with their attendance
 * breakdown (issue 17). Bounded like the synthesis's other queries (docs in synthesis.ts).
 */
function meetingRows(db: Db, cells: SQL, first: string, last: string) {
  return queryRows<PresenceMeeting>(
    db,
    sql`select r.cell_id as "cellId", to_char(r.meeting_date, 'YYYY-MM-DD') as "meetingDate",
               r.meeting_format as format, coalesce((r.attendance->>'present')::int, 0) as present,
               r.present_online as "presentOnline", r.present_residence as "presentResidence",
               r.away_for_work as "awayForWork"
          from reports r join ${cells} on sub.id = r.cell_id
         where r.meeting_date between ${first}::date and ${last}::date`,
  );
}

/**
 * The register entries of the subtree's cells that can count in a period of `year` (on the
 * registers that year, or received during the period), with their assessment for `year` if any.
 */
function registerRows(db: Db, cells: SQL, first: string, last: string, year: number) {
  return queryRows<PresenceRegisterEntry & { rating: PresenceAssessment['rating'] | null }>(
    db,
    sql`select m.id, m.cell_id as "cellId", to_char(m.introduced_on, 'YYYY-MM-DD') as "introducedOn",
               to_char(m.received_on, 'YYYY-MM-DD') as "receivedOn", m.status,
               to_char(m.status_on, 'YYYY-MM-DD') as "statusOn", a.rating
          from residence_members m join ${cells} on sub.id = m.cell_id
          left join residence_assessments a on a.member_id = m.id and a.year = ${year}
         where m.introduced_on <= ${`${year}-12-31`}::date
           and (m.status = 'active' or m.status_on is null or m.status_on >= ${`${year}-01-01`}::date
                or m.received_on between ${first}::date and ${last}::date)`,
  );
}

export interface PresenceByBody {
  total: PresenceFigures;
  /** Per committee of the subtree's cells (their `triageId`), every one of them. */
  byBody: Map<string, PresenceFigures>;
}

/**
 * The presence figures of a subtree over a period (docs/domain.md "Presence figures"): two
 * queries (the period's reports, the registers with the year's assessments), then
 * `presenceFigures` in total and per committee.
 */
export async function loadPresence(
  db: Db,
  tree: Subtree,
  first: string,
  last: string,
  year: number,
): Promise<PresenceByBody> {
  const cells = cellsTable(tree);
  const [meetings, register] = await Promise.all([
    meetingRows(db, cells, first, last),
    registerRows(db, cells, first, last, year),
  ]);
  const assessments: PresenceAssessment[] = register.flatMap((e) =>
    e.rating ? [{ memberId: e.id, year, rating: e.rating }] : [],
  );
  const of = (
    m: readonly PresenceMeeting[],
    r: readonly PresenceRegisterEntry[],
    a: readonly PresenceAssessment[],
  ) => presenceFigures({ first, last, year, meetings: m, register: r, assessments: a });

  const triageOf = new Map(tree.cells.map((c) => [c.id, c.triageId]));
  const groups = new Map<
    string,
    { m: PresenceMeeting[]; r: PresenceRegisterEntry[]; a: PresenceAssessment[] }
  >();
  const group = (cellId: string) => {
    const t = triageOf.get(cellId)!;
    let g = groups.get(t);
    if (!g) groups.set(t, (g = { m: [], r: [], a: [] }));
    return g;
  };
  for (const c of tree.cells) group(c.id);
  for (const m of meetings) group(m.cellId).m.push(m);
  for (const e of register) group(e.cellId).r.push(e);
  const cellOfMember = new Map(register.map((e) => [e.id, e.cellId]));
  for (const a of assessments) group(cellOfMember.get(a.memberId)!).a.push(a);

  return {
    total: of(meetings, register, assessments),
    byBody: new Map([...groups].map(([t, g]) => [t, of(g.m, g.r, g.a)])),
  };
}
