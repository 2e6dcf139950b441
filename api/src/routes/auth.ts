import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { LoginInput, LoginResponse, Ok, toLocalIso } from '@duhop/shared';
import type { AppEnv } from '../context.ts';
import { sessions, users } from '../db/schema.ts';
import { requireUser } from '../lib/auth.ts';
import { hashPassword, newToken, sha256, verifyPassword } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { clearAttempts, takeAttempt } from '../lib/throttle.ts';
import { jsonBody } from '../lib/validate.ts';

// Verifying against a fixed hash when the user does not exist keeps the timing the same.
const dummyHash = hashPassword('not-a-real-password');

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    describeRoute(doc('Sign in with a username and password', LoginResponse, { body: LoginInput, auth: false })),
    ...jsonBody(LoginInput),
    async (c) => {
      const { db, now, config } = c.var.deps;
      const { username, password } = c.req.valid('json');
      const key = username.toLowerCase();
      if (!(await takeAttempt(db, key, now(), config))) {
        c.header('Retry-After', String(config.loginWindowMinutes * 60));
        throw new ApiError(429, 'TOO_MANY_ATTEMPTS', `Đăng nhập sai quá nhiều lần, hãy thử lại sau ${config.loginWindowMinutes} phút`);
      }
      const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${key}`).limit(1);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      // A wrong guess keeps the attempt taken above as its failure record.
      if (!user || !ok || !user.active) throw new ApiError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng');
      await clearAttempts(db, key);
      const token = newToken();
      const expiresAt = new Date(now().getTime() + config.tokenTtlHours * 3600_000);
      await db.insert(sessions).values({ tokenHash: sha256(token), userId: user.id, createdAt: now(), expiresAt });
      return c.json(
        {
          token,
          expiresAt: toLocalIso(expiresAt),
          user: {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            role: user.role as LoginResponse['user']['role'],
            orgUnitId: user.orgUnitId,
            mustChangePassword: user.mustChangePassword,
          },
        },
        200,
      );
    },
  )
  .post('/logout', describeRoute(doc('Revoke the current token', Ok)), requireUser, async (c) => {
    const { db, now } = c.var.deps;
    await db.update(sessions).set({ revokedAt: now() }).where(eq(sessions.tokenHash, c.var.user.tokenHash));
    return c.json({ ok: true as const }, 200);
  });
