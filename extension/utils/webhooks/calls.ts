import type {
  WebhookDeliveryStatus,
  WebhookEndpointInput,
  WebhookEndpointPatch,
} from '@duhop/shared';
import { request } from '../api.ts';

/** The webhook calls (`/api/admin/webhooks`), typed by the API's client. */

export const listWebhooks = () => request((c) => c.api.admin.webhooks.$get());
export const createWebhook = (json: WebhookEndpointInput) =>
  request((c) => c.api.admin.webhooks.$post({ json }));
export const patchWebhook = (id: string, json: WebhookEndpointPatch) =>
  request((c) => c.api.admin.webhooks[':id'].$patch({ param: { id }, json }));
export const deleteWebhook = (id: string) =>
  request((c) => c.api.admin.webhooks[':id'].$delete({ param: { id } }));
/** Waits for the receiver (at most the server's webhook timeout): longer than the usual request. */
export const testWebhook = (id: string) =>
  request((c) => c.api.admin.webhooks[':id'].test.$post({ param: { id } }));
export const webhookDeliveries = (
  id: string,
  status?: WebhookDeliveryStatus | '',
  cursor?: string,
) =>
  request((c) =>
    c.api.admin.webhooks[':id'].deliveries.$get({
      param: { id },
      query: {
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
        limit: '20',
      },
    }),
  );
/** Sends a failed or cancelled delivery again (the outbox's admin route, attempts start over). */
export const retryDelivery = (id: string) =>
  request((c) => c.api.admin.deliveries[':id'].retry.$post({ param: { id } }));
