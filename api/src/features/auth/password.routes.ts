import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { ChangePasswordInput, Ok } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody } from '../../lib/validate.ts';
import { changeOwnPassword } from './password-change.ts';

/**
 * `POST /api/me/password`: any user changes their own password (the one route, with logout, that a
 * user holding a reset password may call). Other sessions of the user end; this one stays.
 */
export const mePasswordRoutes = new Hono<AppEnv>().post(
  '/password',
  describeRoute(
    doc(
      'Change my password ({currentPassword, newPassword}; at least 8 characters, different from the current one)',
      Ok,
      {
        body: ChangePasswordInput,
        extra: [429],
        describe: {
          429: 'Too many wrong current passwords (`TOO_MANY_ATTEMPTS`); wait `Retry-After` seconds',
        },
      },
    ),
  ),
  requireUser,
  ...jsonBody(ChangePasswordInput),
  async (c) => {
    await changeOwnPassword(c.var.deps, c.var.user, c.req.valid('json'));
    return c.json({ ok: true as const }, 200);
  },
);
