// The production entry (`npm run serve` → node api/dist/serve.js): the same server and
// environment variables as main.ts, in production mode (see run-mode.ts).
import { probePort } from './port-check.ts';
import { runMode } from './run-mode.ts';

// A port in use is found before the API and its database driver are even loaded. A bad or empty
// PORT is left to main.ts, which names every invalid variable.
const port =
  process.env.PORT === undefined
    ? 8787
    : /^\d+$/.test(process.env.PORT)
      ? Number(process.env.PORT)
      : 0;
if (port > 0 && port <= 65535) {
  const problem = await probePort(port, process.env.HOST || '127.0.0.1');
  if (problem) {
    console.error(`[duhop] ${problem}`);
    process.exit(1);
  }
}
runMode.production = true;
await import('./main.ts');
