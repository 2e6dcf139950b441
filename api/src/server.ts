import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { createApp } from './app.ts';
import { openDatabase, type Database } from './db/client.ts';
import { StorageGuard, type Fault } from './db/health.ts';
import { isEmpty, seedDemo, seedReferenceData } from './db/seed.ts';
import type { Env } from './env.ts';
import { Metrics } from './lib/metrics.ts';
import { errorLogLine, InFlight } from './lib/request-log.ts';
import { startEscalationScheduler } from './services/escalation.ts';

export interface RunningServer {
  url: string;
  database: Database;
  server: ServerType;
  /**
   * Stops accepting connections, lets in-flight requests finish (also those whose client hung up),
   * then closes the database; within SHUTDOWN_TIMEOUT_MS less a second for the database.
   */
  close(): Promise<void>;
  /** Resolves when the database becomes unusable for good (PGlite after a PANIC): exit and restart. */
  fatal: Promise<Fault>;
}

/** Opens and migrates the database, seeds an empty one, and listens. */
export async function startServer(env: Env, log: (line: string) => void = () => {}): Promise<RunningServer> {
  const metrics = new Metrics();
  const inFlight = new InFlight();
  const t0 = performance.now();
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL, max: env.DB_POOL_MAX } : { dataDir: env.DATA_DIR });
  if (await isEmpty(database.db)) {
    if (env.SEED_DEMO) {
      await seedDemo(database.db);
      log('Seeded the demo province (accounts: observer, commune, province, admin; password demo1234)');
    } else await seedReferenceData(database.db);
  }
  const fatal = new Promise<Fault>((resolve) => database.faults.onFatal(resolve));
  const app = createApp({
    database,
    config: { corsOrigins: env.CORS_ORIGINS, metricsToken: env.METRICS_TOKEN, healthTimeoutMs: env.HEALTH_TIMEOUT_MS },
    observe: { metrics, inFlight, log: env.LOG_REQUESTS ? (line) => process.stdout.write(`${line}\n`) : undefined },
    storageGuard:
      database.driver === 'pglite' && env.STORAGE_MIN_FREE_MB > 0 ? new StorageGuard(resolvePath(env.DATA_DIR), env.STORAGE_MIN_FREE_MB * 1024 * 1024) : undefined,
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
  const escalation = startEscalationScheduler(
    database,
    () => new Date(),
    env.ESCALATION_INTERVAL_MS,
    (err) => console.error(errorLogLine(err, 'escalation')),
    (n) => (metrics.escalations += n),
  );
  // PGlite is one standalone backend without autovacuum: keep its statistics and free space fresh.
  const vacuum =
    database.driver === 'pglite'
      ? setInterval(() => void database.exec('vacuum analyze').catch((err) => console.error(errorLogLine(err, 'vacuum'))), env.PGLITE_VACUUM_INTERVAL_MS)
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
    fatal,
    close: () =>
      (closing ??= (async () => {
        const deadline = Date.now() + Math.max(500, env.SHUTDOWN_TIMEOUT_MS - 1_000);
        escalation.stop();
        if (vacuum) clearInterval(vacuum);
        const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        // Busy keep-alive clients would send request after request and hold close() open to the
        // deadline: from now on each answer says `Connection: close`, and idle sockets are closed.
        server.on('request', (_req, res: { shouldKeepAlive: boolean }) => void (res.shouldKeepAlive = false));
        const sweep = setInterval(() => http.closeIdleConnections?.(), 100);
        const closed = new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
          http.closeIdleConnections?.();
        });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadline - Date.now())));
        if ((await Promise.race([closed, late])) === 'late') http.closeAllConnections?.();
        clearInterval(sweep);
        // A client that hung up closed its socket, but its handler may still be writing: the
        // database is closed only once no handler runs (or at the deadline).
        if (inFlight.count > 0) {
          const waiting = inFlight.count;
          log(`Waiting for ${waiting} request(s) still running`);
          const idle = await inFlight.idle(Math.max(0, deadline - Date.now()));
          log(idle ? `${waiting} request(s) finished` : `${inFlight.count} request(s) still running at the shutdown timeout`);
        }
        clearTimeout(timer);
        await database.close();
      })()),
  };
}
