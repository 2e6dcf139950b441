import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../api/src/db/client.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import {
  CancelDelivery,
  enqueue,
  runFeed,
  startDeliveries,
  type ClaimedDelivery,
  type FeedEvent,
  type Producer,
} from '../../api/src/features/deliveries/outbox.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');
const isPg = process.env.TEST_DB_DRIVER === 'pg';

async function rows(database: Database = h.database) {
  return queryRows<{
    id: number;
    dedupe_key: string;
    status: string;
    attempts: number;
    last_error: string | null;
  }>(
    database.db,
    sql`select id::int as id, dedupe_key, status, attempts, last_error from deliveries order by id`,
  );
}

/** Submits a report with `n` issues (each one `routed` event). */
async function raise(n = 1) {
  const token = await h.login('observer');
  const res = await read(
    h.as(token).api.reports.$post({
      json: buildReport({
        issues: Array.from({ length: n }, (_, i) => ({
          id: randomUUID(),
          title: `Kiến nghị ${i + 1}`,
          detail: 'Chi tiết',
          category: 'dat_dai' as never,
        })),
      }),
    }),
  );
  expect(res.status).toBe(201);
  return res.body.issues.map((i) => i.id);
}

const perEvent: Producer = async (_db, events: FeedEvent[]) =>
  events.map((e) => ({
    kind: 'email' as const,
    dedupeKey: `test:${e.eventId}`,
    provinceId: e.provinceId,
    payload: { type: e.type, title: e.issueTitle, cell: e.cellName },
  }));

describe('delivery outbox', () => {
  it('enqueue is idempotent on the dedupe key', async () => {
    const item = { kind: 'email' as const, dedupeKey: 'k1', payload: { a: 1 } };
    expect(await enqueue(h.database.db, [item, { ...item, dedupeKey: 'k2' }], h.clock.now())).toBe(
      2,
    );
    expect(await enqueue(h.database.db, [item], h.clock.now())).toBe(0);
    expect((await rows()).map((r) => r.dedupe_key)).toEqual(['k1', 'k2']);
  });

  it('the feed hands each event to the producers once, with the issue and cell by name', async () => {
    await raise(2);
    expect(await runFeed(h.database, [perEvent], h.clock.now())).toBe(2);
    expect(await runFeed(h.database, [perEvent], h.clock.now())).toBe(0);
    const [r] = await queryRows<{ payload: Record<string, unknown>; province_id: string }>(
      h.database.db,
      sql`select payload, province_id from deliveries order by id limit 1`,
    );
    expect(r!.payload).toMatchObject({ type: 'routed', title: 'Kiến nghị 1' });
    expect(String(r!.payload.cell)).toMatch(/^Chi bộ/);
    expect(r!.province_id).toBe('na-tu');
    await raise(1);
    expect(await runFeed(h.database, [perEvent], h.clock.now())).toBe(1);
  });

  it('a failing producer rolls its batch back and the feed resumes there', async () => {
    await raise(1);
    const broken: Producer = async () => {
      throw new Error('bug');
    };
    await expect(runFeed(h.database, [perEvent, broken], h.clock.now())).rejects.toThrow('bug');
    expect(await rows()).toEqual([]);
    expect(await runFeed(h.database, [perEvent], h.clock.now())).toBe(1);
  });

  it('retries with backoff, records the error, gives up after maxAttempts; cancel is final', async () => {
    await enqueue(
      h.database.db,
      [
        { kind: 'email', dedupeKey: 'flaky', payload: {} },
        { kind: 'email', dedupeKey: 'doomed', payload: {} },
        { kind: 'email', dedupeKey: 'moot', payload: {} },
      ],
      h.clock.now(),
    );
    const seen: string[] = [];
    let flaky = 0;
    const worker = startDeliveries(h.database, {
      now: h.clock.now,
      intervalMs: 3_600_000,
      maxAttempts: 3,
      backoff: (n) => n * 60_000,
      handlers: {
        email: async (d: ClaimedDelivery) => {
          const key = (await rows()).find((r) => r.id === d.id)!.dedupe_key;
          seen.push(`${key}#${d.attempts}`);
          if (key === 'moot') throw new CancelDelivery('không còn địa chỉ thư');
          if (key === 'doomed') throw new Error('ECONNREFUSED');
          if (key === 'flaky' && ++flaky < 2) throw new Error('421 thử lại sau');
        },
      },
    });
    try {
      await worker.tick();
      expect((await rows()).map((r) => [r.dedupe_key, r.status, r.attempts])).toEqual([
        ['flaky', 'pending', 1],
        ['doomed', 'pending', 1],
        ['moot', 'cancelled', 1],
      ]);
      // Not due yet: the backoff after attempt 1 is 60 s.
      h.clock.advance(30_000);
      await worker.tick();
      expect(seen).toHaveLength(3);
      h.clock.advance(31_000);
      await worker.tick();
      h.clock.advance(120_000);
      await worker.tick();
      const end = await rows();
      expect(end.map((r) => [r.dedupe_key, r.status, r.attempts])).toEqual([
        ['flaky', 'delivered', 2],
        ['doomed', 'failed', 3],
        ['moot', 'cancelled', 1],
      ]);
      expect(end[1]!.last_error).toBe('ECONNREFUSED');
      expect(end[0]!.last_error).toBeNull();
    } finally {
      await worker.stop();
    }
  });

  it('deliveries sharing an order key go strictly in id order, one at a time', async () => {
    await enqueue(
      h.database.db,
      [1, 2, 3].map((n) => ({
        kind: 'webhook' as const,
        dedupeKey: `o${n}`,
        orderKey: 'ep:issue',
        payload: { n },
      })),
      h.clock.now(),
    );
    const order: number[] = [];
    let fail = true;
    const worker = startDeliveries(h.database, {
      now: h.clock.now,
      intervalMs: 3_600_000,
      backoff: () => 1_000,
      handlers: {
        webhook: async (d) => {
          order.push(d.payload.n as number);
          if (d.payload.n === 1 && fail) {
            fail = false;
            throw new Error('500');
          }
        },
      },
    });
    try {
      await worker.tick();
      // The first failed: the next two wait behind it.
      expect(order).toEqual([1]);
      h.clock.advance(1_000);
      await worker.tick();
      await worker.tick();
      await worker.tick();
      expect(order).toEqual([1, 1, 2, 3]);
    } finally {
      await worker.stop();
    }
  });

  it.skipIf(!isPg)(
    'two instances on one PostgreSQL: every event produced once and every row sent once (PostgreSQL only: a PGlite directory admits one process)',
    async () => {
      await raise(3);
      const second = await openDatabase({ url: h.database.url!, max: 4 });
      const sent: number[] = [];
      const handlers = {
        email: async (d: ClaimedDelivery) => {
          sent.push(d.id);
          await new Promise((r) => setTimeout(r, 5));
        },
      };
      const opts = { now: h.clock.now, intervalMs: 3_600_000, handlers, producers: [perEvent] };
      const a = startDeliveries(h.database, opts);
      const b = startDeliveries(second, opts);
      try {
        await Promise.all([a.tick(), b.tick(), raise(2), a.tick(), b.tick()]);
        await Promise.all([a.tick(), b.tick()]);
        const all = await rows();
        expect(all).toHaveLength(5);
        expect(all.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
        expect([...sent].sort((x, y) => x - y)).toEqual(all.map((r) => r.id));
      } finally {
        await a.stop();
        await b.stop();
        await second.close();
      }
    },
  );
});
