// `npm run serve`: the production API built by `npm run build` (api/dist/serve.js), in this same
// process (signals reach the server itself). Says so in one line when nothing is built yet.
import { existsSync } from 'node:fs';

const entry = new URL('../api/dist/serve.js', import.meta.url);
if (!existsSync(entry)) {
  console.error(
    '[duhop] The API is not built yet (api/dist/serve.js is missing): run `npm run build` first',
  );
  process.exit(1);
}
await import(entry.href);
