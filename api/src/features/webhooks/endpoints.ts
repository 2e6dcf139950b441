import { and, asc, eq, sql } from 'drizzle-orm';
import {
  toLocalIso,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookEndpointInput,
  type WebhookEndpointPatch,
} from '@duhop/shared';
import type { z } from 'zod';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { orgUnits, users, webhookEndpoints } from '../../db/schema.ts';
import { ApiError } from '../../lib/errors.ts';
import { writeAudit } from '../admin/audit.ts';
import { asDb, provinceOf } from '../admin/scope.ts';
import { generateSecret } from './signature.ts';

export const endpointNotFound = () =>
  new ApiError(404, 'WEBHOOK_NOT_FOUND', 'Không tìm thấy webhook, hoặc webhook thuộc tỉnh khác');

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/**
 * The province whose webhooks an admin manages: their own, and only it. Unlike rules and users
 * (which an admin may set up for a new province), a webhook carries a secret and sends the
 * province's issues elsewhere: another province's admin neither sees nor edits it.
 */
export async function ownProvince(db: Db, user: AuthUser): Promise<string> {
  const own = await provinceOf(db, user.orgUnitId);
  if (!own) throw new ApiError(409, 'NO_PROVINCE', 'Tài khoản quản trị chưa gắn với tỉnh nào');
  return own;
}

/** An endpoint of the admin's province, or 404 (unknown and foreign read the same). */
export async function loadEndpoint(db: Db, user: AuthUser, id: string): Promise<EndpointRow> {
  const province = await ownProvince(db, user);
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.provinceId, province)))
    .limit(1);
  if (!row) throw endpointNotFound();
  return row;
}

type Counts = WebhookEndpoint['counts'];

/** Deliveries per endpoint and status (the outbox's `deliveries`, kind `webhook`). */
async function countsOf(db: Db, ids: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (ids.length === 0) return out;
  const rows = await queryRows<{ target_id: string; status: string; n: number }>(
    db,
    sql`select target_id, status, count(*)::int as n from deliveries
         where kind = 'webhook' and target_id in (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})
         group by target_id, status`,
  );
  for (const r of rows) {
    const c = out.get(r.target_id) ?? { pending: 0, delivered: 0, failed: 0 };
    if (r.status === 'pending' || r.status === 'delivered' || r.status === 'failed')
      c[r.status] += Number(r.n);
    out.set(r.target_id, c);
  }
  return out;
}

async function views(db: Db, rows: EndpointRow[]): Promise<WebhookEndpoint[]> {
  if (rows.length === 0) return [];
  const counts = await countsOf(
    db,
    rows.map((r) => r.id),
  );
  const names = new Map<string, string>();
  const [province] = await db
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.id, rows[0]!.provinceId));
  const creators = [...new Set(rows.map((r) => r.createdBy).filter((x): x is string => !!x))];
  for (const id of creators) {
    const [u] = await db
      .select({ name: users.displayName })
      .from(users)
      .where(eq(users.id, id))
      .limit(1);
    if (u) names.set(id, u.name);
  }
  return rows.map((r) => ({
    id: r.id,
    provinceId: r.provinceId,
    provinceName: province?.name ?? r.provinceId,
    name: r.name,
    url: r.url,
    events: r.events,
    active: r.active,
    secretHint: `…${r.secret.slice(-4)}`,
    createdAt: toLocalIso(r.createdAt),
    updatedAt: toLocalIso(r.updatedAt),
    createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
    counts: counts.get(r.id) ?? { pending: 0, delivered: 0, failed: 0 },
  }));
}

export const endpointView = async (db: Db, row: EndpointRow) => (await views(db, [row]))[0]!;

export async function listEndpoints(db: Db, user: AuthUser) {
  const provinceId = await ownProvince(db, user);
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.provinceId, provinceId))
    .orderBy(asc(webhookEndpoints.name), asc(webhookEndpoints.id));
  return { provinceId, items: await views(db, rows) };
}

/** What the audit log keeps of an endpoint: never its secret. */
const audited = (r: EndpointRow) => ({
  name: r.name,
  url: r.url,
  events: r.events,
  active: r.active,
});

export async function createEndpoint(
  deps: Deps,
  user: AuthUser,
  input: z.output<typeof WebhookEndpointInput>,
): Promise<WebhookEndpointWithSecret> {
  const { db } = deps;
  const provinceId = await ownProvince(db, user);
  const secret = input.secret ?? generateSecret();
  const now = deps.now();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({
        provinceId,
        name: input.name,
        url: input.url,
        events: input.events,
        active: input.active,
        secret,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeAudit(asDb(tx), {
      actorId: user.id,
      at: now,
      action: 'webhook.create',
      entity: 'webhook_endpoints',
      entityId: created!.id,
      data: audited(created!),
    });
    return created!;
  });
  return { ...(await endpointView(db, row)), secret };
}

/** Stops what is still to be sent to an endpoint (deleted or switched off). */
async function cancelPending(db: Db, endpointId: string) {
  await db.execute(
    sql`update deliveries set status = 'cancelled', last_error = coalesce(last_error, 'Webhook đã tắt hoặc bị xóa')
         where kind = 'webhook' and target_id = ${endpointId}::uuid and status = 'pending'`,
  );
}

export async function updateEndpoint(
  deps: Deps,
  user: AuthUser,
  id: string,
  patch: z.output<typeof WebhookEndpointPatch>,
): Promise<WebhookEndpointWithSecret> {
  const { db } = deps;
  const before = await loadEndpoint(db, user, id);
  const secret = patch.rotateSecret ? generateSecret() : patch.secret;
  const now = deps.now();
  const row = await db.transaction(async (tx) => {
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: patch.events } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(secret ? { secret } : {}),
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    if (before.active && after!.active === false) await cancelPending(asDb(tx), id);
    await writeAudit(asDb(tx), {
      actorId: user.id,
      at: now,
      action: 'webhook.update',
      entity: 'webhook_endpoints',
      entityId: id,
      data: { before: audited(before), after: audited(after!), secretChanged: !!secret },
    });
    return after!;
  });
  return { ...(await endpointView(db, row)), secret: secret ?? null };
}

export async function deleteEndpoint(deps: Deps, user: AuthUser, id: string): Promise<void> {
  const { db } = deps;
  const before = await loadEndpoint(db, user, id);
  const now = deps.now();
  await db.transaction(async (tx) => {
    await cancelPending(asDb(tx), id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await writeAudit(asDb(tx), {
      actorId: user.id,
      at: now,
      action: 'webhook.delete',
      entity: 'webhook_endpoints',
      entityId: id,
      data: audited(before),
    });
  });
}
