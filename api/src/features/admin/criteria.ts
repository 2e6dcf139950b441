import { asc, desc, eq, sql } from 'drizzle-orm';
import {
  CriteriaSet,
  provenanceLabel,
  vnDate,
  type CriteriaScope,
  type CriteriaSetPatch,
  type CriteriaSetSummary,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { criteriaSetAdoptions, criteriaSets, orgUnits, reports } from '../../db/schema.ts';
import { ApiError, validationError, notFoundErrors } from '../../lib/errors.ts';
import { zodFields } from '../../lib/validate.ts';
import { writeAudit } from './audit.ts';
import { asDb } from './scope.ts';

/**
 * Every set with its scope, provenance mark and the number of reports scored with it (a set in
 * use is read-only); a template lists the provinces that adopted it, by name.
 */
export async function listCriteriaSets(db: Db): Promise<CriteriaSetSummary[]> {
  // Written out: drizzle leaves columns unqualified in a one-table select, where `id` would mean reports.id.
  const reportCount =
    sql<number>`(select count(*) from reports r where r.criteria_set_id = criteria_sets.id)`.mapWith(
      Number,
    );
  const provinceName = sql<
    string | null
  >`(select o.name from org_units o where o.id = criteria_sets.province_id)`;
  const [rows, adoptions] = await Promise.all([
    db
      .select({ set: criteriaSets, reportCount, provinceName })
      .from(criteriaSets)
      .orderBy(desc(criteriaSets.validFrom), asc(criteriaSets.id)),
    db
      .select({
        criteriaSetId: criteriaSetAdoptions.criteriaSetId,
        provinceId: criteriaSetAdoptions.provinceId,
        provinceName: orgUnits.name,
        adoptedOn: criteriaSetAdoptions.adoptedOn,
      })
      .from(criteriaSetAdoptions)
      .innerJoin(orgUnits, eq(orgUnits.id, criteriaSetAdoptions.provinceId))
      .orderBy(asc(criteriaSetAdoptions.adoptedOn), asc(orgUnits.name)),
  ]);
  return rows.map(({ set, reportCount, provinceName }) => ({
    id: set.id,
    name: set.name,
    validFrom: set.validFrom,
    validTo: set.validTo,
    cellTypes: set.definition.cellTypes ?? null,
    provinceId: set.provinceId,
    provinceName,
    scope: set.scope,
    source: set.definition.source ?? null,
    official: provenanceLabel(set.definition) === null,
    provenance: provenanceLabel(set.definition),
    ...(set.scope === 'template'
      ? {
          adoptions: adoptions
            .filter((a) => a.criteriaSetId === set.id)
            .map(({ criteriaSetId: _id, ...a }) => a),
        }
      : {}),
    reportCount,
    inUse: reportCount > 0,
  }));
}

/**
 * Another set of the same scope (the same province's, or national) in force from the same day for
 * the same cell types would make the choice arbitrary. Sets of other provinces never clash.
 */
async function sameStart(
  db: Db,
  set: CriteriaSet,
  scope: CriteriaScope,
  provinceId: string | null,
): Promise<string | null> {
  const key = (types: readonly string[] | undefined) => (types ? [...types].sort().join(',') : '*');
  const rows = await db
    .select({
      id: criteriaSets.id,
      scope: criteriaSets.scope,
      provinceId: criteriaSets.provinceId,
      definition: criteriaSets.definition,
    })
    .from(criteriaSets)
    .where(eq(criteriaSets.validFrom, set.validFrom));
  const clash = rows.find(
    (r) =>
      r.id !== set.id &&
      r.scope === scope &&
      r.provinceId === provinceId &&
      key(r.definition.cellTypes) === key(set.cellTypes),
  );
  return clash ? clash.id : null;
}

/** What is stored of a set: its definition without what the server answers per province. */
const row = (set: CriteriaSet) => {
  const { scope: _s, provinceId: _p, adoptedOn: _a, ...definition } = set;
  return {
    name: set.name,
    validFrom: set.validFrom,
    validTo: set.validTo ?? null,
    definition: definition as CriteriaSet,
  };
};

/**
 * Stores a new set, already validated by the shared `CriteriaSet` schema (sums, bands, unique
 * ids), as the admin's province's own: national sets and templates ship with the app, so a
 * `scope` or `provinceId` in the body (a set's JSON viewed and edited) is not taken from it.
 */
export async function createCriteriaSet(
  deps: Deps,
  actor: AuthUser,
  provinceId: string,
  set: CriteriaSet,
) {
  const { db } = deps;
  const scope: CriteriaScope = 'province';
  const [exists] = await db
    .select({ id: criteriaSets.id })
    .from(criteriaSets)
    .where(eq(criteriaSets.id, set.id));
  if (exists)
    throw new ApiError(409, 'CRITERIA_SET_EXISTS', `Bộ tiêu chí ${set.id} đã có`, {
      id: ['Mã bộ tiêu chí đã có'],
    });
  const clash = await sameStart(db, set, scope, provinceId);
  if (clash)
    throw validationError({
      validFrom: [`Bộ tiêu chí ${clash} đã có hiệu lực từ cùng ngày cho cùng loại chi bộ`],
    });
  const now = deps.now();
  await db.transaction(async (tx) => {
    await tx
      .insert(criteriaSets)
      .values({ id: set.id, provinceId, scope, ...row(set), createdAt: now });
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'criteria_set.create',
      entity: 'criteria_set',
      entityId: set.id,
      data: set,
    });
  });
  return { ...row(set).definition, scope, provinceId };
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
  const clash = await sameStart(db, parsed.data, current.scope, current.provinceId);
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
  return { ...row(parsed.data).definition, scope: current.scope, provinceId: current.provinceId };
}

