import { and, eq, lt, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { hasRole, rolesOf, type Role } from '@duhop/shared';
import type { AppEnv } from '../context.ts';
import { compiledStatement } from '../db/rows.ts';
import { sessions } from '../db/schema.ts';
import { sha256 } from './crypto.ts';
import { ApiError, forbidden } from './errors.ts';

/** The only routes a user who must change their password may call (both POST). */
const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  '/api/me/password',
  '/api/auth/logout',
]);

interface SessionRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  roles: Role[] | null;
  org_unit_id: string;
  must_change_password: boolean;
  last_used_at: Date | string;
}

/** The session and its user: sent by every authenticated request, its text compiled once. */
const findSession = compiledStatement<{ tokenHash: string; at: string; idleSince: string }>(
  (
    p,
  ) => sql`select u.id, u.username, u.display_name, u.role, u.roles, u.org_unit_id, u.must_change_password, s.last_used_at
          from sessions s join users u on u.id = s.user_id
         where s.token_hash = ${p.tokenHash} and s.revoked_at is null and s.expires_at > ${p.at}::timestamptz
           and s.last_used_at > ${p.idleSince}::timestamptz and u.active
         limit 1`,
);

/** last_used_at is written at most this often per session (not on every request). */
const TOUCH_EVERY_MS = 60_000;

/** Resolves `Authorization: Bearer …` to a user through the sessions table (no process state). */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match) throw new ApiError(401, 'UNAUTHENTICATED', 'Bạn cần đăng nhập');
  const { db, now, config } = c.var.deps;
  const at = now();
  const tokenHash = sha256(match[1]!);
  const idleSince = new Date(at.getTime() - config.sessionIdleMinutes * 60_000);
  // A prepared statement on PostgreSQL (see queryRowsPrepared).
  const [found] = await findSession<SessionRow>(db, {
    tokenHash,
    at: at.toISOString(),
    idleSince: idleSince.toISOString(),
  });
  // The idle timeout counts from the last use: touched only when a minute old, so a burst of
  // requests costs one write, not one each.
  if (found && at.getTime() - new Date(found.last_used_at).getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastUsedAt: at })
      .where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastUsedAt, at)));
  }
  const row = found && {
    id: found.id,
    username: found.username,
    displayName: found.display_name,
    role: found.role,
    roles: rolesOf(found),
    orgUnitId: found.org_unit_id,
    mustChangePassword: found.must_change_password,
  };
  if (!row)
    throw new ApiError(
      401,
      'INVALID_TOKEN',
      'Phiên đăng nhập đã hết hạn hoặc không hợp lệ, hãy đăng nhập lại',
    );
  // A reset password is a secret someone else knows: until the user picks their own, the token
  // is good only for choosing it (or signing out). Matched on the exact method and full path.
  if (
    row.mustChangePassword &&
    !(c.req.method === 'POST' && ALLOWED_BEFORE_PASSWORD_CHANGE.has(c.req.path))
  ) {
    throw new ApiError(403, 'PASSWORD_CHANGE_REQUIRED', 'Bạn cần đổi mật khẩu trước khi tiếp tục');
  }
  c.set('user', { ...row, tokenHash });
  await next();
});

/** Allows users holding at least one of the listed roles, among all of theirs (403 otherwise). */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!hasRole(c.var.user, ...roles)) throw forbidden();
    await next();
  });
