import { parseEnv } from './env.ts';
import { startServer } from './server.ts';

const log = (line: string) => console.log(`[duhop] ${line}`);

try {
  const env = parseEnv(process.env);
  const running = await startServer(env, log);
  const shutdown = (signal: string) => {
    log(`${signal}: finishing in-flight requests, then closing the database`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  console.error(`[duhop] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
