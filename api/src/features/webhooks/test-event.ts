import { sql } from 'drizzle-orm';
import { toLocalIso, type WebhookPayload, type WebhookTestResult } from '@duhop/shared';
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../context.ts';
import { queryRows } from '../../db/rows.ts';
import type { WebhookDeliveryPayload } from './deliver.ts';
import type { EndpointRow } from './endpoints.ts';
import { recordResponse, summaryOf } from './deliver.ts';
import { postWebhook } from './send.ts';

/**
 * "Send test event": one signed `webhook.test` POST now, so the admin sees at once whether the
 * receiver answers and verifies. It is not retried; it shows in the delivery log like any other
 * (delivered or failed, to be retried by hand from the deliveries view). The request waits at most
 * the webhook timeout; the row is leased for longer so the worker never sends it a second time.
 */
export async function sendTestEvent(
  deps: Deps,
  ep: EndpointRow,
  provinceName: string,
  timeoutMs: number,
): Promise<WebhookTestResult> {
  const { db } = deps;
  const now = deps.now();
  const key = randomUUID();
  const body: WebhookPayload = {
    id: `webhook.test.${key}`,
    type: 'webhook.test',
    occurredAt: toLocalIso(now),
    province: { id: ep.provinceId, name: provinceName },
    data: {
      endpoint: { id: ep.id, name: ep.name },
      message: 'Sự kiện thử từ duhop: nếu chữ ký đúng, webhook đã sẵn sàng.',
    },
  };
  const payload: WebhookDeliveryPayload = {
    endpointId: ep.id,
    type: 'webhook.test',
    body,
    summary: summaryOf(body),
    targetName: ep.name,
  };
  const lease = new Date(now.getTime() + timeoutMs + 60_000);
  const [row] = await queryRows<{ id: string | number }>(
    db,
    sql`insert into deliveries (kind, dedupe_key, target_id, province_id, payload, status, attempts,
                                next_attempt_at, locked_until, created_at)
        values ('webhook', ${`webhook:${ep.id}:webhook.test:${key}`}, ${ep.id}::uuid, ${ep.provinceId},
                ${JSON.stringify(payload)}::jsonb, 'pending', 1, ${now.toISOString()}::timestamptz,
                ${lease.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
        returning id`,
  );
  const deliveryId = Number(row!.id);
  const result = await postWebhook({
    url: ep.url,
    secret: ep.secret,
    type: 'webhook.test',
    deliveryId: String(deliveryId),
    body: JSON.stringify(body),
    now,
    timeoutMs,
  });
  const at = deps.now();
  await recordResponse(db, deliveryId, result, at);
  await db.execute(
    sql`update deliveries set status = ${result.ok ? 'delivered' : 'failed'}, locked_until = null,
               last_error = ${result.error}, delivered_at = ${result.ok ? at.toISOString() : null}::timestamptz
         where id = ${deliveryId}`,
  );
  return { ...result, deliveryId: String(deliveryId) };
}
