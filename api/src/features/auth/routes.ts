import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { LoginInput, LoginResponse, Ok } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { clientAddress } from '../../lib/client-address.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody } from '../../lib/validate.ts';
import { revokeSession, signIn } from './sessions.ts';

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    describeRoute(
      doc('Sign in with a username and password', LoginResponse, {
        body: LoginInput,
        auth: false,
        extra: [401, 429],
        describe: {
          401: 'Wrong username or password, or an inactive account (`INVALID_CREDENTIALS`: one answer for all three)',
          429: 'Too many wrong passwords for this username or from this address (`TOO_MANY_ATTEMPTS`); wait `Retry-After` seconds',
        },
      }),
    ),
    ...jsonBody(LoginInput),
    async (c) => {
      const { deps } = c.var;
      return c.json(
        await signIn(deps, c.req.valid('json'), clientAddress(c, deps.config.trustProxy)),
        200,
      );
    },
  )
  .post('/logout', describeRoute(doc('Revoke the current token', Ok)), requireUser, async (c) => {
    const { db, now } = c.var.deps;
    await revokeSession(db, c.var.user.tokenHash, now());
    return c.json({ ok: true as const }, 200);
  });
