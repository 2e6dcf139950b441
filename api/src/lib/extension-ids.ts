import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID_FILE } from '../features/ops/extension.routes.ts';

/**
 * Which extension ids CORS admits: EXTENSION_IDS when set (`*` = any, what `npm start` sets for
 * the demo), else the id `npm run package` wrote into EXTENSION_DIR, else none (only the
 * CORS_ORIGINS list). Returns the ids and the one start-up line that says so.
 */
export function resolveExtensionIds(env: {
  EXTENSION_IDS?: readonly string[] | '*' | undefined;
  EXTENSION_DIR?: string | undefined;
}): {
  ids: readonly string[] | '*';
  line: string;
} {
  if (env.EXTENSION_IDS === '*')
    return {
      ids: '*',
      line: 'CORS: any browser-extension id is allowed (EXTENSION_IDS=*; for the demo only)',
    };
  if (env.EXTENSION_IDS)
    return {
      ids: env.EXTENSION_IDS,
      line: `CORS: extension ids allowed: ${env.EXTENSION_IDS.join(', ')} (EXTENSION_IDS)`,
    };
  if (env.EXTENSION_DIR) {
    const file = join(env.EXTENSION_DIR, EXTENSION_ID_FILE);
    let id = '';
    try {
      id = readFileSync(file, 'utf8').trim().toLowerCase();
    } catch {
      // not packaged yet
    }
    if (/^[a-p]{32}$/.test(id))
      return { ids: [id], line: `CORS: extension id allowed: ${id} (from ${file})` };
    return {
      ids: [],
      line: `CORS: no extension id allowed: ${file} is missing or invalid (run npm run package, or set EXTENSION_IDS)`,
    };
  }
  return {
    ids: [],
    line: 'CORS: no extension id allowed (set EXTENSION_IDS, or EXTENSION_DIR after npm run package)',
  };
}
