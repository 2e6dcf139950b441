import { eq, sql } from 'drizzle-orm';
import {
  activeInYear,
  localDate,
  normalizeForSearch,
  residenceMemberErrors,
  toLocalIso,
  type ResidenceMemberList,
  type ResidenceMemberPatch,
  type ResidenceMemberRecord,
  type ResidenceRating,
  type ResidenceStatus,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { isoDay, queryRows } from '../../db/rows.ts';
import { residenceMembers } from '../../db/schema.ts';
import { ApiError, validationError, type FieldErrors } from '../../lib/errors.ts';
import { writeAudit } from '../admin/audit.ts';
import { asDb } from '../admin/scope.ts';
import { subtreeCte } from '../org/sql.ts';
import { cellsInScope, isRegisterKeeper } from './access.ts';

export const memberNotFound = () =>
  new ApiError(404, 'RESIDENCE_MEMBER_NOT_FOUND', 'Không tìm thấy đảng viên trong danh sách');

/** A register entry as typed (POST) or read from a CSV line (import). */
export interface MemberDraft {
  cellId: string;
  fullName: string;
  birthYear?: number | null | undefined;
  workplaceUnitId?: string | null | undefined;
  workplaceName?: string | null | undefined;
  introducedOn: string;
  receivedOn?: string | null | undefined;
  status?: ResidenceStatus | undefined;
  statusOn?: string | null | undefined;
  note?: string | null | undefined;
}

interface Row {
  id: string;
  cell_id: string;
  cell_name: string;
  full_name: string;
  birth_year: number | null;
  workplace_unit_id: string | null;
  workplace_unit_name: string | null;
  workplace_name: string | null;
  introduced_on: unknown;
  received_on: unknown;
  status: ResidenceStatus;
  status_on: unknown;
  note: string | null;
  updated_at: Date | string;
  a_year: number | null;
  a_rating: ResidenceRating | null;
  a_reasons: string | null;
  a_by: string | null;
  a_by_name: string | null;
  a_on: unknown;
}

const toRecord = (r: Row): ResidenceMemberRecord => ({
  id: r.id,
  cellId: r.cell_id,
  cellName: r.cell_name,
  fullName: r.full_name,
  birthYear: r.birth_year == null ? null : Number(r.birth_year),
  workplaceUnitId: r.workplace_unit_id,
  workplaceName: r.workplace_name,
  workplace: r.workplace_unit_name ?? r.workplace_name ?? '',
  introducedOn: isoDay(r.introduced_on)!,
  receivedOn: isoDay(r.received_on),
  status: r.status,
  statusOn: isoDay(r.status_on),
  note: r.note,
  updatedAt: toLocalIso(new Date(r.updated_at)),
  assessment:
    r.a_year != null && r.a_rating
      ? {
          year: Number(r.a_year),
          rating: r.a_rating,
          reasons: r.a_reasons,
          assessedById: r.a_by!,
          assessedByName: r.a_by_name ?? '',
          assessedOn: isoDay(r.a_on)!,
        }
      : null,
});

/**
 * Register entries with the assessment of `year`: every cell under `rootId`, or one cell, or the
 * given ids. Sorted by cell, then name (Vietnamese collation).
 */
export async function loadMembers(
  db: Db,
  where: { rootId: string } | { cellId: string } | { ids: readonly string[] },
  year: number,
): Promise<ResidenceMemberRecord[]> {
  const filter =
    'rootId' in where
      ? sql`m.cell_id in (select id from sub)`
      : 'cellId' in where
        ? sql`m.cell_id = ${where.cellId}`
        : where.ids.length
          ? sql`m.id in (${sql.join(
              where.ids.map((i) => sql`${i}::uuid`),
              sql`, `,
            )})`
          : sql`false`;
  const rows = await queryRows<Row>(
    db,
    sql`${'rootId' in where ? sql`with recursive ${subtreeCte(where.rootId)}` : sql``}
        select m.id, m.cell_id, c.name as cell_name, m.full_name, m.birth_year, m.workplace_unit_id,
               w.name as workplace_unit_name, m.workplace_name, m.introduced_on, m.received_on,
               m.status, m.status_on, m.note, m.updated_at,
               a.year as a_year, a.rating as a_rating, a.reasons as a_reasons, a.assessed_by as a_by,
               u.display_name as a_by_name, a.assessed_on as a_on
          from residence_members m
          join org_units c on c.id = m.cell_id
          left join org_units w on w.id = m.workplace_unit_id
          left join residence_assessments a on a.member_id = m.id and a.year = ${year}
          left join users u on u.id = a.assessed_by
         where ${filter}`,
  );
  // Vietnamese lists go by the given name (the last word), then the whole name.
  const collator = new Intl.Collator('vi');
  const given = (name: string) => name.trim().split(/\s+/).at(-1) ?? '';
  return rows
    .map(toRecord)
    .sort(
      (a, b) =>
        collator.compare(a.cellName, b.cellName) ||
        collator.compare(given(a.fullName), given(b.fullName)) ||
        collator.compare(a.fullName, b.fullName) ||
        a.id.localeCompare(b.id),
    );
}

/** The list answer: filters applied, counts over the members active in the year. */
export function listAnswer(
  all: readonly ResidenceMemberRecord[],
  year: number,
  f: {
    status?: ResidenceStatus | undefined;
    unassessed?: boolean | undefined;
    q?: string | undefined;
  },
): ResidenceMemberList {
  const active = all.filter((m) => activeInYear(m, year));
  const needle = f.q ? normalizeForSearch(f.q) : '';
  const items = all.filter(
    (m) =>
      (!f.status || m.status === f.status) &&
      (!f.unassessed || (activeInYear(m, year) && !m.assessment)) &&
      (!needle || normalizeForSearch(`${m.fullName} ${m.workplace}`).includes(needle)),
  );
  return {
    year,
    items,
    counts: {
      active: active.length,
      assessed: active.filter((m) => m.assessment).length,
      good: active.filter((m) => m.assessment?.rating === 'good').length,
      unassessed: active.filter((m) => !m.assessment).length,
    },
  };
}

/** One entry with the assessment of `year`, or null. */
export async function findMember(db: Db, id: string, year: number) {
  return (await loadMembers(db, { ids: [id] }, year))[0] ?? null;
}

/**
 * Checks drafts against the database: the cell is a cell the keeper manages, the workplace unit
 * exists. Field errors per draft (the field checks of `residenceMemberErrors` included).
 */
export async function checkMemberDrafts(
  db: Db,
  keeper: AuthUser,
  drafts: readonly MemberDraft[],
): Promise<FieldErrors[]> {
  const cells = await cellsInScope(db, keeper, [...new Set(drafts.map((d) => d.cellId))]);
  const unitIds = [
    ...new Set(drafts.map((d) => d.workplaceUnitId).filter((x): x is string => !!x)),
  ];
  const units = unitIds.length
    ? new Set(
        (
          await queryRows<{ id: string }>(
            db,
            sql`select id from org_units where id in (${sql.join(
              unitIds.map((u) => sql`${u}`),
              sql`, `,
            )})`,
          )
        ).map((r) => r.id),
      )
    : new Set<string>();
  return drafts.map((d) => {
    const e: FieldErrors = d.introducedOn ? residenceMemberErrors(d) : {};
    if (d.cellId && !cells.has(d.cellId))
      (e.cellId ??= []).push(`Không có chi bộ mã "${d.cellId}" trong phạm vi của bạn`);
    if (d.workplaceUnitId && !units.has(d.workplaceUnitId))
      (e.workplaceUnitId ??= []).push(`Không có đơn vị mã "${d.workplaceUnitId}"`);
    return e;
  });
}

const columns = (d: MemberDraft) => ({
  cellId: d.cellId,
  fullName: d.fullName.trim(),
  birthYear: d.birthYear ?? null,
  workplaceUnitId: d.workplaceUnitId || null,
  workplaceName: d.workplaceUnitId ? null : d.workplaceName?.trim() || null,
  introducedOn: d.introducedOn,
  receivedOn: d.receivedOn ?? null,
  status: d.status ?? 'active',
  statusOn: d.statusOn ?? null,
  note: d.note?.trim() || null,
});

/** Stores checked drafts in one transaction with one audit entry each; returns their ids. */
export async function insertMembers(
  deps: Deps,
  keeper: AuthUser,
  drafts: readonly MemberDraft[],
  action: 'residence_member.create' | 'residence_member.import',
): Promise<string[]> {
  const at = deps.now();
  return deps.db.transaction(async (txRaw) => {
    const tx = asDb(txRaw);
    const inserted = await tx
      .insert(residenceMembers)
      .values(
        drafts.map((d) => ({
          ...columns(d),
          createdBy: keeper.id,
          createdAt: at,
          updatedBy: keeper.id,
          updatedAt: at,
        })),
      )
      .returning({ id: residenceMembers.id });
    for (const [i, row] of inserted.entries())
      await writeAudit(tx, {
        actorId: keeper.id,
        at,
        action,
        entity: 'residence_member',
        entityId: row.id,
        data: columns(drafts[i]!),
      });
    return inserted.map((r) => r.id);
  });
}

export const currentYear = (now: Date) => Number(localDate(now).slice(0, 4));

/** POST: a keeper adds one entry to a cell under them (422 with the fields otherwise). */
export async function createMember(deps: Deps, keeper: AuthUser, draft: MemberDraft) {
  const [errors] = await checkMemberDrafts(deps.db, keeper, [draft]);
  if (Object.keys(errors!).length) throw validationError(errors!);
  const [id] = await insertMembers(deps, keeper, [draft], 'residence_member.create');
  return (await findMember(deps.db, id!, currentYear(deps.now())))!;
}

/**
 * PATCH: changes fields of an entry under the keeper (404 otherwise); the entry after the change
 * is checked as a whole. Giving a workplace unit clears the free-text name and the reverse; a
 * status back to active clears its date. Audited with the fields before and after.
 */
export async function updateMember(
  deps: Deps,
  keeper: AuthUser,
  id: string,
  patch: ResidenceMemberPatch,
) {
  const { db } = deps;
  const year = currentYear(deps.now());
  const found = await findMember(db, id, year);
  if (!found || !(await isRegisterKeeper(db, keeper))) throw memberNotFound();
  if (!(await cellsInScope(db, keeper, [found.cellId])).has(found.cellId)) throw memberNotFound();
  const before: MemberDraft = {
    cellId: found.cellId,
    fullName: found.fullName,
    birthYear: found.birthYear,
    workplaceUnitId: found.workplaceUnitId,
    workplaceName: found.workplaceName,
    introducedOn: found.introducedOn,
    receivedOn: found.receivedOn,
    status: found.status,
    statusOn: found.statusOn,
    note: found.note,
  };
  const after: MemberDraft = { ...before, ...patch };
  if (patch.workplaceUnitId && patch.workplaceName === undefined) after.workplaceName = null;
  if (patch.workplaceName?.trim() && patch.workplaceUnitId === undefined)
    after.workplaceUnitId = null;
  if (patch.status === 'active' && patch.statusOn === undefined) after.statusOn = null;
  const [errors] = await checkMemberDrafts(db, keeper, [after]);
  if (Object.keys(errors!).length) throw validationError(errors!);
  const at = deps.now();
  await db.transaction(async (txRaw) => {
    const tx = asDb(txRaw);
    await tx
      .update(residenceMembers)
      .set({ ...columns(after), updatedBy: keeper.id, updatedAt: at })
      .where(eq(residenceMembers.id, id));
    await writeAudit(tx, {
      actorId: keeper.id,
      at,
      action:
        patch.status && patch.status !== found.status
          ? 'residence_member.status'
          : 'residence_member.update',
      entity: 'residence_member',
      entityId: id,
      data: { before: columns(before), after: columns(after) },
    });
  });
  return (await findMember(db, id, year))!;
}
