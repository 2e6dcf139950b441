import {
  addDays,
  localDate,
  vnDate,
  type OrgChangeResult,
  type OrgUnitCloseInput,
  type OrgUnitMergeInput,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { orgUnits } from '../../db/schema.ts';
import { ApiError, validationError, type FieldErrors, notFoundErrors } from '../../lib/errors.ts';
import { writeAudit } from './audit.ts';
import { parentProblem } from './org.ts';
import { adminUnitView, asDb, isClosed, loadUnits, unitProvince } from './scope.ts';
import { descendantIds, type OrgUnitRecord } from '../org/graph.ts';
import { transferToSuccessor, type TransferCounts } from './org-transfer.ts';

/**
 * Why `successor` cannot take over `source` closed on `validTo`, or null: it must exist, be open,
 * be in the same province, lie outside the closed unit's subtree, be valid the next day, and be
 * a cell only when a cell is closed.
 */
async function successorProblem(
  db: Db,
  source: OrgUnitRecord,
  successor: OrgUnitRecord | undefined,
  validTo: string,
): Promise<string | null> {
  if (!successor) return 'Đơn vị kế thừa không tồn tại';
  if (successor.id === source.id) return 'Đơn vị không thể kế thừa chính nó';
  if (isClosed(successor)) return `Đơn vị kế thừa "${successor.name}" cũng đã giải thể`;
  if (unitProvince(successor) !== unitProvince(source)) return 'Đơn vị kế thừa phải cùng tỉnh';
  if (successor.kind === 'cell' && source.kind !== 'cell')
    return 'Chi bộ không thể kế thừa một cơ quan';
  if (successor.validFrom > addDays(validTo, 1))
    return `Đơn vị kế thừa chỉ có hiệu lực từ ${vnDate(successor.validFrom)}, sau ngày ${vnDate(addDays(validTo, 1))}`;
  if ((await descendantIds(db, source.id)).includes(successor.id))
    return 'Đơn vị kế thừa không được là đơn vị cấp dưới của đơn vị bị đóng';
  return null;
}

/** A unit's last day: not before it began, and not in the future (moves happen when the closure is recorded). */
function lastDayProblem(unit: OrgUnitRecord, validTo: string, today: string): string | null {
  if (validTo < unit.validFrom)
    return `Ngày kết thúc trước ngày thành lập ${unit.validFrom} của "${unit.name}"`;
  if (validTo > today)
    return 'Chỉ ghi nhận việc giải thể, sáp nhập khi đã có hiệu lực (ngày kết thúc không được ở tương lai)';
  return null;
}

const sum = (all: TransferCounts[]) =>
  all.reduce(
    (a, c) => ({
      issuesMoved: a.issuesMoved + c.issuesMoved,
      assignmentsMoved: a.assignmentsMoved + c.assignmentsMoved,
      usersMoved: a.usersMoved + c.usersMoved,
      childrenMoved: a.childrenMoved + c.childrenMoved,
      rulesUpdated: a.rulesUpdated + c.rulesUpdated,
    }),
    { issuesMoved: 0, assignmentsMoved: 0, usersMoved: 0, childrenMoved: 0, rulesUpdated: 0 },
  );

/** Closes a unit on `validTo`, naming the successor that takes over its live work. */
export async function closeUnit(
  deps: Deps,
  actor: AuthUser,
  id: string,
  input: OrgUnitCloseInput,
): Promise<OrgChangeResult> {
  const { db } = deps;
  const units = await loadUnits(db, [id, input.successorId]);
  const unit = units.get(id);
  if (!unit) throw notFoundErrors.orgUnit();
  if (isClosed(unit))
    throw new ApiError(409, 'ORG_UNIT_CLOSED', `Đơn vị đã giải thể từ sau ngày ${unit.validTo}`);
  const fields: FieldErrors = {};
  if (unit.parentId === null) fields.id = ['Không thể giải thể tỉnh (thành) ủy'];
  const dayProblem = lastDayProblem(unit, input.validTo, localDate(deps.now()));
  if (dayProblem) fields.validTo = [dayProblem];
  const problem = await successorProblem(db, unit, units.get(input.successorId), input.validTo);
  if (problem) fields.successorId = [problem];
  if (Object.keys(fields).length) throw validationError(fields);
  const successor = units.get(input.successorId)!;
  const now = deps.now();
  const note =
    input.note ??
    `${unit.name} kết thúc hoạt động sau ngày ${input.validTo}; ${successor.name} tiếp nhận`;
  const counts = await db.transaction(async (tx) => {
    const c = await transferToSuccessor(asDb(tx), unit, successor, {
      actorId: actor.id,
      now,
      validTo: input.validTo,
      eventType: 'forwarded',
      note,
    });
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'org_unit.close',
      entity: 'org_unit',
      entityId: id,
      data: { name: unit.name, ...input, ...c },
    });
    return c;
  });
  return result(db, [id], successor.id, counts);
}

/**
 * Merges units into an existing one or a new one from `effectiveDate`: each source ends the day
 * before and its live work follows the target. Sources must be open, of one kind, in one province.
 */
