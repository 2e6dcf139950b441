// The production entry (`npm run serve` → node api/dist/serve.js): the same server and
// environment variables as main.ts, in production mode (see run-mode.ts).
import { runMode } from './run-mode.ts';

runMode.production = true;
await import('./main.ts');
