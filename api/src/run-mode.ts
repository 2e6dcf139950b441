/**
 * How this process was started: `npm run serve` (api/src/serve.ts, the production server) never
 * seeds the demo province and refuses a database that still holds its accounts; `npm start` and
 * the development entry (api/src/main.ts) seed it on an empty database unless SEED_DEMO=false.
 */
export const runMode = { production: false };