/**
 * A province adopts a built-in template from a day (its own decision's): from then the template
 * scores that province's meetings as the province's own set (over a national one). Only a
 * template can be adopted, once per province, on a day within the template's validity.
 */
export async function adoptCriteriaTemplate(
  deps: Deps,
  actor: AuthUser,
  provinceId: string,
  id: string,
  adoptedOn: string,
): Promise<CriteriaSet> {
  const { db } = deps;
  const [template] = await db.select().from(criteriaSets).where(eq(criteriaSets.id, id));
  if (!template) throw notFoundErrors.criteriaSet();
  if (template.scope !== 'template')
    throw validationError({
      id: [
        template.scope === 'national'
          ? 'Bộ tiêu chí toàn quốc đã áp dụng cho mọi tỉnh, không cần áp dụng riêng'
          : 'Chỉ áp dụng được bộ tiêu chí mẫu',
      ],
    });
  if (template.validTo && adoptedOn > template.validTo)
    throw validationError({
      adoptedOn: [`Bộ tiêu chí mẫu chỉ có hiệu lực đến ngày ${vnDate(template.validTo)}`],
    });
  const now = deps.now();
  const inserted = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(criteriaSetAdoptions)
      .values({ provinceId, criteriaSetId: id, adoptedOn, createdAt: now })
      .onConflictDoNothing()
      .returning({ provinceId: criteriaSetAdoptions.provinceId });
    if (rows.length === 0) return false;
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'criteria_set.adopt',
      entity: 'criteria_set',
      entityId: id,
      data: { provinceId, adoptedOn },
    });
    return true;
  });
  if (!inserted)
    throw new ApiError(
      409,
      'CRITERIA_SET_ADOPTED',
      'Tỉnh đã áp dụng bộ tiêu chí mẫu này; mỗi tỉnh áp dụng một lần',
    );
  const validFrom = adoptedOn > template.validFrom ? adoptedOn : template.validFrom;
  return { ...template.definition, scope: 'province', provinceId, validFrom, adoptedOn };
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
