import { createAdaptorServer, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { openDatabase, type Database } from './db/client.ts';
import { StorageGuard, type Fault } from './db/health.ts';
import { demoAccounts, isEmpty, seedDemo, seedReferenceData } from './db/seed.ts';
import type { Env } from './env.ts';
import { resolveExtensionIds } from './lib/extension-ids.ts';
import { Metrics } from './lib/metrics.ts';
import { errorLogLine, InFlight } from './lib/request-log.ts';
import { listenErrorLine } from './port-check.ts';
import { runMode } from './run-mode.ts';
import { startBackupSchedule } from './features/backup/schedule.ts';
import { startEscalationScheduler } from './features/issues/escalation.ts';
import { startDeliveryWorker } from './features/deliveries/worker.ts';
import { deliveryModules } from './features/deliveries/modules.ts';

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

export interface StartOptions {
  /** Production (`npm run serve`): never seed the demo province, refuse its accounts (run-mode.ts). */
  production?: boolean;
}

/** The key of the database-wide lock held while migrating and while seeding (client.ts). */
const SETUP_LOCK = 727_001;

/**
 * Takes the port, then opens and migrates the database, seeds an empty one, and serves. The port is
 * taken first so that a port already in use is one clear line at once, not an EADDRINUSE trace
 * after the database has been opened; until the app is ready every request gets a 503.
 */
export async function startServer(
  env: Env,
  log: (line: string) => void = () => {},
  opts: StartOptions = {},
): Promise<RunningServer> {
  const metrics = new Metrics();
  const inFlight = new InFlight();
  const t0 = performance.now();
  const production = opts.production ?? runMode.production;
  let handler: (req: Request, bindings: unknown) => Response | Promise<Response> = () =>
    Response.json(
      {
        error: {
          code: 'STARTING',
          message: 'Máy chủ đang khởi động, vui lòng thử lại sau giây lát (the server is starting)',
        },
      },
      { status: 503, headers: { 'retry-after': '2' } },
    );
  const server = createAdaptorServer({
    fetch: (req, bindings) => handler(req, bindings),
    hostname: env.HOST,
    serverOptions: {
      requestTimeout: env.REQUEST_TIMEOUT_MS,
      headersTimeout: env.HEADERS_TIMEOUT_MS,
      keepAliveTimeout: 5_000,
      // Node enforces the two timeouts above only when it sweeps connections, every 30 s by
      // default: a slow client held its socket up to 30 s past them (test/api/process-slow-clients).
      connectionsCheckingInterval: 1_000,
    },
  });
  await listen(server, env.PORT, env.HOST);
  let database: Database | undefined;
  try {
    database = await openDatabase(
      env.DATABASE_URL
        ? { url: env.DATABASE_URL, max: env.DB_POOL_MAX }
        : { dataDir: env.DATA_DIR },
    );
    await prepareData(database, env, production, log);
  } catch (err) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Clients polling /health during start-up hold keep-alive sockets: do not wait for them.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await database?.close().catch(() => {});
    throw err;
  }
  // A relative EXTENSION_DIR is relative to where the command was typed (npm runs us elsewhere).
  const extensionDir = env.EXTENSION_DIR
    ? resolve(process.env.INIT_CWD || process.cwd(), env.EXTENSION_DIR)
    : null;
  const extensionIds = resolveExtensionIds({
    EXTENSION_IDS: env.EXTENSION_IDS,
    EXTENSION_DIR: extensionDir ?? undefined,
  });
  log(extensionIds.line);
  const fatal = new Promise<Fault>((resolve) => database.faults.onFatal(resolve));
  const app = createApp({
    database,
    config: {
      corsOrigins: env.CORS_ORIGINS,
      trustProxy: env.TRUST_PROXY,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      tokenTtlHours: env.SESSION_TTL_HOURS,
      extensionIds: extensionIds.ids,
      extensionDir,
      metricsToken: env.METRICS_TOKEN,
      healthTimeoutMs: env.HEALTH_TIMEOUT_MS,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
      emailEnabled: !!env.SMTP_URL,
    },
    observe: {
      metrics,
      inFlight,
      log: env.LOG_REQUESTS ? (line) => process.stdout.write(`${line}\n`) : undefined,
    },
    storageGuard:
      database.driver === 'pglite' && env.STORAGE_MIN_FREE_MB > 0
        ? new StorageGuard(resolve(env.DATA_DIR), env.STORAGE_MIN_FREE_MB * 1024 * 1024)
        : undefined,
  });
  handler = (req, bindings) => app.fetch(req, bindings as never);
  const escalation = startEscalationScheduler(
    database,
    () => new Date(),
    env.ESCALATION_INTERVAL_MS,
    (err) => console.error(errorLogLine(err, 'escalation')),
    (n) => (metrics.escalations += n),
  );
  // Mails and webhooks: sent from the outbox, never inside a request (features/deliveries).
  const deliveriesWorker = startDeliveryWorker(
    database,
    { env, log, now: () => new Date(), extensionIds: extensionIds.ids },
    deliveryModules,
  );
  // PGlite is one standalone backend without autovacuum: keep its statistics and free space fresh.
  const vacuum =
    database.driver === 'pglite'
      ? setInterval(
          () =>
            void database
              .exec('vacuum analyze')
              .catch((err) => console.error(errorLogLine(err, 'vacuum'))),
          env.PGLITE_VACUUM_INTERVAL_MS,
        )
      : undefined;
  vacuum?.unref();
  const backups = startBackupSchedule(database, {
    dir: env.BACKUP_DIR,
    time: env.BACKUP_TIME,
    keep: env.BACKUP_KEEP,
    log,
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${env.HOST}:${port}`;
  log(
    `API ready at ${url} on ${database.driver === 'pglite' ? `PGlite (${env.DATA_DIR})` : 'PostgreSQL'} in ${Math.round(performance.now() - t0)} ms`,
  );
  let closing: Promise<void> | undefined;
  const db = database;
  return {
    url,
    database: db,
    server,
    fatal,
    close: () =>
      (closing ??= (async () => {
        const deadline = Date.now() + Math.max(500, env.SHUTDOWN_TIMEOUT_MS - 1_000);
        escalation.stop();
        await deliveriesWorker.stop();
        if (vacuum) clearInterval(vacuum);
        await backups.stop();
        const http = server as unknown as {
          closeIdleConnections?: () => void;
          closeAllConnections?: () => void;
        };
        // Busy keep-alive clients would send request after request and hold close() open to the
        // deadline: from now on each answer says `Connection: close`, and idle sockets are closed.
        server.on(
          'request',
          (_req, res: { shouldKeepAlive: boolean }) => void (res.shouldKeepAlive = false),
        );
        const sweep = setInterval(() => http.closeIdleConnections?.(), 100);
        const closed = new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
          http.closeIdleConnections?.();
        });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>(
          (resolve) => (timer = setTimeout(() => resolve('late'), deadline - Date.now())),
        );
        if ((await Promise.race([closed, late])) === 'late') http.closeAllConnections?.();
        clearInterval(sweep);
        // A client that hung up closed its socket, but its handler may still be writing: the
        // database is closed only once no handler runs (or at the deadline).
        if (inFlight.count > 0) {
          const waiting = inFlight.count;
          log(`Waiting for ${waiting} request(s) still running`);
          const idle = await inFlight.idle(Math.max(0, deadline - Date.now()));
          log(
            idle
              ? `${waiting} request(s) finished`
              : `${inFlight.count} request(s) still running at the shutdown timeout`,
          );
        }
        clearTimeout(timer);
        await db.close();
      })()),
  };
}

/** Listens, or fails with one line naming the port (in use, or a privileged port). */
function listen(server: ServerType, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const line = listenErrorLine(err, port, host);
      reject(line ? new Error(line) : err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Seeds an empty database (under the migrations' lock, so that two instances starting together on
 * one empty PostgreSQL seed it once) and, in production, refuses one that still holds the demo
 * accounts unless ALLOW_DEMO=true.
 */
async function prepareData(
  database: Database,
  env: Env,
  production: boolean,
  log: (line: string) => void,
): Promise<void> {
  await database.withLock(SETUP_LOCK, async () => {
    if (!(await isEmpty(database.db))) return;
    if (!production && env.SEED_DEMO) {
      await seedDemo(database.db);
      log(
        'Seeded the demo province (accounts: observer, commune, province, admin; password demo1234)',
      );
    } else {
      await seedReferenceData(database.db);
      if (production)
        log(
          'No organisation loaded yet (reference data: holidays, criteria sets): create the first administrator with npm run admin -- create-admin',
        );
    }
  });
  if (production && !env.ALLOW_DEMO) {
    const demo = await demoAccounts(database.db);
    if (demo.length)
      throw new Error(
        `The database still holds the demo accounts (${demo.join(', ')}; password demo1234 is public): remove them with \`npm run admin -- remove-demo\`, or set ALLOW_DEMO=true for a trial`,
      );
  }
}
