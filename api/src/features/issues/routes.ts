import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import {
  ActionInput,
  BulkActionInput,
  BulkActionResult,
  DuplicateInput,
  Issue,
  IssueWithEvents,
  RelatedQuery,
  RelatedResponse,
  UnduplicateQuery,
  Uuid,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { ApiError, notFoundErrors } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { markDuplicate, unmarkDuplicate } from './duplicates.ts';
import { relatedForCell, relatedForIssue } from './related.ts';
import { applyAction, checkCommonInput } from './actions.ts';
import { loadVisibleIssue } from './issues.ts';

const IdParam = z.object({ id: z.string() });
const checkId = (id: string) => {
  if (!Uuid.safeParse(id).success) throw notFoundErrors.issue();
  return id;
};

export const issueRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/related',
    describeRoute(
      doc(
        'Similar open or recently answered issues of the commune of a cell, for the member writing an issue (diacritics-insensitive; at most 5; 404 for a cell the caller may not write for)',
        RelatedResponse,
      ),
    ),
    validate('query', RelatedQuery),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(
        { items: await relatedForCell(db, c.var.user, c.req.valid('query'), now()) },
        200,
      );
    },
  )
  .get(
    '/:id/related',
    describeRoute(
      doc(
        'Issues similar to one the caller reads: same commune (staff of it or above) or same body (its staff); at most 5',
        RelatedResponse,
      ),
    ),
    validate('param', IdParam),
    async (c) => {
      const { db, now } = c.var.deps;
      const id = checkId(c.req.valid('param').id);
      return c.json({ items: await relatedForIssue(db, c.var.user, id, now()) }, 200);
    },
  )
  .put(
    '/:id/duplicate-of',
    describeRoute(
      doc(
        'Mark an issue as a duplicate of another (staff acting on it, as for actions): one `duplicate` event; it takes the original’s answer now if there is one, and later when it comes. 409 `ALREADY_DUPLICATE`, `ISSUE_ANSWERED`, `HAS_DUPLICATES`, `VERSION_CONFLICT`; 422 on `originalId`',
        Issue,
        { body: DuplicateInput },
      ),
    ),
    validate('param', IdParam),
    ...jsonBody(DuplicateInput),
    async (c) => {
      const id = checkId(c.req.valid('param').id);
      return c.json(await markDuplicate(c.var.deps, c.var.user, id, c.req.valid('json')), 200);
    },
  )
  .delete(
    '/:id/duplicate-of',
    describeRoute(
      doc(
        'Undo a duplicate mark (one `unduplicate` event; an answer already taken stays). 409 `NOT_DUPLICATE`, `VERSION_CONFLICT`',
        Issue,
      ),
    ),
    validate('param', IdParam),
    validate('query', UnduplicateQuery),
    async (c) => {
      const id = checkId(c.req.valid('param').id);
      const { expectedVersion } = c.req.valid('query');
      return c.json(await unmarkDuplicate(c.var.deps, c.var.user, id, expectedVersion), 200);
    },
  )
  .post(
    '/bulk-actions',
    describeRoute(
      doc(
        'Apply one action to many issues; each is checked on its own (status, version, scope). What is the same for every item (a required note, `targetDate` only on `schedule` and not before today) is checked first: 422 on that field and nothing applied',
        BulkActionResult,
        { body: BulkActionInput },
      ),
    ),
    ...jsonBody(BulkActionInput),
    async (c) => {
      const { items, ...action } = c.req.valid('json');
      checkCommonInput(action, c.var.deps.now());
      const results: BulkActionResult['results'] = [];
      for (const item of items) {
        try {
          const issue = await applyAction(c.var.deps, c.var.user, item.id, {
            ...action,
            expectedVersion: item.expectedVersion,
          });
          results.push({ id: item.id, ok: true, status: 200, issue });
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          results.push({
            id: item.id,
            ok: false,
            status: err.status,
            error: { code: err.code, message: err.message },
          });
        }
      }
      return c.json({ results }, 200);
    },
  )
  .post(
    '/:id/actions',
    describeRoute(
      doc(
        'Apply a lifecycle action (acknowledge, forward, resolve…) with optimistic concurrency; `forward` only to a body of the province of the cell that raised the issue (422 on `toBodyId` otherwise, admins included)',
        Issue,
        {
          body: ActionInput,
          extra: [409],
          describe: {
            409: 'A stale `expectedVersion` (`VERSION_CONFLICT`), an action the status does not allow (`TRANSITION_NOT_ALLOWED`), or a reopen after its window (`REOPEN_WINDOW_PASSED`)',
          },
        },
      ),
    ),
    ...jsonBody(ActionInput),
    async (c) => {
      const id = c.req.param('id');
      if (!Uuid.safeParse(id).success) throw notFoundErrors.issue();
      return c.json(await applyAction(c.var.deps, c.var.user, id, c.req.valid('json')), 200);
    },
  )
  .get('/:id', describeRoute(doc('An issue with its timeline', IssueWithEvents)), async (c) => {
    const { db, now } = c.var.deps;
    return c.json(await loadVisibleIssue(db, c.var.user, c.req.param('id'), now()), 200);
  });
