import { eq, or, sql } from 'drizzle-orm';
import type { OrgUnitCreateInput, OrgUnitPatchInput } from '@duhop/shared';
import { vnDate } from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { orgUnits } from '../../db/schema.ts';
import { ApiError, validationError, type FieldErrors, notFoundErrors } from '../../lib/errors.ts';
import { writeAudit } from './audit.ts';
import { adminUnitView, asDb, isClosed, loadUnits, unitProvince } from './scope.ts';
import { descendantIds, orgUnitRecord, type OrgUnitRecord } from '../org/graph.ts';

/** Every unit of a province, closed ones included (they are history that reports and issues name). */
export async function listProvinceUnits(db: Db, provinceId: string) {
  const rows = await db
    .select()
    .from(orgUnits)
    .where(or(eq(orgUnits.id, provinceId), eq(orgUnits.provinceId, provinceId)))
    .orderBy(sql`${orgUnits.validTo} nulls first`, orgUnits.name);
  return rows.map((r) => adminUnitView(orgUnitRecord(r)));
}

/**
 * Checks a parent for a unit valid from `validFrom`: it exists, is open, is not a cell, and
 * already existed then (a child cannot be valid before its parent).
 */
export function parentProblem(
  parent: OrgUnitRecord | undefined,
  validFrom: string | null,
): string | null {
  if (!parent) return 'Đơn vị cấp trên không tồn tại';
  if (isClosed(parent)) return `Đơn vị cấp trên "${parent.name}" đã giải thể`;
  if (parent.kind === 'cell') return 'Chi bộ không có đơn vị cấp dưới';
  if (validFrom && parent.validFrom > validFrom)
    return `Đơn vị cấp trên chỉ có hiệu lực từ ${vnDate(parent.validFrom)}`;
  return null;
}

export async function createUnit(deps: Deps, actor: AuthUser, input: OrgUnitCreateInput) {
  const { db } = deps;
  const units = await loadUnits(db, [input.id, ...(input.parentId ? [input.parentId] : [])]);
  if (units.has(input.id))
    throw new ApiError(409, 'ORG_UNIT_EXISTS', `Mã đơn vị ${input.id} đã có`, {
      id: ['Mã đơn vị đã có'],
    });
  const fields: FieldErrors = {};
  let provinceId: string | null = null;
  if (input.kind === 'province') {
    if (input.parentId) fields.parentId = ['Tỉnh (thành) ủy không có đơn vị cấp trên'];
  } else if (!input.parentId) {
    fields.parentId = ['Chọn đơn vị cấp trên'];
  } else {
    const parent = units.get(input.parentId);
    const problem = parentProblem(parent, input.validFrom);
    if (problem)
      fields[parent && !isClosed(parent) && parent.kind !== 'cell' ? 'validFrom' : 'parentId'] = [
        problem,
      ];
    else provinceId = unitProvince(parent!);
  }
  if (input.kind !== 'cell' && (input.cellType || input.meetingDay))
    fields.cellType = ['Chỉ chi bộ mới có loại chi bộ và ngày sinh hoạt'];
  if (Object.keys(fields).length) throw validationError(fields);
  const now = deps.now();
  const row = {
    id: input.id,
    name: input.name,
    kind: input.kind,
    parentId: input.parentId,
    provinceId,
    validFrom: input.validFrom,
    cellType: input.kind === 'cell' ? (input.cellType ?? 'other') : null,
    meetingDay: input.kind === 'cell' ? (input.meetingDay ?? 3) : null,
    createdAt: now,
  };
  await db.transaction(async (tx) => {
    await tx.insert(orgUnits).values(row);
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'org_unit.create',
      entity: 'org_unit',
      entityId: input.id,
      data: row,
    });
  });
  return adminUnitView((await loadUnits(db, [input.id])).get(input.id)!);
}

/**
 * Renames or moves a unit in place (a correction: the audit log keeps the old values). A move
 * must not make a cycle, leave the province, or go under a closed unit or a cell. A change of
 * name that history must remember is a merger into a new unit instead.
 */
export async function patchUnit(deps: Deps, actor: AuthUser, id: string, patch: OrgUnitPatchInput) {
  const { db } = deps;
  const units = await loadUnits(db, [id, ...(patch.parentId ? [patch.parentId] : [])]);
  const unit = units.get(id);
  if (!unit) throw notFoundErrors.orgUnit();
  const fields: FieldErrors = {};
  if (patch.parentId !== undefined && patch.parentId !== unit.parentId) {
    const parent = units.get(patch.parentId);
    const problem = parentProblem(parent, null);
    if (unit.parentId === null) fields.parentId = ['Không thể chuyển tỉnh (thành) ủy'];
    else if (isClosed(unit)) fields.parentId = ['Đơn vị đã giải thể: không thể chuyển'];
    else if (problem) fields.parentId = [problem];
    else if (unitProvince(parent!) !== unitProvince(unit))
      fields.parentId = ['Không thể chuyển đơn vị sang tỉnh khác'];
    else if ((await descendantIds(db, id)).includes(patch.parentId)) {
      fields.parentId = [
        'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó (tạo thành vòng)',
      ];
    }
  }
  if (unit.kind !== 'cell' && (patch.cellType !== undefined || patch.meetingDay !== undefined)) {
    fields.cellType = ['Chỉ chi bộ mới có loại chi bộ và ngày sinh hoạt'];
  }
  if (Object.keys(fields).length) throw validationError(fields);
  const changes = Object.fromEntries(
    Object.entries(patch).filter(
      ([k, v]) => v !== undefined && v !== unit[k as keyof OrgUnitRecord],
    ),
  ) as Partial<Pick<OrgUnitRecord, 'name' | 'parentId' | 'cellType' | 'meetingDay'>>;
  if (Object.keys(changes).length) {
    const now = deps.now();
    await db.transaction(async (tx) => {
      await tx.update(orgUnits).set(changes).where(eq(orgUnits.id, id));
      const before = Object.fromEntries(
        Object.keys(changes).map((k) => [k, unit[k as keyof OrgUnitRecord]]),
      );
      const action = changes.parentId
        ? 'org_unit.move'
        : changes.name
          ? 'org_unit.rename'
          : 'org_unit.update';
      await writeAudit(asDb(tx), {
        actorId: actor.id,
        at: now,
        action,
        entity: 'org_unit',
        entityId: id,
        data: { before, after: changes },
      });
    });
  }
  return adminUnitView((await loadUnits(db, [id])).get(id)!);
}
