import { and, eq, sql } from 'drizzle-orm';
import { rolesOf, toLocalIso, type LoginInput, type LoginResponse } from '@duhop/shared';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import { hashPassword, needsRehash, newToken, sha256, verifyPassword } from '../../lib/crypto.ts';
import { ApiError } from '../../lib/errors.ts';
import { loginKeys, loginSucceeded, takeLoginAttempt } from '../../lib/throttle.ts';

// Verifying against a fixed hash when the user does not exist keeps the timing the same.
const dummyHash = hashPassword('not-a-real-password');

/** Has this user signed in from `address` before (within the sessions kept)? */
async function isKnownAddress(db: Db, userId: string, address: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.clientAddress, address)))
    .limit(1);
  return rows.length > 0;
}

/** "45 giây", "2 phút" */
const waitText = (seconds: number) =>
  seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;

/**
 * Signs a user in from `address`: throttled guesses (429 with Retry-After), one answer for an
 * unknown user, a wrong password and a deactivated account (401), then a new session token.
 */
export async function signIn(
  deps: Deps,
  { username, password }: LoginInput,
  address: string,
): Promise<LoginResponse> {
  const { db, now, config } = deps;
  const key = username.toLowerCase();
  const keys = loginKeys(key, address);
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${key}`)
    .limit(1);
  const attempt = await takeLoginAttempt(db, keys, now(), config, () =>
    user ? isKnownAddress(db, user.id, address) : Promise.resolve(false),
  );
  if (!attempt.ok) {
    const err = new ApiError(
      429,
      'TOO_MANY_ATTEMPTS',
      `Đăng nhập sai quá nhiều lần, hãy thử lại sau ${waitText(attempt.retryAfterSeconds)}`,
    );
    err.retryAfterSeconds = attempt.retryAfterSeconds;
    throw err;
  }
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  // A wrong guess keeps the attempt taken above as its failure record.
  if (!user || !ok || !user.active)
    throw new ApiError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng');
  await loginSucceeded(db, keys, attempt);
  if (needsRehash(user.passwordHash)) {
    // Made with older (cheaper) scrypt parameters: redo it now that the password is known,
    // unless it changed meanwhile.
    const passwordHash = await hashPassword(password);
    await db
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
  }
  const token = newToken();
  const expiresAt = new Date(now().getTime() + config.tokenTtlHours * 3600_000);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId: user.id,
    createdAt: now(),
    lastUsedAt: now(),
    expiresAt,
    clientAddress: address,
  });
  return {
    token,
    expiresAt: toLocalIso(expiresAt),
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role as LoginResponse['user']['role'],
      roles: rolesOf(user),
      orgUnitId: user.orgUnitId,
      mustChangePassword: user.mustChangePassword,
    },
  };
}

/** Ends the session of this token (sign-out); other sessions of the user stay. */
export async function revokeSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
}
