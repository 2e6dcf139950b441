import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { toLocalIso, type AuditEntry } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { auditLog, users } from '../../db/schema.ts';
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
  const rows = await db
    .select({ a: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) => String(last.a.id));
  return {
    items: page.map(({ a, actorName }) => ({
      id: String(a.id),
      at: toLocalIso(a.at),
      actorId: a.actorId,
      actorName: actorName ?? null,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      data: a.data ?? null,
    })),
    nextCursor,
  };
}
