import type { ModuleFactory } from '../deliveries/worker.ts';
import { produceReportWebhooks, produceWebhooks, webhookHandler } from './deliver.ts';

/**
 * Webhooks in the delivery worker: always on (an installation without endpoints produces nothing).
 * The producers turn the issue-event and report feeds into deliveries; the handler signs and posts them.
 */
export const webhookModule: ModuleFactory = (ctx) => ({
  producers: [(db, events) => produceWebhooks(db, events)],
  reportProducers: [(db, reports) => produceReportWebhooks(db, reports)],
  handlers: {
    webhook: webhookHandler({
      db: ctx.database.db,
      now: ctx.now,
      timeoutMs: ctx.env.WEBHOOK_TIMEOUT_MS,
    }),
  },
});
