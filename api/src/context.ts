import type { Role } from '@duhop/shared';
import type { Database, Db } from './db/client.ts';
import type { StorageGuard } from './db/health.ts';
import type { Metrics } from './lib/metrics.ts';
import type { ReferenceCache } from './features/reports/reference-cache.ts';

export interface AppConfig {
  /** Mail is sent (SMTP_URL set): the settings screen says so when it is not. */
  emailEnabled: boolean;
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
  /** Wrong passwords for one username from one address before each next try waits (growing delay). */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** Bearer token of GET /metrics; unset: /metrics answers 404. */
  metricsToken?: string;
  /** How long /health waits for `select 1`. */
  healthTimeoutMs: number;
  /** The first wait after `loginMaxFailures`, doubled at each further failure (capped at the window). */
  loginDelaySeconds: number;
  /** Wrong passwords from one address over all usernames (a spray) before that address waits out the window. */
  loginMaxFailuresPerAddress: number;
  /** Wrong passwords for one username from all addresses before unknown addresses wait out the window. */
  loginMaxFailuresPerUser: number;
  /** Believe the right-most `X-Forwarded-For` address (set TRUST_PROXY only behind a proxy that adds it). */
  trustProxy: boolean;
  /** A session ends after this many minutes without a request (besides `tokenTtlHours`). */
  sessionIdleMinutes: number;
  /** How long a webhook call (the worker's and "send test event") waits for the receiver's answer. */
  webhookTimeoutMs: number;
}

export const defaultConfig: AppConfig = {
  emailEnabled: false,
  corsOrigins: [],
  extensionIds: '*',
  extensionDir: null,
  bodyLimitBytes: 1024 * 1024,
  tokenTtlHours: 24 * 30,
  loginMaxFailures: 5,
  loginWindowMinutes: 15,
  healthTimeoutMs: 2_000,
  loginDelaySeconds: 30,
  loginMaxFailuresPerAddress: 50,
  loginMaxFailuresPerUser: 20,
  trustProxy: false,
  sessionIdleMinutes: 8 * 60,
  webhookTimeoutMs: 10_000,
};

export interface Deps {
  database: Database;
  db: Db;
  now: () => Date;
  config: AppConfig;
  metrics: Metrics;
  /** PGlite: refuses writes while the data directory's disk is nearly full. */
  storageGuard?: StorageGuard;
  /** Rules, criteria sets, holidays and rule targets per province, for submissions (invalidated by version). */
  reference: ReferenceCache;
}

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  /** The primary role. */
  role: Role;
  /** Every role of the account, `role` first: check permissions with `hasRole(user, …)`. */
  roles: Role[];
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
