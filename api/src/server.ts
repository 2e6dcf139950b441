import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { openDatabase, type Database } from './db/client.ts';
import { isEmpty, seedDemo, seedReferenceData } from './db/seed.ts';
import type { Env } from './env.ts';
import { startEscalationScheduler } from './services/escalation.ts';

export interface RunningServer {
  url: string;
  database: Database;
  server: ServerType;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

/** Opens and migrates the database, seeds an empty one, and listens. */
export async function startServer(env: Env, log: (line: string) => void = () => {}): Promise<RunningServer> {
  const t0 = performance.now();
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL, max: env.DB_POOL_MAX } : { dataDir: env.DATA_DIR });
  if (await isEmpty(database.db)) {
    if (env.SEED_DEMO) {
      await seedDemo(database.db);
      log('Seeded the demo province (accounts: observer, commune, province, admin; password demo1234)');
    } else await seedReferenceData(database.db);
  }
  const app = createApp({
    database,
    config: {
      corsOrigins: env.CORS_ORIGINS,
      trustProxy: env.TRUST_PROXY,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      tokenTtlHours: env.SESSION_TTL_HOURS,
    },
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: env.PORT,
        hostname: env.HOST,
        serverOptions: {
          requestTimeout: env.REQUEST_TIMEOUT_MS,
          headersTimeout: env.HEADERS_TIMEOUT_MS,
          keepAliveTimeout: 5_000,
          // Node enforces the two timeouts above only when it sweeps connections, every 30 s by
          // default: a slow client held its socket up to 30 s past them (test/api/process-slow-clients).
          connectionsCheckingInterval: 1_000,
        },
      },
      () => resolve(s),
    );
  });
  const escalation = startEscalationScheduler(database, () => new Date(), env.ESCALATION_INTERVAL_MS);
  // PGlite is one standalone backend without autovacuum: keep its statistics and free space fresh.
  const vacuum =
    database.driver === 'pglite'
      ? setInterval(() => void database.exec('vacuum analyze').catch((err) => log(`vacuum failed: ${String(err)}`)), env.PGLITE_VACUUM_INTERVAL_MS)
      : undefined;
  vacuum?.unref();
  const { port } = server.address() as AddressInfo;
  const url = `http://${env.HOST}:${port}`;
  log(`API ready at ${url} on ${database.driver === 'pglite' ? `PGlite (${env.DATA_DIR})` : 'PostgreSQL'} in ${Math.round(performance.now() - t0)} ms`);
  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    server,
    close: () =>
      (closing ??= (async () => {
        escalation.stop();
        if (vacuum) clearInterval(vacuum);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await database.close();
      })()),
  };
}
