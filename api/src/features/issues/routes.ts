import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  ActionInput,
  BulkActionInput,
  BulkActionResult,
  Issue,
  IssueWithEvents,
  Uuid,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { ApiError, notFoundErrors } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody } from '../../lib/validate.ts';
import { applyAction, checkCommonInput } from './actions.ts';
import { loadVisibleIssue } from './issues.ts';

export const issueRoutes = new Hono<AppEnv>()
  .use(requireUser)
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
