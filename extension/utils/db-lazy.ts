import type { DuhopDb } from './db.ts';

/**
 * The database, imported on first use: pages that only sign in and out (options) then load Dexie
 * only when they touch IndexedDB. Where db.ts is already loaded (side panel, workspace) this is
 * the same module, no extra request.
 */
export const loadDb = (): Promise<DuhopDb> => import('./db.ts').then((m) => m.db);
