import { fileURLToPath } from 'node:url';

// This file sits at api/src/paths.ts and the built server at api/dist/*.js: one level below api/
// in both cases, so the same relative URLs find api/drizzle and api/data from the sources (tsx,
// vitest) and from the build (`npm run build`, `npm run serve`).
/** The committed migrations (api/drizzle). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../drizzle', import.meta.url));
/** The default PGlite directory (api/data). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));
