import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { EventFeed, Issue, IssueStatus } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { listMyEvents, listMyIssues } from './my.ts';

/** The observer's side of the loop: the issues they raised and what happened to them. */
export const myRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/issues',
    describeRoute(
      doc('Issues the caller raised, newest first', z.object({ items: z.array(Issue) })),
    ),
    validate(
      'query',
      z.object({
        status: IssueStatus.optional(),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
    ),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(
        { items: await listMyIssues(db, c.var.user, c.req.valid('query'), now()) },
        200,
      );
    },
  )
  .get(
    '/events',
    describeRoute(
      doc("What changed on the caller's issues after a cursor (oldest first)", EventFeed),
    ),
    validate(
      'query',
      z.object({
        after: z
          .string()
          .regex(/^\d{1,18}$/, 'Con trỏ không hợp lệ')
          .optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    ),
    async (c) => c.json(await listMyEvents(c.var.deps.db, c.var.user, c.req.valid('query')), 200),
  );
