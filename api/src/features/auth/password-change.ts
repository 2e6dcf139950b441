import { and, eq, isNull, ne } from 'drizzle-orm';
import type { ChangePasswordInput } from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import { loginFailures, sessions, users } from '../../db/schema.ts';
import { hashPassword, verifyPassword } from '../../lib/crypto.ts';
import { takeAttempt } from '../../lib/throttle.ts';
import { ApiError } from '../../lib/errors.ts';
import { writeAudit } from '../admin/audit.ts';
import { asDb } from '../admin/scope.ts';

/**
 * A user replaces their own password. The current one must be given (a stolen token alone is not
 * enough), wrong guesses are throttled like sign-ins, and every other session of the user ends.
 */
export async function changeOwnPassword(
  deps: Deps,
  user: AuthUser,
  input: ChangePasswordInput,
): Promise<void> {
  const { db, config } = deps;
  const now = deps.now();
  const key = `password:${user.id}`;
  if (!(await takeAttempt(db, key, now, config))) {
    throw new ApiError(
      429,
      'TOO_MANY_ATTEMPTS',
      `Nhập sai mật khẩu quá nhiều lần, hãy thử lại sau ${config.loginWindowMinutes} phút`,
    );
  }
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new ApiError(422, 'WRONG_PASSWORD', 'Mật khẩu hiện tại không đúng', {
      currentPassword: ['Mật khẩu hiện tại không đúng'],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(users.id, user.id));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(
        and(
          eq(sessions.userId, user.id),
          isNull(sessions.revokedAt),
          ne(sessions.tokenHash, user.tokenHash),
        ),
      );
    await tx.delete(loginFailures).where(eq(loginFailures.key, key));
    await writeAudit(asDb(tx), {
      actorId: user.id,
      at: now,
      action: 'user.change_password',
      entity: 'user',
      entityId: user.id,
      data: { username: user.username },
    });
  });
}
