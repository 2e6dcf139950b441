import type { ModuleFactory } from '../deliveries/worker.ts';
import { produceWebhooks, webhookHandler } from './deliver.ts';

/**
 * Webhooks in the delivery worker: always on (an installation without endpoints produces nothing).
 * The producer turns the issue-event feed into deliveries; the handler signs and posts them.
 */
export const webhookModule: ModuleFactory = (ctx) => ({
  producers: [(db, events) => produceWebhooks(db, events)],
  handlers: {
    webhook: webhookHandler({
      db: ctx.database.db,
      now: ctx.now,
      timeoutMs: ctx.env.WEBHOOK_TIMEOUT_MS,
    }),
  },
});
