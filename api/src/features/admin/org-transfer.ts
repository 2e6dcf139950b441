import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { addDays } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { ApiError } from '../../lib/errors.ts';
import {
  assignments,
  issueEvents,
  issues,
  orgUnits,
  routingRules,
  users,
} from '../../db/schema.ts';
import type { OrgUnitRecord } from '../org/graph.ts';

export interface TransferCounts {
  issuesMoved: number;
  assignmentsMoved: number;
  usersMoved: number;
  childrenMoved: number;
  rulesUpdated: number;
}

export interface TransferContext {
  actorId: string;
  now: Date;
  /** The closed unit's last day. */
  validTo: string;
  /** `forwarded` for a closure, `merged` for a merger: the issue event that records the move. */
  eventType: 'forwarded' | 'merged';
  note: string;
}

/**
 * Closes `source` on `validTo` and hands what is still live to `successor`, inside the caller's
 * transaction: open issues (with an event naming the old body; status and deadlines kept, version
 * bumped), active staff, open child units, the routing rules that named it, and, for a cell, the
 * assignments in force after that day (ended on the old cell, continued on the new one).
 * The old row stays with `validTo` and `successorId`: history keeps its name.
 */
export async function transferToSuccessor(
  tx: Db,
  source: OrgUnitRecord,
  successor: OrgUnitRecord,
  ctx: TransferContext,
): Promise<TransferCounts> {
  const closed = await tx
    .update(orgUnits)
    .set({ validTo: ctx.validTo, successorId: successor.id })
    .where(and(eq(orgUnits.id, source.id), isNull(orgUnits.validTo)))
    .returning({ id: orgUnits.id });
  if (closed.length === 0)
    throw new ApiError(
      409,
      'ORG_UNIT_CLOSED',
      `Đơn vị ${source.name} vừa được đóng bởi người khác`,
    );

  const children = await tx
    .update(orgUnits)
    .set({ parentId: successor.id })
    .where(and(eq(orgUnits.parentId, source.id), isNull(orgUnits.validTo)))
    .returning({ id: orgUnits.id });
  const staff = await tx
    .update(users)
    .set({ orgUnitId: successor.id })
    .where(and(eq(users.orgUnitId, source.id), eq(users.active, true)))
    .returning({ id: users.id });

  const moved = await tx
    .update(issues)
    .set({
      responsibleBodyId: successor.id,
      version: sql`${issues.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(and(eq(issues.responsibleBodyId, source.id), isNull(issues.closedAt)))
    .returning({ id: issues.id });
  for (let i = 0; i < moved.length; i += 500) {
    await tx.insert(issueEvents).values(
      moved.slice(i, i + 500).map((m) => ({
        issueId: m.id,
        type: ctx.eventType,
        actorId: ctx.actorId,
        at: ctx.now,
        note: ctx.note,
        fromBodyId: source.id,
        toBodyId: successor.id,
        data: {
          reason: ctx.eventType === 'merged' ? 'org_unit_merged' : 'org_unit_closed',
          fromBodyName: source.name,
          toBodyName: successor.name,
          validTo: ctx.validTo,
        },
      })),
    );
  }

  const targets = await tx
    .update(routingRules)
    .set({ targetBodyId: successor.id })
    .where(eq(routingRules.targetBodyId, source.id))
    .returning({ id: routingRules.id });
  const areas = await tx
    .update(routingRules)
    .set({ areaId: successor.id })
    .where(eq(routingRules.areaId, source.id))
    .returning({ id: routingRules.id });

  const assignmentsMoved =
    source.kind === 'cell' ? await moveAssignments(tx, source, successor, ctx.validTo) : 0;
  return {
    issuesMoved: moved.length,
    assignmentsMoved,
    usersMoved: staff.length,
    childrenMoved: children.length,
    rulesUpdated: new Set([...targets, ...areas].map((r) => r.id)).size,
  };
}

/** Assignments of a closed cell in force after `validTo`: end them that day and, if the successor is a cell, continue them there. */
async function moveAssignments(
  tx: Db,
  cell: OrgUnitRecord,
  successor: OrgUnitRecord,
  validTo: string,
): Promise<number> {
  const live = await tx
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.cellId, cell.id),
        or(isNull(assignments.validTo), gt(assignments.validTo, validTo)),
      ),
    );
  const nextDay = addDays(validTo, 1);
  let count = 0;
  for (const a of live) {
    if (a.validFrom > validTo) {
      // Not begun yet: it moves as it is, or (no cell to move to) ends before it starts.
      if (successor.kind === 'cell')
        await tx.update(assignments).set({ cellId: successor.id }).where(eq(assignments.id, a.id));
      else
        await tx
          .update(assignments)
          .set({ validTo: addDays(a.validFrom, -1) })
          .where(eq(assignments.id, a.id));
      count += successor.kind === 'cell' ? 1 : 0;
      continue;
    }
    await tx.update(assignments).set({ validTo }).where(eq(assignments.id, a.id));
    if (successor.kind !== 'cell') continue;
    // biome-ignore lint/complexity/useMathMinMax: ISO date strings compared as text; Math.max would turn them into NaN
    const validFrom = a.validFrom > nextDay ? a.validFrom : nextDay;
    const [already] = await tx
      .select({ id: assignments.id })
      .from(assignments)
      .where(
        and(
          eq(assignments.userId, a.userId),
          eq(assignments.cellId, successor.id),
          or(isNull(assignments.validTo), sql`${assignments.validTo} >= ${validFrom}`),
          a.validTo ? sql`${assignments.validFrom} <= ${a.validTo}` : undefined,
        ),
      )
      .limit(1);
    if (already) continue;
    await tx.insert(assignments).values({
      userId: a.userId,
      cellId: successor.id,
      decisionNo: a.decisionNo,
      validFrom,
      validTo: a.validTo,
      frequency: a.frequency,
      every: a.every,
      rotaPosition: a.rotaPosition,
    });
    count++;
  }
  return count;
}
