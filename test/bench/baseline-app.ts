import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { ReportInput } from '@duhop/shared';

export interface Baseline {
  url: string;
  close(): Promise<void>;
}

type Insert = (id: string, body: string) => Promise<void>;

/** A one-table database of the same kind as the API's: PGlite in its own directory, or a PostgreSQL database. */
async function openStore(
  target: { dataDir: string } | { url: string; max: number },
): Promise<{ insert: Insert; close(): Promise<void> }> {
  const ddl =
    'create table if not exists reports_json (id uuid primary key, body jsonb not null, received_at timestamptz not null default now())';
  const insertSql = 'insert into reports_json (id, body) values ($1, $2::jsonb)';
  if ('dataDir' in target) {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(target.dataDir);
    await client.exec(ddl);
    return {
      insert: async (id, body) => void (await client.query(insertSql, [id, body])),
      close: () => client.close(),
    };
  }
  const { default: postgres } = await import('postgres');
  const client = postgres(target.url, { max: target.max, onnotice: () => {} });
  await client.unsafe(ddl);
  return {
    insert: async (id, body) =>
      void (await client.unsafe(insertSql, [id, body], { prepare: true })),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The two yardsticks for report submission, served by @hono/node-server like the API:
 * `GET /constant` answers a constant; `POST /reports` parses the body, validates it with the same
 * zod `ReportInput` and inserts it as one JSON row.
 */
export async function startBaseline(
  target: { dataDir: string } | { url: string; max: number },
): Promise<Baseline> {
  const store = await openStore(target);
  const app = new Hono()
    .get('/constant', (c) => c.json({ status: 'ok' }))
    .post('/reports', async (c) => {
      const parsed = ReportInput.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) return c.json({ error: { code: 'VALIDATION_FAILED' } }, 422);
      await store.insert(parsed.data.id, JSON.stringify(parsed.data));
      return c.json({ id: parsed.data.id }, 201);
    });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      await store.close();
    },
  };
}