export async function mergeUnits(
  deps: Deps,
  actor: AuthUser,
  input: OrgUnitMergeInput,
): Promise<OrgChangeResult> {
  const { db } = deps;
  const validTo = addDays(input.effectiveDate, -1);
  const nu = input.newUnit;
  const units = await loadUnits(db, [
    ...input.sourceIds,
    ...(input.targetId ? [input.targetId] : []),
    ...(nu ? [nu.id, ...(nu.parentId ? [nu.parentId] : [])] : []),
  ]);
  const fields: FieldErrors = {};
  const add = (path: string, msg: string) => (fields[path] ??= []).push(msg);
  const sources: OrgUnitRecord[] = [];
  input.sourceIds.forEach((sid, i) => {
    const s = units.get(sid);
    if (input.sourceIds.indexOf(sid) !== i) add(`sourceIds.${i}`, 'Đơn vị bị chọn hai lần');
    else if (!s) add(`sourceIds.${i}`, 'Đơn vị không tồn tại');
    else if (isClosed(s)) add(`sourceIds.${i}`, `"${s.name}" đã giải thể từ sau ngày ${s.validTo}`);
    else if (s.parentId === null) add(`sourceIds.${i}`, 'Không thể sáp nhập tỉnh (thành) ủy');
    else if (sources[0] && s.kind !== sources[0].kind)
      add(`sourceIds.${i}`, 'Các đơn vị sáp nhập phải cùng loại');
    else if (sources[0] && unitProvince(s) !== unitProvince(sources[0]))
      add(`sourceIds.${i}`, 'Các đơn vị sáp nhập phải cùng tỉnh');
    else {
      const p = lastDayProblem(s, validTo, localDate(deps.now()));
      if (p) add('effectiveDate', p);
      sources.push(s);
    }
  });
  if (Object.keys(fields).length || !sources[0]) throw validationError(fields);
  const first = sources[0];

  let target: OrgUnitRecord | undefined;
  let newRow: typeof orgUnits.$inferInsert | undefined;
  if (input.targetId) {
    target = units.get(input.targetId);
    if (input.sourceIds.includes(input.targetId))
      add('targetId', 'Đơn vị nhận không được nằm trong danh sách sáp nhập');
    else if (target && target.kind !== first.kind)
      add('targetId', 'Đơn vị nhận phải cùng loại với các đơn vị sáp nhập');
    else {
      for (const s of sources) {
        const p = await successorProblem(db, s, target, validTo);
        if (p) {
          add('targetId', p);
          break;
        }
      }
    }
  } else if (nu) {
    const parentId = nu.parentId ?? first.parentId!;
    const parent = units.get(parentId) ?? (await loadUnits(db, [parentId])).get(parentId);
    if (units.has(nu.id)) add('newUnit.id', 'Mã đơn vị đã có');
    const pp = input.sourceIds.includes(parentId)
      ? 'Đơn vị cấp trên không được là đơn vị bị sáp nhập'
      : parentProblem(parent, input.effectiveDate);
    const inSubtree = async () =>
      (await Promise.all(sources.map((s) => descendantIds(db, s.id)))).some((ids) =>
        ids.includes(parentId),
      );
    if (pp) add('newUnit.parentId', pp);
    else if (unitProvince(parent!) !== unitProvince(first))
      add('newUnit.parentId', 'Đơn vị cấp trên phải cùng tỉnh');
    else if (await inSubtree())
      add(
        'newUnit.parentId',
        'Đơn vị cấp trên không được là đơn vị cấp dưới của đơn vị bị sáp nhập',
      );
    const kind = nu.kind ?? first.kind;
    if (kind !== first.kind)
      add('newUnit.kind', 'Đơn vị mới phải cùng loại với các đơn vị sáp nhập');
    newRow = {
      id: nu.id,
      name: nu.name,
      kind,
      parentId,
      provinceId: unitProvince(first),
      validFrom: input.effectiveDate,
      cellType: kind === 'cell' ? (nu.cellType ?? first.cellType ?? 'other') : null,
      meetingDay: kind === 'cell' ? (nu.meetingDay ?? first.meetingDay ?? 3) : null,
      createdAt: deps.now(),
    };
  }
  if (Object.keys(fields).length) throw validationError(fields);

  const now = deps.now();
  const counts = await db.transaction(async (tx) => {
    if (newRow) await tx.insert(orgUnits).values(newRow);
    const successor = target ?? (await loadUnits(asDb(tx), [newRow!.id])).get(newRow!.id)!;
    const note = input.note ?? `Sáp nhập vào ${successor.name} từ ngày ${input.effectiveDate}`;
    const all: TransferCounts[] = [];
    for (const s of sources)
      all.push(
        await transferToSuccessor(asDb(tx), s, successor, {
          actorId: actor.id,
          now,
          validTo,
          eventType: 'merged',
          note,
        }),
      );
    const c = sum(all);
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'org_unit.merge',
      entity: 'org_unit',
      entityId: successor.id,
      data: {
        sources: sources.map((s) => ({ id: s.id, name: s.name })),
        successorId: successor.id,
        created: newRow ?? null,
        effectiveDate: input.effectiveDate,
        ...c,
      },
    });
    return c;
  });
  return result(db, input.sourceIds, target?.id ?? newRow!.id, counts);
}

async function result(
  db: Db,
  closedIds: readonly string[],
  successorId: string,
  counts: TransferCounts,
): Promise<OrgChangeResult> {
  const units = await loadUnits(db, [...closedIds, successorId]);
  return {
    successor: adminUnitView(units.get(successorId)!),
    closed: closedIds.map((id) => adminUnitView(units.get(id)!)),
    ...counts,
  };
}
