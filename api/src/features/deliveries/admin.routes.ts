import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { sql } from 'drizzle-orm';
import {
  DeliveryEntry,
  DeliveryIdParam,
  DeliveryList,
  DeliveryQuery,
  toLocalIso,
  type DeliveryEntry as Entry,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { validate } from '../../lib/validate.ts';
import { writeAudit } from '../admin/audit.ts';
import { adminDoc } from '../admin/doc.ts';
import { adminProvince, asDb } from '../admin/scope.ts';

const notFound = () => new ApiError(404, 'DELIVERY_NOT_FOUND', 'Không tìm thấy lần gửi này');

interface Row {
  id: string | number;
  kind: Entry['kind'];
  status: Entry['status'];
  summary: string | null;
  target_name: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string | Date;
  next_attempt_at: string | Date | null;
  delivered_at: string | Date | null;
  province_id: string | null;
}

const when = (v: string | Date | null) => (v == null ? null : toLocalIso(new Date(v)));

const entry = (r: Row): Entry => ({
  id: String(r.id),
  kind: r.kind,
  status: r.status,
  summary: r.summary ?? r.kind,
  targetName: r.target_name,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: when(r.created_at)!,
  nextAttemptAt: r.status === 'pending' ? when(r.next_attempt_at) : null,
  deliveredAt: when(r.delivered_at),
});

/**
 * The row as an admin reads it: the mail's subject or the webhook's summary (`payload.summary`),
 * the recipient's name and address, or the endpoint's name (`payload.targetName`); never an id.
 */
const SELECT = sql`select d.id, d.kind, d.status, d.payload->>'summary' as summary,
       coalesce(u.display_name || coalesce(' <' || (d.payload->>'to') || '>', ''), d.payload->>'targetName') as target_name,
       d.attempts, d.last_error, d.created_at, d.next_attempt_at, d.delivered_at, d.province_id
  from deliveries d left join users u on d.kind = 'email' and u.id = d.target_id`;

async function loadOne(db: Db, id: number): Promise<Row | undefined> {
  const [row] = await queryRows<Row>(db, sql`${SELECT} where d.id = ${id}`);
  return row;
}

/** `/api/admin/deliveries`: mails and webhook calls of the admin's province, newest first; retry. */
export const adminDeliveryRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc(
        'Mails and webhook calls of a province, newest first (`?kind=&status=&cursor=&limit=&provinceId=`), with attempts and the last error',
        DeliveryList,
      ),
    ),
    validate('query', DeliveryQuery),
    async (c) => {
      const { db } = c.var.deps;
      const q = c.req.valid('query');
      const province = await adminProvince(db, c.var.user, q.provinceId);
      const rows = await queryRows<Row>(
        db,
        sql`${SELECT} where d.province_id = ${province}
              ${q.kind ? sql`and d.kind = ${q.kind}` : sql``}
              ${q.status ? sql`and d.status = ${q.status}` : sql``}
              ${q.cursor ? sql`and d.id < ${Number(q.cursor)}` : sql``}
            order by d.id desc limit ${q.limit + 1}`,
      );
      const page = rows.slice(0, q.limit).map(entry);
      return c.json(
        {
          items: page,
          nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
        },
        200,
      );
    },
  )
  .post(
    '/:id/retry',
    describeRoute(
      adminDoc(
        'Send a failed, cancelled or waiting delivery again now (attempts start over); 409 when it was delivered. Admins manage every province, as elsewhere',
        DeliveryEntry,
      ),
    ),
    validate('param', DeliveryIdParam),
    async (c) => {
      const { db, now } = c.var.deps;
      const id = Number(c.req.valid('param').id);
      const at = now();
      const result = await db.transaction(async (txh) => {
        const tx = asDb(txh);
        const [row] = await queryRows<{ status: string }>(
          tx,
          sql`select status from deliveries where id = ${id} for update`,
        );
        if (!row) throw notFound();
        if (row.status === 'delivered')
          throw new ApiError(409, 'DELIVERY_DONE', 'Thư hoặc lệnh gọi này đã được gửi thành công');
        await tx.execute(
          sql`update deliveries set status = 'pending', attempts = 0, locked_until = null,
                     next_attempt_at = ${at.toISOString()}::timestamptz
               where id = ${id}`,
        );
        await writeAudit(tx, {
          actorId: c.var.user.id,
          at,
          action: 'delivery.retry',
          entity: 'delivery',
          entityId: String(id),
          data: { from: row.status },
        });
        return loadOne(tx, id);
      });
      return c.json(entry(result!), 200);
    },
  );
