import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { deliveries } from '../../db/schema.ts';

/**
 * The delivery outbox (docs/operations.md "Thư và webhook"): mails and webhook calls are rows of
 * `deliveries`, written in the same transaction as what caused them (or by the feed below) and sent
 * by a worker outside any HTTP request, with retries and exponential backoff.
 *
 * - The feed reads `issue_events` past a cursor (`delivery_cursors`, locked `for update`: two API
 *   instances never produce the same events twice; the unique `dedupe_key` is a second guard) and
 *   hands them to the producers, which return what to enqueue. A second cursor (`reports`) reads
 *   submitted reports by `reports.seq` the same way, for the report producers.
 * - The sender claims due rows with `for update skip locked` and a lease (`locked_until`), only the
 *   oldest unfinished row per `order_key`, runs the kind's handler, then marks the row delivered or
 *   schedules a retry (`last_error`); after `maxAttempts` it is `failed`.
 */

export type DeliveryKind = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface EnqueueItem {
  kind: DeliveryKind;
  /** Unique over all deliveries: a second enqueue with the same key is a no-op. */
  dedupeKey: string;
  /** Deliveries with the same key are sent strictly in id order. */
  orderKey?: string | null;
  /** The user (email) or endpoint (webhook). */
  targetId?: string | null;
  /** The province whose admins see the row. */
  provinceId?: string | null;
  payload: Record<string, unknown>;
  /** Not sent before this time (default: now). */
  notBefore?: Date;
}

