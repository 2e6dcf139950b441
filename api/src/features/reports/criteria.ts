import { eq } from 'drizzle-orm';
import { selectCriteriaSet, type CellType, type CriteriaSet } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { orgUnits } from '../../db/schema.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { loadCriteriaSets } from './reports.ts';

/** The set in force for a cell on a date (its province's or a national one, for its cell type). */
export async function criteriaSetInForce(
  db: Db,
  cellId: string,
  date: string,
): Promise<CriteriaSet> {
  const [cell] = await db
    .select({ kind: orgUnits.kind, cellType: orgUnits.cellType })
    .from(orgUnits)
    .where(eq(orgUnits.id, cellId));
  if (cell?.kind !== 'cell') throw notFoundErrors.cell();
  const set = selectCriteriaSet(
    await loadCriteriaSets(db, cellId),
    date,
    cell.cellType as CellType | null,
  );
  if (!set) throw notFoundErrors.criteriaSetOnDate();
  return set;
}

/** Every set a unit's province may use, the newest first. */
export async function listCriteriaSetsNewestFirst(db: Db, unitId: string): Promise<CriteriaSet[]> {
  return (await loadCriteriaSets(db, unitId)).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
}

/** One set a unit's province may use; 404 otherwise. */
export async function findCriteriaSet(db: Db, unitId: string, id: string): Promise<CriteriaSet> {
  const set = (await loadCriteriaSets(db, unitId)).find((s) => s.id === id);
  if (!set) throw notFoundErrors.criteriaSet();
  return set;
}
