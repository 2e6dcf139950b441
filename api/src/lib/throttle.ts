import { and, count, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { AppConfig } from '../context.ts';
import type { Db } from '../db/client.ts';
import { loginFailures } from '../db/schema.ts';

/**
 * Takes one password attempt for `key` (a username, or `password:<user id>`), or returns null when
 * the window already holds `loginMaxFailures` of them. The attempt is written first and only the
 * attempts before it are counted: read-then-write let every guess of a burst sent at once pass
 * the check before any of them was recorded (30 parallel guesses were all verified).
 * The row stays as the failure record if the password is wrong; `clearAttempts` on success.
 */
export async function takeAttempt(
  db: Db,
  key: string,
  now: Date,
  config: AppConfig,
): Promise<{ id: number } | null> {
  const [attempt] = await db
    .insert(loginFailures)
    .values({ key, at: now })
    .returning({ id: loginFailures.id });
  const since = new Date(now.getTime() - config.loginWindowMinutes * 60_000);
  const [before] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.key, key),
        gt(loginFailures.at, since),
        lt(loginFailures.id, attempt!.id),
      ),
    );
  if ((before?.n ?? 0) < config.loginMaxFailures) return attempt!;
  await db.delete(loginFailures).where(eq(loginFailures.id, attempt!.id));
  return null;
}

/** Forgets the failed attempts of `key` (after a successful sign-in or password check). */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

/** The failure records one wrong sign-in leaves: per username and address, per address, per username. */
export function loginKeys(username: string, address: string) {
  return {
    pair: `pair:${username}|${address}`,
    address: `addr:${address}`,
    user: `user:${username}`,
  };
}
export type LoginKeys = ReturnType<typeof loginKeys>;

export type LoginAttempt =
  | { ok: true; ids: number[] }
  | { ok: false; retryAfterSeconds: number; reason: 'address' | 'user' | 'delay' };

/**
 * Takes one sign-in attempt for `keys`. Three limits, counted over `loginWindowMinutes`:
 * - one username from one address: after `loginMaxFailures` wrong passwords each next try waits
 *   `loginDelaySeconds`, doubled at every further failure (a growing delay, never a hard lock);
 * - one address over all usernames (a spray): `loginMaxFailuresPerAddress`, then the address waits;
 * - one username over all addresses: `loginMaxFailuresPerUser`, then only addresses the user has
 *   signed in from before (`isKnownAddress`) may still try, with the delay above.
 * So wrong passwords sent from elsewhere never lock the right password out of a known address.
 * As in `takeAttempt`, the rows are written first and only earlier rows are counted (a burst sent
 * at once cannot slip past the check); they stay as the failure record when the password is wrong.
 */
export async function takeLoginAttempt(
  db: Db,
  keys: LoginKeys,
  now: Date,
  config: AppConfig,
  isKnownAddress: () => Promise<boolean>,
): Promise<LoginAttempt> {
  await pruneLoginFailures(db, now, config);
  const inserted = await db
    .insert(loginFailures)
    .values([keys.pair, keys.address, keys.user].map((key) => ({ key, at: now })))
    .returning({ id: loginFailures.id });
  const ids = inserted.map((r) => r.id);
  const windowMs = config.loginWindowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  // Per key: how many earlier failures in the window, the first and the last of them.
  const rows = await db
    .select({
      key: loginFailures.key,
      n: count(),
      first: sql<Date>`min(${loginFailures.at})`.mapWith(loginFailures.at),
      last: sql<Date>`max(${loginFailures.at})`.mapWith(loginFailures.at),
    })
    .from(loginFailures)
    .where(
      and(
        inArray(loginFailures.key, [keys.pair, keys.address, keys.user]),
        gt(loginFailures.at, since),
        lt(loginFailures.id, Math.min(...ids)),
      ),
    )
    .groupBy(loginFailures.key);
  const stats = (key: string) => rows.find((r) => r.key === key);
  const until = (from: Date, ms: number) => Math.ceil((from.getTime() + ms - now.getTime()) / 1000);
  const refuse = async (
    reason: 'address' | 'user' | 'delay',
    retryAfterSeconds: number,
  ): Promise<LoginAttempt> => {
    await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
    return { ok: false, reason, retryAfterSeconds: Math.max(1, retryAfterSeconds) };
  };
  const address = stats(keys.address);
  if (address && address.n >= config.loginMaxFailuresPerAddress)
    return refuse('address', until(address.first, windowMs));
  const user = stats(keys.user);
  if (user && user.n >= config.loginMaxFailuresPerUser && !(await isKnownAddress()))
    return refuse('user', until(user.first, windowMs));
  const pair = stats(keys.pair);
  if (pair && pair.n >= config.loginMaxFailures) {
    const delayMs = Math.min(
      config.loginDelaySeconds * 1000 * 2 ** (pair.n - config.loginMaxFailures),
      windowMs,
    );
    const wait = until(pair.last, delayMs);
    if (wait > 0) return refuse('delay', wait);
  }
  return { ok: true, ids };
}

/** After the right password: forget this attempt and the earlier failures of the same username and address. */
export async function loginSucceeded(
  db: Db,
  keys: LoginKeys,
  attempt: { ids: number[] },
): Promise<void> {
  await db
    .delete(loginFailures)
    .where(or(inArray(loginFailures.id, attempt.ids), eq(loginFailures.key, keys.pair)));
}

const lastPrune = new WeakMap<Db, number>();

/**
 * Deletes failure records older than the window (they no longer count), at most once a minute per
 * database: an unauthenticated spray made `login_failures` grow forever and real sign-ins slow.
 */
export async function pruneLoginFailures(db: Db, now: Date, config: AppConfig): Promise<void> {
  const last = lastPrune.get(db);
  if (last !== undefined && Math.abs(now.getTime() - last) < 60_000) return;
  lastPrune.set(db, now.getTime());
  await db
    .delete(loginFailures)
    .where(lt(loginFailures.at, new Date(now.getTime() - config.loginWindowMinutes * 60_000)));
}
