import type { Role } from '@duhop/shared';
import type { Database, Db } from './db/client.ts';
import type { StorageGuard } from './db/health.ts';
import type { Metrics } from './lib/metrics.ts';

export interface AppConfig {
  /** Origins allowed besides the browser-extension schemes. */
  corsOrigins: string[];
  /**
   * Browser-extension ids admitted by CORS (`chrome-extension://<id>`), or '*' for any (the demo).
   * The server resolves it from EXTENSION_IDS / EXTENSION_DIR (lib/extension-ids.ts); the factory's
   * default stays '*' for tests that build the app directly.
   */
  extensionIds: readonly string[] | '*';
  /** Where `npm run package` wrote the CRX and update.xml (served under /extension/); null: not hosted. */
  extensionDir: string | null;
  bodyLimitBytes: number;
  tokenTtlHours: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** Bearer token of GET /metrics; unset: /metrics answers 404. */
  metricsToken?: string;
  /** How long /health waits for `select 1`. */
  healthTimeoutMs: number;
}

export const defaultConfig: AppConfig = {
  corsOrigins: [],
  extensionIds: '*',
  extensionDir: null,
  bodyLimitBytes: 1024 * 1024,
  tokenTtlHours: 24 * 30,
  loginMaxFailures: 5,
  loginWindowMinutes: 15,
  healthTimeoutMs: 2_000,
};

export interface Deps {
  database: Database;
  db: Db;
  now: () => Date;
  config: AppConfig;
  metrics: Metrics;
  /** PGlite: refuses writes while the data directory's disk is nearly full. */
  storageGuard?: StorageGuard;
}

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  mustChangePassword: boolean;
  tokenHash: string;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    user: AuthUser;
    requestId: string;
  };
};
