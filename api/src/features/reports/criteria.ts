import { eq, sql, type SQL } from 'drizzle-orm';
import { selectCriteriaSet, vnDate, type CellType, type CriteriaSet } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { orgUnits } from '../../db/schema.ts';
import { ApiError, notFoundErrors } from '../../lib/errors.ts';

/**
 * The criteria sets a province may use, one `definition` (jsonb) a row, as answered on the wire:
 * the national sets and the province's own with their `scope` and `provinceId`, and each template
 * the province adopted as its own (`scope: 'province'`), in force from the later of the
 * template's first day and the adoption (`adoptedOn`). Templates nobody adopted are not here.
 * `provinceId` is an SQL expression (a parameter, or a sub-select from a unit).
 */
export function provinceCriteriaSetsSql(provinceId: SQL | string | null): SQL {
  return sql`select cs.definition || jsonb_build_object('scope', cs.scope, 'provinceId', cs.province_id) as definition
      from criteria_sets cs
     where cs.scope = 'national' or (cs.scope = 'province' and cs.province_id = ${provinceId})
    union all
    select cs.definition || jsonb_build_object('scope', 'province', 'provinceId', a.province_id,
             'validFrom', to_char(greatest(cs.valid_from, a.adopted_on), 'YYYY-MM-DD'),
             'adoptedOn', to_char(a.adopted_on, 'YYYY-MM-DD')) as definition
      from criteria_set_adoptions a join criteria_sets cs on cs.id = a.criteria_set_id
     where a.province_id = ${provinceId}`;
}

/** The province of a unit (or the province itself), as an SQL expression. */
const provinceOfUnitSql = (unitId: string) =>
  sql`(select coalesce(province_id, id) from org_units where id = ${unitId})`;

/**
 * The criteria sets as validated definitions: with a unit, those its province may use
 * (`provinceCriteriaSetsSql`); without, every stored set as stored (to name groups in history).
 */
export async function loadCriteriaSets(db: Db, unitId?: string): Promise<CriteriaSet[]> {
  const query = unitId
    ? provinceCriteriaSetsSql(provinceOfUnitSql(unitId))
    : sql`select definition || jsonb_build_object('scope', scope, 'provinceId', province_id) as definition from criteria_sets`;
  const rows = await queryRows<{ definition: CriteriaSet | string }>(db, query);
  return rows.map((r) =>
    typeof r.definition === 'string' ? (JSON.parse(r.definition) as CriteriaSet) : r.definition,
  );
}

/** No set of the cell's province or a national one is in force for it on that day. */
export const noCriteriaSetInForce = (date: string) =>
  new ApiError(
    404,
    'NO_CRITERIA_SET_IN_FORCE',
    `Chưa có bộ tiêu chí nào có hiệu lực cho chi bộ này vào ngày ${vnDate(date)}: không chấm điểm được cuộc họp này`,
    { date: [`Chưa có bộ tiêu chí nào có hiệu lực vào ngày ${vnDate(date)}`] },
  );

/** The set in force for a cell on a date (its province's own, else a national one, for its cell type). */
export async function criteriaSetInForce(
  db: Db,
  cellId: string,
  date: string,
): Promise<CriteriaSet> {
  const [cell] = await db
    .select({ kind: orgUnits.kind, cellType: orgUnits.cellType, provinceId: orgUnits.provinceId })
    .from(orgUnits)
    .where(eq(orgUnits.id, cellId));
  if (cell?.kind !== 'cell') throw notFoundErrors.cell();
  const set = selectCriteriaSet(
    await loadCriteriaSets(db, cellId),
    date,
    cell.cellType as CellType | null,
    cell.provinceId,
  );
  if (!set) throw noCriteriaSetInForce(date);
  return set;
}

/** Every set a unit's province may use, the newest first. */
export async function listCriteriaSetsNewestFirst(db: Db, unitId: string): Promise<CriteriaSet[]> {
  return (await loadCriteriaSets(db, unitId)).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
}

/** One set a unit's province may use, or a template (public: any province may adopt it); 404 otherwise. */
export async function findCriteriaSet(db: Db, unitId: string, id: string): Promise<CriteriaSet> {
  const set =
    (await loadCriteriaSets(db, unitId)).find((s) => s.id === id) ??
    (await loadCriteriaSets(db)).find((s) => s.id === id && s.scope === 'template');
  if (!set) throw notFoundErrors.criteriaSet();
  return set;
}
