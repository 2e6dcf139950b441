import { asc, desc, eq, sql } from 'drizzle-orm';
import { CriteriaSet, type CriteriaSetPatch } from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { criteriaSets, reports } from '../../db/schema.ts';
import { ApiError, validationError, notFoundErrors } from '../../lib/errors.ts';
import { zodFields } from '../../lib/validate.ts';
import { writeAudit } from './audit.ts';
import { asDb } from './scope.ts';

/** Every set with the number of reports scored with it (a set in use is read-only). */
export async function listCriteriaSets(db: Db) {
  // Written out: drizzle leaves columns unqualified in a one-table select, where `id` would mean reports.id.
  const reportCount =
    sql<number>`(select count(*) from reports r where r.criteria_set_id = criteria_sets.id)`.mapWith(
      Number,
    );
  const rows = await db
    .select({ set: criteriaSets, reportCount })
    .from(criteriaSets)
    .orderBy(desc(criteriaSets.validFrom), asc(criteriaSets.id));
  return rows.map(({ set, reportCount }) => ({
    id: set.id,
    name: set.name,
    validFrom: set.validFrom,
    validTo: set.validTo,
    cellTypes: set.definition.cellTypes ?? null,
    provinceId: set.provinceId,
    reportCount,
    inUse: reportCount > 0,
  }));
}

/** Another set in force from the same day for the same cell types would make the choice arbitrary. */
async function sameStart(db: Db, set: CriteriaSet): Promise<string | null> {
  const key = (types: readonly string[] | undefined) => (types ? [...types].sort().join(',') : '*');
  const rows = await db
    .select({ id: criteriaSets.id, definition: criteriaSets.definition })
    .from(criteriaSets)
    .where(eq(criteriaSets.validFrom, set.validFrom));
  const clash = rows.find(
    (r) => r.id !== set.id && key(r.definition.cellTypes) === key(set.cellTypes),
  );
  return clash ? clash.id : null;
}

const row = (set: CriteriaSet) => ({
  name: set.name,
  validFrom: set.validFrom,
  validTo: set.validTo ?? null,
  definition: set,
});

/** Stores a new set, already validated by the shared `CriteriaSet` schema (sums, bands, unique ids). */
export async function createCriteriaSet(
  deps: Deps,
  actor: AuthUser,
  provinceId: string,
  set: CriteriaSet,
) {
  const { db } = deps;
  const [exists] = await db
    .select({ id: criteriaSets.id })
    .from(criteriaSets)
    .where(eq(criteriaSets.id, set.id));
  if (exists)
    throw new ApiError(409, 'CRITERIA_SET_EXISTS', `Bộ tiêu chí ${set.id} đã có`, {
      id: ['Mã bộ tiêu chí đã có'],
    });
  const clash = await sameStart(db, set);
  if (clash)
    throw validationError({
      validFrom: [`Bộ tiêu chí ${clash} đã có hiệu lực từ cùng ngày cho cùng loại chi bộ`],
    });
  const now = deps.now();
  await db.transaction(async (tx) => {
    await tx.insert(criteriaSets).values({ id: set.id, provinceId, ...row(set), createdAt: now });
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'criteria_set.create',
      entity: 'criteria_set',
      entityId: set.id,
      data: set,
    });
  });
  return set;
}

/** Changes a set nobody has scored with yet; once a report uses it, it is read-only (409). */
export async function patchCriteriaSet(
  deps: Deps,
  actor: AuthUser,
  id: string,
  patch: CriteriaSetPatch,
) {
  const { db } = deps;
  const [current] = await db.select().from(criteriaSets).where(eq(criteriaSets.id, id));
  if (!current) throw notFoundErrors.criteriaSet();
  await assertUnused(db, id);
  const merged: Record<string, unknown> = { ...current.definition, ...patch };
  for (const key of ['cellTypes', 'validTo'] as const) if (patch[key] === null) delete merged[key];
  const parsed = CriteriaSet.safeParse(merged);
  if (!parsed.success) throw validationError(zodFields(parsed.error.issues));
  const clash = await sameStart(db, parsed.data);
  if (clash)
    throw validationError({
      validFrom: [`Bộ tiêu chí ${clash} đã có hiệu lực từ cùng ngày cho cùng loại chi bộ`],
    });
  const now = deps.now();
  await db.transaction(async (tx) => {
    // FOR UPDATE conflicts with the key-share lock a report insert takes on the set it names:
    // no report can start using the set between this check and the change.
    await tx
      .select({ id: criteriaSets.id })
      .from(criteriaSets)
      .where(eq(criteriaSets.id, id))
      .for('update');
    await assertUnused(asDb(tx), id);
    await tx.update(criteriaSets).set(row(parsed.data)).where(eq(criteriaSets.id, id));
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'criteria_set.update',
      entity: 'criteria_set',
      entityId: id,
      data: { before: current.definition, after: parsed.data },
    });
  });
  return parsed.data;
}

async function assertUnused(db: Db, id: string): Promise<void> {
  const [used] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(eq(reports.criteriaSetId, id))
    .limit(1);
  if (used) {
    throw new ApiError(
      409,
      'CRITERIA_SET_IN_USE',
      'Bộ tiêu chí đã được dùng để chấm báo cáo nên không thể sửa; hãy nhập một bộ mới có ngày hiệu lực mới',
    );
  }
}
