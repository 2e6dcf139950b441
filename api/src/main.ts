import { parseEnv } from './env.ts';
import { startServer } from './server.ts';

const log = (line: string) => console.log(`[duhop] ${line}`);

try {
  const env = parseEnv(process.env);
  const running = await startServer(env, log);
  const shutdown = (signal: string, exitCode = 0) => {
    log(`${signal}: finishing in-flight requests, then closing the database`);
    const force = setTimeout(() => {
      log(`Shutdown timeout (${env.SHUTDOWN_TIMEOUT_MS} ms) reached: exiting anyway`);
      process.exit(exitCode || 1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    running.close().then(
      () => process.exit(exitCode),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  // PGlite after a PANIC (e.g. its disk filled up) cannot be used again: exit non-zero so that the
  // supervisor restarts the server, which recovers the database from its WAL (docs/operations.md).
  void running.fatal.then((fault) => {
    log(
      `FATAL: the embedded database stopped (${fault.code}: ${fault.reason}); exiting with code 75 so the supervisor restarts the server`,
    );
    shutdown('Fatal database error', 75);
  });
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  console.error(`[duhop] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