/** Inserts the items, skipping those whose dedupe key exists; returns how many were new. */
export async function enqueue(db: Db, items: EnqueueItem[], now = new Date()): Promise<number> {
  if (!items.length) return 0;
  let n = 0;
  // Chunks keep the statement under PostgreSQL's parameter limit.
  for (let i = 0; i < items.length; i += 500) {
    const rows = await db
      .insert(deliveries)
      .values(
        items.slice(i, i + 500).map((it) => ({
          kind: it.kind,
          dedupeKey: it.dedupeKey,
          orderKey: it.orderKey ?? null,
          targetId: it.targetId ?? null,
          provinceId: it.provinceId ?? null,
          payload: it.payload,
          nextAttemptAt: it.notBefore ?? now,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: deliveries.dedupeKey })
      .returning({ id: deliveries.id });
    n += rows.length;
  }
  return n;
}

export interface ClaimedDelivery {
  id: number;
  kind: DeliveryKind;
  payload: Record<string, unknown>;
  /** This attempt's number (1 for the first). */
  attempts: number;
  targetId: string | null;
}

/** Throw = retry later (with backoff); throw `CancelDelivery` to drop it for good (no retry). */
export type DeliveryHandler = (d: ClaimedDelivery) => Promise<void>;

/** Thrown by a handler when the delivery no longer makes sense (opted out, address removed). */
export class CancelDelivery extends Error {}

/** One `issue_events` row with what producers need about its issue. Extensible: add fields here. */
export interface FeedEvent {
  /** `issue_events.id`. */
  eventId: number;
  type: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  fromBodyId: string | null;
  toBodyId: string | null;
  fromBodyName: string | null;
  toBodyName: string | null;
  data: Record<string, unknown> | null;
  issueId: string;
  issueTitle: string;
  issueStatus: string;
  category: string;
  urgency: string;
  dueAt: Date;
  responsibleBodyId: string;
  authorId: string;
  reportId: string;
  cellId: string;
  cellName: string;
  provinceId: string;
}

/** Turns a batch of events into deliveries; runs inside the feed's transaction (`db` is it). */
export type Producer = (db: Db, events: FeedEvent[], now: Date) => Promise<EnqueueItem[]>;
/** Runs every tick (the daily digest): returns what is due now; the dedupe key makes it idempotent. */
export type Scheduler = (db: Db, now: Date) => Promise<EnqueueItem[]>;

export interface DeliveryOptions {
  handlers: Partial<Record<DeliveryKind, DeliveryHandler>>;
  producers?: Producer[];
  /** Fed every submitted report once (`report.submitted`). */
  reportProducers?: ReportProducer[];
  schedulers?: Scheduler[];
  now?: () => Date;
  /** How often the worker looks for work (ms). */
  intervalMs?: number;
  log?: (line: string) => void;
  /** After this many attempts a delivery is `failed`. */
  maxAttempts?: number;
  /** The wait before attempt `attempt + 1` (ms), jitter included. */
  backoff?: (attempt: number) => number;
  /** Rows claimed per round and events read per feed batch. */
  batch?: number;
  /** How long a claimed row stays locked to this worker (longer than any handler's timeout). */
  leaseMs?: number;
  /** Handlers running at once. */
  concurrency?: number;
  /** Name of the feed's cursor row. */
  feed?: string;
}

/** 30 s, 1 min, 2 min … capped at 1 h, each between 50 % and 100 % of that (jitter). */
export const defaultBackoff = (attempt: number) =>
  Math.round(Math.min(3_600_000, 30_000 * 2 ** (attempt - 1)) * (0.5 + Math.random() * 0.5));

const iso = (d: Date) => d.toISOString();

/** One submitted report, read by the report feed (past its own cursor, by `reports.seq`). */
export interface FeedReport {
  /** `reports.seq`. */
  seq: number;
  reportId: string;
  cellId: string;
  provinceId: string;
  submittedAt: Date;
}

/** Turns a batch of submitted reports into deliveries; runs inside the feed's transaction. */
export type ReportProducer = (db: Db, reports: FeedReport[], now: Date) => Promise<EnqueueItem[]>;

/**
 * The largest committed id of `table`.`column` such that every smaller one is committed too.
 * Ids are taken at insert but committed in any order: a smaller one may still be uncommitted while
 * a larger one is visible. A SHARE lock waits for every writer under way, so every id up to the
 * max read under it is final; a feed reads no further than that (its horizon).
 */
async function horizonOf(
  database: Database,
  table: 'issue_events' | 'reports',
  column: 'id' | 'seq',
) {
  return database.db.transaction(async (tx) => {
    if (database.driver === 'postgres') {
      await tx.execute(sql`set local lock_timeout = '5s'`);
      await tx.execute(sql`lock table ${sql.identifier(table)} in share mode`);
    }
    const [row] = await queryRows<{ max: string | number | null }>(
      tx as unknown as Db,
      sql`select max(${sql.identifier(column)}) as max from ${sql.identifier(table)}`,
    );
    return Number(row?.max ?? 0);
  });
}

/**
 * Drains one cursor up to `horizon`: each batch is read, produced and enqueued, and the cursor
 * moved, in one transaction holding the cursor row `for update` (two instances never produce the
 * same batch).
 */
async function drain<T>(
  database: Database,
  feed: string,
  horizon: number,
  batch: number,
  now: Date,
  read: (tx: Db, from: number, to: number) => Promise<{ items: T[]; last: number }>,
  produce: (tx: Db, items: T[]) => Promise<EnqueueItem[]>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { done, enqueued } = await database.db.transaction(async (txHandle) => {
      const tx = txHandle as unknown as Db;
      await tx.execute(
        sql`insert into delivery_cursors (name, last_event_id) values (${feed}, 0) on conflict do nothing`,
      );
      const [cursor] = await queryRows<{ last: string | number }>(
        tx,
        sql`select last_event_id as last from delivery_cursors where name = ${feed} for update`,
      );
      const from = Number(cursor?.last ?? 0);
      if (from >= horizon) return { done: true, enqueued: 0 };
      const { items: rows, last } = await read(tx, from, horizon);
      const enqueued = await enqueue(tx, rows.length ? await produce(tx, rows) : [], now);
      await tx.execute(
        sql`update delivery_cursors set last_event_id = ${rows.length ? last : horizon} where name = ${feed}`,
      );
      return { done: rows.length < batch, enqueued };
    });
    total += enqueued;
    if (done) return total;
  }
}

/**
 * Reads what was recorded since the cursors and enqueues what the producers make of it; repeats
 * while full batches come. Two feeds: submitted reports (`reportProducers`, cursor `reports`, by
 * `reports.seq`) and issue-history entries (`producers`, cursor `issue_events` or `opts.feed`).
 * The issue horizon is taken before the report horizon and reports are fed first, so a report's
 * deliveries are always enqueued before those of its issues' first entries (written in the same
 * transaction). Returns how many deliveries were enqueued.
 */
export async function runFeed(
  database: Database,
  producers: Producer[],
  now: Date,
  opts: { batch?: number; feed?: string; reportProducers?: ReportProducer[] } = {},
): Promise<number> {
  const reportProducers = opts.reportProducers ?? [];
  if (!producers.length && !reportProducers.length) return 0;
  const batch = opts.batch ?? 200;
  const feed = opts.feed ?? 'issue_events';
  const eventHorizon = producers.length ? await horizonOf(database, 'issue_events', 'id') : 0;
  let total = 0;
  if (reportProducers.length) {
    const reportHorizon = await horizonOf(database, 'reports', 'seq');
    total += await drain<FeedReport>(
      database,
      feed === 'issue_events' ? 'reports' : `${feed}:reports`,
      reportHorizon,
      batch,
      now,
      async (tx, from, to) => {
        const rows = await queryRows<Record<string, unknown>>(
          tx,
          sql`select r.seq, r.id as "reportId", r.cell_id as "cellId",
                     coalesce(c.province_id, c.id) as "provinceId", r.submitted_at as "submittedAt"
                from reports r join org_units c on c.id = r.cell_id
               where r.seq > ${from} and r.seq <= ${to}
               order by r.seq limit ${batch}`,
        );
        const items = rows.map(
          (r) =>
            ({
              ...r,
              seq: Number(r.seq),
              submittedAt: new Date(r.submittedAt as string),
            }) as FeedReport,
        );
        return { items, last: items.length ? items[items.length - 1]!.seq : to };
      },
      async (tx, items) => {
        const out: EnqueueItem[] = [];
        for (const p of reportProducers) out.push(...(await p(tx, items, now)));
        return out;
      },
    );
  }
  if (producers.length)
    total += await drain<FeedEvent>(
      database,
      feed,
      eventHorizon,
      batch,
      now,
      async (tx, from, to) => {
        const rows = await queryRows<Record<string, unknown>>(
          tx,
          sql`select e.id as "eventId", e.type, e.at, e.actor_id as "actorId", a.display_name as "actorName",
                     e.note, e.from_status as "fromStatus", e.to_status as "toStatus",
                     e.from_body_id as "fromBodyId", e.to_body_id as "toBodyId",
                     fb.name as "fromBodyName", tb.name as "toBodyName", e.data,
                     i.id as "issueId", i.title as "issueTitle", i.status as "issueStatus", i.category,
                     i.urgency, i.due_at as "dueAt", i.responsible_body_id as "responsibleBodyId",
                     i.author_id as "authorId", i.report_id as "reportId", i.cell_id as "cellId",
                     c.name as "cellName", coalesce(c.province_id, c.id) as "provinceId"
                from issue_events e
                join issues i on i.id = e.issue_id
                join org_units c on c.id = i.cell_id
                left join users a on a.id = e.actor_id
                left join org_units fb on fb.id = e.from_body_id
                left join org_units tb on tb.id = e.to_body_id
               where e.id > ${from} and e.id <= ${to}
               order by e.id limit ${batch}`,
        );
        const items = rows.map(
          (r) =>
            ({
              ...r,
              eventId: Number(r.eventId),
              at: new Date(r.at as string),
              dueAt: new Date(r.dueAt as string),
            }) as FeedEvent,
        );
        return { items, last: items.length ? items[items.length - 1]!.eventId : to };
      },
      async (tx, items) => {
        const out: EnqueueItem[] = [];
        for (const p of producers) out.push(...(await p(tx, items, now)));
        return out;
      },
    );
  return total;
}

/** Claims up to `batch` due deliveries of the given kinds (the oldest pending one per order key). */
export async function claimDue(
  db: Db,
  kinds: DeliveryKind[],
  now: Date,
  opts: { batch: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  if (!kinds.length) return [];
  const lease = new Date(now.getTime() + opts.leaseMs);
  const rows = await queryRows<ClaimedDelivery & { id: string | number }>(
    db,
    sql`with due as (
          select d.id from deliveries d
           where d.status = 'pending' and d.next_attempt_at <= ${iso(now)}
             and (d.locked_until is null or d.locked_until <= ${iso(now)})
             and d.kind in (${sql.join(
               kinds.map((k) => sql`${k}`),
               sql`, `,
             )})
             and (d.order_key is null or not exists (
                   select 1 from deliveries o
                    where o.order_key = d.order_key and o.status = 'pending' and o.id < d.id))
           order by d.next_attempt_at, d.id
           limit ${opts.batch}
           for update skip locked
        )
        update deliveries d set locked_until = ${iso(lease)}, attempts = d.attempts + 1
          from due where d.id = due.id
        returning d.id, d.kind, d.payload, d.attempts, d.target_id as "targetId"`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

const errorText = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).slice(0, 1000) || 'lỗi không rõ';

/** Claims and sends one round; returns how many were delivered, retried, failed or cancelled. */
export async function sendDue(
  database: Database,
  handlers: Partial<Record<DeliveryKind, DeliveryHandler>>,
  now: () => Date,
  opts: {
    batch: number;
    leaseMs: number;
    maxAttempts: number;
    backoff: (n: number) => number;
    concurrency: number;
  },
) {
  const counts = { delivered: 0, retried: 0, failed: 0, cancelled: 0 };
  const kinds = Object.keys(handlers) as DeliveryKind[];
  const claimed = await claimDue(database.db, kinds, now(), opts);
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const d = claimed[next++]!;
      try {
        await handlers[d.kind]!(d);
        await database.db.execute(
          sql`update deliveries set status = 'delivered', delivered_at = ${iso(now())},
                     locked_until = null, last_error = null
               where id = ${d.id} and status = 'pending'`,
        );
        counts.delivered++;
      } catch (err) {
        const message = errorText(err);
        if (err instanceof CancelDelivery) {
          counts.cancelled++;
          await database.db.execute(
            sql`update deliveries set status = 'cancelled', locked_until = null, last_error = ${message}
                 where id = ${d.id} and status = 'pending'`,
          );
        } else if (d.attempts >= opts.maxAttempts) {
          counts.failed++;
          await database.db.execute(
            sql`update deliveries set status = 'failed', locked_until = null, last_error = ${message}
                 where id = ${d.id} and status = 'pending'`,
          );
        } else {
          counts.retried++;
          const at = new Date(now().getTime() + opts.backoff(d.attempts));
          await database.db.execute(
            sql`update deliveries set next_attempt_at = ${iso(at)}, locked_until = null, last_error = ${message}
                 where id = ${d.id} and status = 'pending'`,
          );
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, claimed.length) }, worker));
  return { claimed: claimed.length, ...counts };
}

export interface TickResult {
  enqueued: number;
  delivered: number;
  retried: number;
  failed: number;
  cancelled: number;
}

/**
 * Starts the outbox worker: every `intervalMs` the schedulers and the feed enqueue, then due rows
 * are sent until none is left. `tick()` runs one pass now (tests); `stop()` waits for it to end.
 */
export function startDeliveries(database: Database, opts: DeliveryOptions) {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.error(line));
  const send = {
    batch: opts.batch ?? 50,
    leaseMs: opts.leaseMs ?? 120_000,
    maxAttempts: opts.maxAttempts ?? 8,
    backoff: opts.backoff ?? defaultBackoff,
    concurrency: opts.concurrency ?? 4,
  };
  let running: Promise<TickResult> | undefined;
  let stopped = false;
  const pass = async (): Promise<TickResult> => {
    const result: TickResult = { enqueued: 0, delivered: 0, retried: 0, failed: 0, cancelled: 0 };
    try {
      for (const s of opts.schedulers ?? [])
        result.enqueued += await enqueue(database.db, await s(database.db, now()), now());
      result.enqueued += await runFeed(database, opts.producers ?? [], now(), {
        batch: opts.batch ?? 200,
        feed: opts.feed,
        reportProducers: opts.reportProducers,
      });
    } catch (err) {
      log(`deliveries: feed: ${errorText(err)}`);
    }
    try {
      for (;;) {
        if (stopped) break;
        const r = await sendDue(database, opts.handlers, now, send);
        result.delivered += r.delivered;
        result.retried += r.retried;
        result.failed += r.failed;
        result.cancelled += r.cancelled;
        if (r.claimed < send.batch) break;
      }
    } catch (err) {
      log(`deliveries: send: ${errorText(err)}`);
    }
    return result;
  };
  /** One pass; a call during a pass waits for it and then runs another (nothing is missed). */
  const tick = async (): Promise<TickResult> => {
    while (running) await running.catch(() => {});
    running = pass();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  const timer = setInterval(() => {
    if (!running && !stopped) void tick();
  }, opts.intervalMs ?? 15_000);
  timer.unref();
  return {
    tick,
    /** Stops the timer and waits for the pass under way, at most `waitMs` (its leases then expire). */
    stop: async (waitMs = 5_000) => {
      stopped = true;
      clearInterval(timer);
      let t: NodeJS.Timeout | undefined;
      await Promise.race([
        running?.catch(() => {}),
        new Promise((r) => (t = setTimeout(r, waitMs))),
      ]);
      clearTimeout(t);
    },
  };
}
