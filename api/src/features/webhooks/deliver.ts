import { and, eq, inArray, sql } from 'drizzle-orm';
import type { WebhookEventType, WebhookPayload } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { webhookEndpoints, webhookResponses } from '../../db/schema.ts';
import {
  CancelDelivery,
  type EnqueueItem,
  type FeedEvent,
  type FeedReport,
} from '../deliveries/outbox.ts';
import { type PostResult, postWebhook } from './send.ts';
import { type WebhookEvent, reportSubmittedEvents, webhookEventsFor } from './payloads.ts';

/** What a webhook row of `deliveries` carries: the endpoint and the exact payload to send. */
export interface WebhookDeliveryPayload {
  endpointId: string;
  type: WebhookPayload['type'];
  body: WebhookPayload;
  /** For the admin's deliveries view (GET /api/admin/deliveries): the event, and the endpoint by name. */
  summary: string;
  targetName: string;
}

/** `issue.routed · Đường liên xóm xuống cấp`: what the deliveries view shows of a webhook call. */
export const summaryOf = (p: WebhookPayload) =>
  p.type === 'report.submitted'
    ? `${p.type} · ${p.data.report.cell.name}`
    : p.type === 'webhook.test'
      ? p.type
      : `${p.type} · ${p.data.issue.title}`;

/**
 * The outbox producer of the issue feed: each entry of the issue history becomes one delivery per
 * active endpoint of its province subscribed to that event. The dedupe key
 * `webhook:<endpoint>:<event key>` makes a second producing instance a no-op, and the order key
 * `<endpoint>:<issue>` keeps each issue's events in order at each endpoint.
 */
export async function produceWebhooks(
  db: Db,
  events: readonly Pick<FeedEvent, 'eventId'>[],
): Promise<EnqueueItem[]> {
  return addressed(
    db,
    await webhookEventsFor(
      db,
      events.map((e) => e.eventId),
    ),
  );
}

/**
 * The outbox producer of the report feed: `report.submitted` of every submitted report, ordered
 * with its first issue (the report feed runs first, so it goes before that issue's `issue.routed`).
 */
export async function produceReportWebhooks(
  db: Db,
  reports: readonly Pick<FeedReport, 'reportId'>[],
): Promise<EnqueueItem[]> {
  return addressed(
    db,
    await reportSubmittedEvents(
      db,
      reports.map((r) => r.reportId),
    ),
  );
}

/** One delivery per event and active endpoint of its province subscribed to its type. */
async function addressed(db: Db, found: WebhookEvent[]): Promise<EnqueueItem[]> {
  if (found.length === 0) return [];
  const provinces = [...new Set(found.map((e) => e.provinceId))];
  const endpoints = await db
    .select({
      id: webhookEndpoints.id,
      name: webhookEndpoints.name,
      provinceId: webhookEndpoints.provinceId,
      events: webhookEndpoints.events,
    })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.provinceId, provinces), eq(webhookEndpoints.active, true)));
  if (endpoints.length === 0) return [];
  const items: EnqueueItem[] = [];
  for (const ev of found) {
    for (const ep of endpoints) {
      if (ep.provinceId !== ev.provinceId || !ep.events.includes(ev.type as WebhookEventType))
        continue;
      const payload: WebhookDeliveryPayload = {
        endpointId: ep.id,
        type: ev.type,
        body: ev.payload,
        summary: summaryOf(ev.payload),
        targetName: ep.name,
      };
      items.push({
        kind: 'webhook',
        dedupeKey: `webhook:${ep.id}:${ev.key}`,
        orderKey: `${ep.id}:${ev.issueId}`,
        targetId: ep.id,
        provinceId: ev.provinceId,
        payload: payload as unknown as Record<string, unknown>,
      });
    }
  }
  return items;
}

/** Keeps the receiver's last answer to a delivery for the log. */
export async function recordResponse(db: Db, deliveryId: number, r: PostResult, at: Date) {
  await db
    .insert(webhookResponses)
    .values({ deliveryId, httpStatus: r.httpStatus, responseBody: r.responseBody, at })
    .onConflictDoUpdate({
      target: webhookResponses.deliveryId,
      set: { httpStatus: r.httpStatus, responseBody: r.responseBody, at },
    });
}

/** A failure the outbox records as `last_error` and retries later. */
export class WebhookDeliveryError extends Error {}

/**
 * The outbox handler of kind `webhook`: signs and posts the stored body. Returns on 2xx; throws
 * otherwise (the outbox retries with backoff, then gives up). Runs in the worker, never in a request.
 */
export function webhookHandler(deps: { db: Db; now: () => Date; timeoutMs: number }) {
  return async (d: { id: number | string; payload: unknown }) => {
    const p = d.payload as WebhookDeliveryPayload;
    const [ep] = await deps.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, p.endpointId))
      .limit(1);
    // Switching an endpoint off or deleting it cancels its pending rows; one claimed meanwhile ends here.
    if (!ep?.active)
      throw new CancelDelivery('Webhook đã tắt hoặc bị xóa (endpoint off or deleted)');
    const result = await postWebhook({
      url: ep.url,
      secret: ep.secret,
      type: p.type,
      deliveryId: String(d.id),
      body: JSON.stringify(p.body),
      now: deps.now(),
      timeoutMs: deps.timeoutMs,
    });
    await recordResponse(deps.db, Number(d.id), result, deps.now());
    if (!result.ok) throw new WebhookDeliveryError(result.error ?? 'failed');
  };
}

/** Rows of an endpoint's log, newest first. */
export async function deliveryLog(
  db: Db,
  endpointId: string,
  q: { status?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const rows = await queryRows<{
    id: string | number;
    type: string;
    event_id: string | null;
    issue_title: string | null;
    status: string;
    attempts: number;
    last_error: string | null;
    created_at: Date | string;
    next_attempt_at: Date | string | null;
    delivered_at: Date | string | null;
    http_status: number | null;
    response_body: string | null;
  }>(
    db,
    sql`select d.id, d.payload->>'type' as type, d.payload->'body'->>'id' as event_id,
               d.payload->'body'->'data'->'issue'->>'title' as issue_title,
               d.status, d.attempts, d.last_error, d.created_at, d.next_attempt_at, d.delivered_at,
               r.http_status, r.response_body
          from deliveries d left join webhook_responses r on r.delivery_id = d.id
         where d.kind = 'webhook' and d.target_id = ${endpointId}::uuid
           ${q.status ? sql`and d.status = ${q.status}` : sql``}
           ${q.cursor ? sql`and d.id < ${Number(q.cursor)}` : sql``}
         order by d.id desc
         limit ${q.limit + 1}`,
  );
  return rows;
}
