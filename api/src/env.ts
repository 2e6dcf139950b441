import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from './paths.ts';

/** `api/data`, wherever the command was run from (the README's default). */
export { DEFAULT_DATA_DIR };

/** scrypt's cost N for new password hashes: a power of two, OWASP's 2^17 by default (see lib/crypto.ts). */
export const ScryptN = z.coerce
  .number()
  .int()
  .refine(
    (n) => n >= 2 ** 10 && n <= 2 ** 20 && (n & (n - 1)) === 0,
    'must be a power of two from 1024 to 1048576',
  )
  .default(2 ** 17);

/** The environment, parsed once at boot; a bad value stops the process with the field named. */
export const Env = z.object({
  // An empty PORT is a mistake (it would mean "any free port"), not the default.
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number (1–65535)')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535))
    .default(8787),
  HOST: z.string().default('127.0.0.1'),
  /** Relative paths are relative to where the command was run (npm's INIT_CWD), not to api/. */
  DATA_DIR: z
    .string()
    .default(DEFAULT_DATA_DIR)
    .transform((d) => d || DEFAULT_DATA_DIR),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Where `npm run package` wrote the extension: served as /extension/update.xml and /extension/duhop.crx. */
  EXTENSION_DIR: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : undefined)),
  /**
   * Extension ids CORS admits: comma-separated, or `*` for any (the demo). Unset: the id that
   * `npm run package` wrote into EXTENSION_DIR, else none (lib/extension-ids.ts).
   */
  EXTENSION_IDS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s?.trim()) return undefined;
      if (s.trim() === '*') return '*' as const;
      const ids = s
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean);
      const bad = ids.filter((x) => !/^[a-p]{32}$/.test(x));
      if (bad.length)
        ctx.addIssue({
          code: 'custom',
          message: `not an extension id (32 letters a–p): ${bad.join(', ')}`,
        });
      return ids;
    }),
  /** Skip the demo seed on an empty database (a real province is loaded by its admin). */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** `npm run serve` refuses a database that still holds the demo accounts unless this is true. */
  ALLOW_DEMO: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ESCALATION_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  PGLITE_VACUUM_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10_000)
    .default(15 * 60_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000),
  /** The server's own daily backups (docs/backup.md): a directory, a time (+07:00) and how many to keep. */
  BACKUP_DIR: z
    .string()
    .optional()
    .transform((d) => d || undefined),
  BACKUP_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (24 h, Vietnam time)')
    .default('02:00'),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
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
  LOG_REQUESTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Believe `X-Forwarded-For` (its right-most address) for the login throttle: only behind a proxy that sets it. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SCRYPT_N: ScryptN,
  /** How long a webhook call waits for the receiver (docs/webhooks.md): longer is a timeout, retried. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The delivery outbox (mails, webhooks): how often the worker looks for work, and its retries. */
  DELIVERY_INTERVAL_MS: z.coerce.number().int().min(50).default(15_000),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** `smtp://user:pass@host:587` or `smtps://…:465`; unset: no email (said once at start). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of every mail, `"Duhop" <duhop@example.vn>` or a bare address. */
  SMTP_FROM: z.string().min(3).default('duhop@localhost'),
  /**
   * The base of the workspace page, whose issue page is `<PUBLIC_URL>/workspace.html#/inbox/<id>`:
   * `chrome-extension://<extension id>` (the workspace is the extension's page), or an https
   * address serving it. Unset: derived from the one extension id when there is exactly one.
   */
  PUBLIC_URL: z
    .string()
    .regex(
      /^(https?|chrome-extension):\/\/[^\s]+$/,
      'must be chrome-extension://<id> or an http(s) URL',
    )
    .transform((s) => s.replace(/\/+$/, ''))
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** A session ends after this long without a request, besides its absolute lifetime (SESSION_TTL_HOURS). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(30 * 24 * 60)
    .default(8 * 60),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 30),
});
export type Env = z.infer<typeof Env>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = Env.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const data = result.data;
  if (!data.DATA_DIR.includes('://'))
    data.DATA_DIR = resolve(source.INIT_CWD ?? process.cwd(), data.DATA_DIR);
  if (data.BACKUP_DIR) data.BACKUP_DIR = resolve(source.INIT_CWD ?? process.cwd(), data.BACKUP_DIR);
  return data;
}
