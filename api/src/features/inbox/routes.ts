import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { InboxResponse } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { InboxParams, listInbox } from './inbox.ts';

export const inboxRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    describeRoute(
      doc(
        "Issues sitting with the caller's body (or, `scope=all`, an admin's whole province), ordered by `sort` (answer deadline by default; keyset pagination)",
        InboxResponse,
      ),
    ),
    requireRole('staff', 'leader', 'admin'),
    validate('query', InboxParams),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(await listInbox(db, c.var.user, c.req.valid('query'), now()), 200);
    },
  );
