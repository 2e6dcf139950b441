import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  toLocalIso,
  Uuid,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointList,
  WebhookEndpointPatch,
  WebhookEndpointWithSecret,
  WebhookTestResult,
  type WebhookDelivery,
} from '@duhop/shared';
import { z } from 'zod';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { keysetPage } from '../../lib/page.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { adminDoc } from '../admin/doc.ts';
import { deliveryLog } from './deliver.ts';
import {
  createEndpoint,
  deleteEndpoint,
  endpointView,
  listEndpoints,
  loadEndpoint,
  updateEndpoint,
} from './endpoints.ts';
import { sendTestEvent } from './test-event.ts';

const IdParam = z.object({ id: Uuid });
const at = (v: Date | string | null) => (v == null ? null : toLocalIso(new Date(v)));
const tags = ['admin', 'webhooks'];

/**
 * `/api/admin/webhooks`: the endpoints of the admin's own province (docs/webhooks.md). Another
 * province's endpoints read as 404.
 */
export const adminWebhookRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc('The webhook endpoints of the admin’s province, by name', WebhookEndpointList, {
        tags,
      }),
    ),
    async (c) => c.json(await listEndpoints(c.var.deps.db, c.var.user), 200),
  )
  .post(
    '/',
    describeRoute(
      adminDoc(
        'Register an endpoint; the secret (given, or generated when absent) is in this answer only',
        WebhookEndpointWithSecret,
        { body: WebhookEndpointInput, status: 201, tags },
      ),
    ),
    ...jsonBody(WebhookEndpointInput),
    async (c) => c.json(await createEndpoint(c.var.deps, c.var.user, c.req.valid('json')), 201),
  )
  .get(
    '/:id',
    describeRoute(adminDoc('One endpoint (without its secret)', WebhookEndpoint, { tags })),
    validate('param', IdParam),
    async (c) =>
      c.json(
        await endpointView(
          c.var.deps.db,
          await loadEndpoint(c.var.deps.db, c.var.user, c.req.valid('param').id),
        ),
        200,
      ),
  )
  .patch(
    '/:id',
    describeRoute(
      adminDoc(
        'Change an endpoint; `rotateSecret: true` or `secret` replaces the secret (`secret` in the answer is the new one, shown once, else null). Switching it off cancels its pending deliveries',
        WebhookEndpointWithSecret,
        { body: WebhookEndpointPatch, tags },
      ),
    ),
    validate('param', IdParam),
    ...jsonBody(WebhookEndpointPatch),
    async (c) =>
      c.json(
        await updateEndpoint(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .delete(
    '/:id',
    describeRoute(
      adminDoc(
        'Delete an endpoint; its pending deliveries are cancelled, its log kept',
        z.object({ ok: z.literal(true) }),
        {
          tags,
        },
      ),
    ),
    validate('param', IdParam),
    async (c) => {
      await deleteEndpoint(c.var.deps, c.var.user, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .post(
    '/:id/test',
    describeRoute(
      adminDoc(
        'Send a signed `webhook.test` event now and answer with the receiver’s reply (waits at most WEBHOOK_TIMEOUT_MS; not retried; logged)',
        WebhookTestResult,
        { tags },
      ),
    ),
    validate('param', IdParam),
    async (c) => {
      const { db } = c.var.deps;
      const ep = await loadEndpoint(db, c.var.user, c.req.valid('param').id);
      const view = await endpointView(db, ep);
      return c.json(
        await sendTestEvent(c.var.deps, ep, view.provinceName, c.var.deps.config.webhookTimeoutMs),
        200,
      );
    },
  )
  .get(
    '/:id/deliveries',
    describeRoute(
      adminDoc(
        'The endpoint’s delivery log, newest first: status, attempts, last HTTP status and error, the start of the answer',
        WebhookDeliveryPage,
        { tags },
      ),
    ),
    validate('param', IdParam),
    validate('query', WebhookDeliveryQuery),
    async (c) => {
      const { db } = c.var.deps;
      const ep = await loadEndpoint(db, c.var.user, c.req.valid('param').id);
      const q = c.req.valid('query');
      const rows = await deliveryLog(db, ep.id, q);
      const { page, nextCursor } = keysetPage(rows, q.limit, (r) => String(r.id));
      const items: WebhookDelivery[] = page.map((r) => ({
        id: String(r.id),
        eventId: r.event_id ?? '',
        type: r.type as WebhookDelivery['type'],
        issueTitle: r.issue_title,
        status: r.status as WebhookDelivery['status'],
        httpStatus: r.http_status,
        attempts: r.attempts,
        lastError: r.last_error,
        responseBody: r.response_body,
        createdAt: at(r.created_at)!,
        nextAttemptAt: r.status === 'pending' ? at(r.next_attempt_at) : null,
        deliveredAt: at(r.delivered_at),
      }));
      return c.json({ items, nextCursor }, 200);
    },
  );
