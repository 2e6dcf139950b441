import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { EventFeed, Issue, IssueStatus, toLocalIso } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { issueEvents, issues, orgUnits, users } from '../../db/schema.ts';
import { requireUser } from '../../lib/auth.ts';
import { validationError } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { issueView } from './view.ts';

const body = alias(orgUnits, 'body');

/** The observer's side of the loop: the issues they raised and what happened to them. */
export const myRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/issues',
    describeRoute(doc('Issues the caller raised, newest first', z.object({ items: z.array(Issue) }))),
    validate('query', z.object({ status: IssueStatus.optional(), limit: z.coerce.number().int().min(1).max(500).default(200) })),
    async (c) => {
      const { db, now } = c.var.deps;
      const q = c.req.valid('query');
      const rows = await db
        .select({ issue: issues, cellName: orgUnits.name, bodyName: body.name })
        .from(issues)
        .innerJoin(orgUnits, eq(orgUnits.id, issues.cellId))
        .innerJoin(body, eq(body.id, issues.responsibleBodyId))
        .where(and(eq(issues.authorId, c.var.user.id), q.status ? eq(issues.status, q.status) : undefined))
        .orderBy(desc(issues.createdAt), asc(issues.position))
        .limit(q.limit);
      const at = now();
      return c.json({ items: rows.map((r) => issueView(r.issue, at, { cellName: r.cellName, bodyName: r.bodyName })) }, 200);
    },
  )
  .get(
    '/events',
    describeRoute(doc("What changed on the caller's issues after a cursor (oldest first)", EventFeed)),
    validate('query', z.object({ after: z.string().regex(/^\d{1,18}$/, 'Con trỏ không hợp lệ').optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })),
    async (c) => {
      const { db } = c.var.deps;
      const q = c.req.valid('query');
      const mine = db.select({ id: issues.id }).from(issues).where(eq(issues.authorId, c.var.user.id));
      const after = q.after ? Number(q.after) : 0;
      if (!Number.isSafeInteger(after)) throw validationError({ after: ['Con trỏ không hợp lệ'] });
      const rows = await db
        .select({ e: issueEvents, actorName: users.displayName, issueTitle: issues.title })
        .from(issueEvents)
        .innerJoin(issues, eq(issues.id, issueEvents.issueId))
        .leftJoin(users, eq(users.id, issueEvents.actorId))
        .where(and(inArray(issueEvents.issueId, mine), gt(issueEvents.id, after)))
        .orderBy(asc(issueEvents.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return c.json(
        {
          items: page.map(({ e, actorName, issueTitle }) => ({
            id: String(e.id),
            issueId: e.issueId,
            issueTitle,
            type: e.type,
            actorId: e.actorId,
            actorName: actorName ?? null,
            at: toLocalIso(e.at),
            note: e.note,
            fromStatus: e.fromStatus as IssueStatus | null,
            toStatus: e.toStatus as IssueStatus | null,
            fromBodyId: e.fromBodyId,
            toBodyId: e.toBodyId,
          })),
          // The cursor always moves to the newest event read, so a client polls with it next time.
          nextCursor: last ? String(last.e.id) : (q.after ?? null),
        },
        200,
      );
    },
  );
