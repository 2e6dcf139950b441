import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { toLocalIso, type AuditEntry } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import {
  assignments,
  auditLog,
  criteriaSets,
  orgUnits,
  residenceMembers,
  users,
} from '../../db/schema.ts';
import { keysetPage } from '../../lib/page.ts';

export interface AuditInput {
  actorId: string | null;
  at: Date;
  /** `entity.verb`, e.g. `user.create`, `org_unit.merge`, `routing_rules.replace`. */
  action: string;
  entity: string;
  entityId?: string | null;
  /** What changed (before/after, counts). Never a password or its hash. */
  data?: unknown;
}

/** Records one administrative change; call it inside the change's transaction. */
export async function writeAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    at: entry.at,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    data: entry.data ?? null,
  });
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

/** The log newest first, by id (keyset: `cursor` is the last id seen). */
export async function listAudit(
  db: Db,
  q: {
    cursor?: string | undefined;
    limit: number;
    entity?: string | undefined;
    entityId?: string | undefined;
  },
): Promise<AuditPage> {
  const filters: SQL[] = [];
  if (q.cursor) filters.push(lt(auditLog.id, Number(q.cursor)));
  if (q.entity) filters.push(eq(auditLog.entity, q.entity));
  if (q.entityId) filters.push(eq(auditLog.entityId, q.entityId));
  // What a person reads for the changed object: its name, never its id or code (a user's display
  // name, a unit's name, the province of a rule set, a criteria set's name, "member · cell" for
  // an assignment). Null when the object is gone: the id stays in the entry's data.
  const targetUser = alias(users, 'audit_target_user');
  const targetUnit = alias(orgUnits, 'audit_target_unit');
  const assignee = alias(users, 'audit_assignee');
  const assignedCell = alias(orgUnits, 'audit_assigned_cell');
  const residenceCell = alias(orgUnits, 'audit_residence_cell');
  const rows = await db
    .select({
      a: auditLog,
      actorName: users.displayName,
      userName: targetUser.displayName,
      unitName: targetUnit.name,
      setName: criteriaSets.name,
      assigneeName: assignee.displayName,
      cellName: assignedCell.name,
      residentName: residenceMembers.fullName,
      residenceCellName: residenceCell.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(
      targetUser,
      and(eq(auditLog.entity, 'user'), sql`${targetUser.id}::text = ${auditLog.entityId}`),
    )
    .leftJoin(
      targetUnit,
      and(
        inArray(auditLog.entity, ['org_unit', 'routing_rules']),
        eq(targetUnit.id, auditLog.entityId),
      ),
    )
    .leftJoin(
      criteriaSets,
      and(eq(auditLog.entity, 'criteria_set'), eq(criteriaSets.id, auditLog.entityId)),
    )
    .leftJoin(
      assignments,
      and(eq(auditLog.entity, 'assignment'), sql`${assignments.id}::text = ${auditLog.entityId}`),
    )
    .leftJoin(assignee, eq(assignee.id, assignments.userId))
    .leftJoin(assignedCell, eq(assignedCell.id, assignments.cellId))
    .leftJoin(
      residenceMembers,
      and(
        eq(auditLog.entity, 'residence_member'),
        sql`${residenceMembers.id}::text = ${auditLog.entityId}`,
      ),
    )
    .leftJoin(residenceCell, eq(residenceCell.id, residenceMembers.cellId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) => String(last.a.id));
  return {
    items: page.map(
      ({
        a,
        actorName,
        userName,
        unitName,
        setName,
        assigneeName,
        cellName,
        residentName,
        residenceCellName,
      }) => ({
        id: String(a.id),
        at: toLocalIso(a.at),
        actorId: a.actorId,
        actorName: actorName ?? null,
        action: a.action,
        entity: a.entity,
        entityId: a.entityId,
        entityName:
          userName ??
          unitName ??
          setName ??
          (assigneeName && cellName ? `${assigneeName} · ${cellName}` : null) ??
          (residentName && residenceCellName ? `${residentName} · ${residenceCellName}` : null),
        data: a.data ?? null,
      }),
    ),
    nextCursor,
  };
}
