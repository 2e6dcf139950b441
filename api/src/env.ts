import { z } from 'zod';

/** The environment, parsed once at boot; a bad value stops the process with the field named. */
export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  /** Skip the demo seed on an empty database (a real province is loaded by its admin). */
  SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  ESCALATION_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  PGLITE_VACUUM_INTERVAL_MS: z.coerce.number().int().min(10_000).default(15 * 60_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000),
  /** SIGTERM/SIGINT: how long in-flight requests may run before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000),
  /** Bearer token of GET /metrics (at least 16 characters); unset: /metrics is 404. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** PGlite: writes get 503 STORAGE_FULL while less than this many MB are free under DATA_DIR (0: never). */
  STORAGE_MIN_FREE_MB: z.coerce.number().int().min(0).default(64),
  /** How long /health waits for the database's `select 1`. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
  /** One JSON line per request on stdout (`false` to turn it off). */
  LOG_REQUESTS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});
export type Env = z.infer<typeof Env>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = Env.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
