import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import {
  startDeliveries,
  type DeliveryHandler,
  type DeliveryKind,
  type Producer,
  type ReportProducer,
  type Scheduler,
} from './outbox.ts';

/** What one kind of delivery (email, webhooks) brings to the worker. */
export interface DeliveryModule {
  handlers?: Partial<Record<DeliveryKind, DeliveryHandler>>;
  producers?: Producer[];
  reportProducers?: ReportProducer[];
  schedulers?: Scheduler[];
  /** Closes what the module holds (an SMTP pool). */
  close?: () => Promise<void> | void;
}

export interface WorkerContext {
  env: Env;
  /** The database the worker runs on (modules that read their own settings: the webhook endpoints). */
  database: Database;
  log: (line: string) => void;
  now: () => Date;
  /** The extension ids the server admits (for links to the workspace when PUBLIC_URL is unset). */
  extensionIds: readonly string[] | '*';
}

/** The modules the server runs; each returns null when it is not configured. */
export type ModuleFactory = (ctx: WorkerContext) => DeliveryModule | null;

/**
 * Starts the delivery outbox with every configured module (server.ts). Modules register in
 * `factories`; one that is not configured (no SMTP_URL) returns null and nothing of its kind is
 * produced or sent.
 */
export function startDeliveryWorker(
  database: Database,
  ctx: Omit<WorkerContext, 'database'>,
  factories: ModuleFactory[],
) {
  const modules = factories
    .map((f) => f({ ...ctx, database }))
    .filter((m): m is DeliveryModule => m !== null);
  const worker = startDeliveries(database, {
    handlers: Object.assign({}, ...modules.map((m) => m.handlers ?? {})),
    producers: modules.flatMap((m) => m.producers ?? []),
    reportProducers: modules.flatMap((m) => m.reportProducers ?? []),
    schedulers: modules.flatMap((m) => m.schedulers ?? []),
    now: ctx.now,
    intervalMs: ctx.env.DELIVERY_INTERVAL_MS,
    maxAttempts: ctx.env.DELIVERY_MAX_ATTEMPTS,
    log: ctx.log,
  });
  return {
    tick: worker.tick,
    stop: async () => {
      await worker.stop();
      for (const m of modules) await m.close?.();
    },
  };
}
