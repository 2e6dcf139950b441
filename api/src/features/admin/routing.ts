import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  answerDays,
  localDate,
  routeIssue,
  toLocalIso,
  type RoutingRule,
  type RoutingTestInput,
  type RoutingTestResult,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { routingRules } from '../../db/schema.ts';
import { ApiError, validationError, type FieldErrors } from '../../lib/errors.ts';
import { writeAudit } from './audit.ts';
import { asDb, isClosed, loadUnits, unitProvince } from './scope.ts';
import { loadCalendar } from '../org/calendar.ts';
import { issueTimes } from '../issues/view.ts';
import { loadRoutingGraph, orgIndexOf } from '../org/graph.ts';
import { provinceSettings } from '../org/settings.ts';
import { loadRules } from '../reports/reports.ts';

/** A province's rules in the order they are tried (the same loader that routing uses). */
export const listRules = (db: Db, provinceId: string): Promise<RoutingRule[]> =>
  loadRules(db, provinceId);

/**
 * Field errors of a rule list for a province (`rules.N.field`): unique ids (also against other
 * provinces' rules) and positions, targets that exist in the province and are open bodies, areas
 * that exist in the province and are open.
 */
export async function checkRules(
  db: Db,
  provinceId: string,
  rules: readonly RoutingRule[],
): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  const add = (i: number, f: string, m: string) => (fields[`rules.${i}.${f}`] ??= []).push(m);
  const ids = rules.map((r) => r.id);
  const foreign = ids.length
    ? await db
        .select({ id: routingRules.id })
        .from(routingRules)
        .where(and(inArray(routingRules.id, ids), ne(routingRules.provinceId, provinceId)))
    : [];
  const foreignIds = new Set(foreign.map((r) => r.id));
  const units = await loadUnits(
    db,
    rules.flatMap((r) => [r.targetBodyId, r.areaId].filter((x): x is string => !!x)),
  );
  rules.forEach((r, i) => {
    if (ids.indexOf(r.id) !== i) add(i, 'id', `Mã quy tắc ${r.id} bị trùng`);
    if (foreignIds.has(r.id)) add(i, 'id', `Mã quy tắc ${r.id} đã dùng ở tỉnh khác`);
    if (rules.findIndex((o) => o.position === r.position) !== i)
      add(i, 'position', `Thứ tự ${r.position} bị trùng`);
    for (const [field, id] of [
      ['targetBodyId', r.targetBodyId],
      ['areaId', r.areaId],
    ] as const) {
      if (!id) continue;
      const u = units.get(id);
      if (!u || unitProvince(u) !== provinceId) add(i, field, `Không có đơn vị ${id} trong tỉnh`);
      else if (isClosed(u))
        add(
          i,
          field,
          `"${u.name}" đã giải thể từ sau ngày ${u.validTo}${u.successorId ? `; hãy chọn đơn vị kế thừa ${u.successorId}` : ''}`,
        );
      else if (field === 'targetBodyId' && u.kind === 'cell')
        add(i, field, 'Hãy dùng đích "chi bộ" (cell) thay vì một chi bộ cụ thể');
    }
  });
  return fields;
}

/** Replaces a province's ordered list in one transaction; issues already routed keep their body. */
export async function replaceRules(
  deps: Deps,
  actor: AuthUser,
  provinceId: string,
  rules: readonly RoutingRule[],
): Promise<RoutingRule[]> {
  const { db } = deps;
  const fields = await checkRules(db, provinceId, rules);
  if (Object.keys(fields).length) throw validationError(fields);
  const before = await listRules(db, provinceId);
  const now = deps.now();
  await db.transaction(async (tx) => {
    await tx.delete(routingRules).where(eq(routingRules.provinceId, provinceId));
    if (rules.length)
      await tx
        .insert(routingRules)
        .values(rules.map((r) => ({ ...r, provinceId, createdBy: actor.id, createdAt: now })));
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'routing_rules.replace',
      entity: 'routing_rules',
      entityId: provinceId,
      data: { before, after: rules },
    });
  });
  return listRules(db, provinceId);
}

/** Where an issue raised now in `cellId` would go, by which rule, with which deadlines (nothing stored). */
export async function testRoute(
  deps: Deps,
  input: RoutingTestInput & { urgency: 'normal' | 'urgent' },
): Promise<RoutingTestResult> {
  const { db } = deps;
  const now = deps.now();
  const today = localDate(now);
  const cell = (await loadUnits(db, [input.cellId])).get(input.cellId);
  if (cell?.kind !== 'cell') throw validationError({ cellId: ['Chi bộ không tồn tại'] });
  const provinceId = unitProvince(cell);
  if (input.rules) {
    const fields = await checkRules(db, provinceId, input.rules);
    if (Object.keys(fields).length) throw validationError(fields);
  }
  const rules = input.rules ?? (await loadRules(db, input.cellId));
  const units = await loadRoutingGraph(db, input.cellId, [
    provinceId,
    ...rules.flatMap((r) => [r.targetBodyId, r.areaId].filter((x): x is string => !!x)),
  ]);
  const routed = routeIssue(
    { category: input.category, urgency: input.urgency, cellId: input.cellId },
    rules,
    orgIndexOf(units),
    today,
  );
  const body = units.find((u) => u.id === routed.bodyId);
  if (!body) throw new ApiError(409, 'ROUTING_FAILED', 'Không xác định được nơi nhận');
  const settings = provinceSettings(units.find((u) => u.id === provinceId)?.config, today);
  const days = answerDays(routed.profile, settings.deadlines);
  const times = issueTimes(
    now,
    settings.deadlines.acknowledge,
    days,
    await loadCalendar(db, provinceId),
  );
  return {
    bodyId: body.id,
    bodyName: body.name,
    ruleId: routed.ruleId,
    rule: rules.find((r) => r.id === routed.ruleId) ?? null,
    profile: routed.profile,
    answerDays: days,
    routedAt: toLocalIso(now),
    ackDueAt: toLocalIso(times.ackDueAt),
    dueAt: toLocalIso(times.dueAt),
  };
}
