import { and, count, eq, gt, lt } from 'drizzle-orm';
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
export async function takeAttempt(db: Db, key: string, now: Date, config: AppConfig): Promise<{ id: number } | null> {
  const [attempt] = await db.insert(loginFailures).values({ key, at: now }).returning({ id: loginFailures.id });
  const since = new Date(now.getTime() - config.loginWindowMinutes * 60_000);
  const [before] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since), lt(loginFailures.id, attempt!.id)));
  if ((before?.n ?? 0) < config.loginMaxFailures) return attempt!;
  await db.delete(loginFailures).where(eq(loginFailures.id, attempt!.id));
  return null;
}

/** Forgets the failed attempts of `key` (after a successful sign-in or password check). */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
