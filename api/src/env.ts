import { z } from 'zod';

/** scrypt's cost N for new password hashes: a power of two, OWASP's 2^17 by default (see lib/crypto.ts). */
export const ScryptN = z.coerce
  .number()
  .int()
  .refine((n) => n >= 2 ** 10 && n <= 2 ** 20 && (n & (n - 1)) === 0, 'must be a power of two from 1024 to 1048576')
  .default(2 ** 17);

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
  /** Believe `X-Forwarded-For` (its right-most address) for the login throttle: only behind a proxy that sets it. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SCRYPT_N: ScryptN,
  /** A session ends after this long without a request, besides its absolute lifetime (SESSION_TTL_HOURS). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(30 * 24 * 60).default(8 * 60),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
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
