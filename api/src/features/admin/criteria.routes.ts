import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { CriteriaSet, CriteriaSetPatch, CriteriaSetSummaryList } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { jsonBody } from '../../lib/validate.ts';
import { createCriteriaSet, listCriteriaSets, patchCriteriaSet } from './criteria.ts';
import { adminProvince } from './scope.ts';
import { adminDoc } from './doc.ts';

/** Criteria sets as data: import a new one, change one nobody has used yet. Admin only. */
export const adminCriteriaRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc('Every criteria set with how many reports use it', CriteriaSetSummaryList),
    ),
    async (c) => c.json({ items: await listCriteriaSets(c.var.deps.db) }, 200),
  )
  .post(
    '/',
    describeRoute(
      adminDoc(
        'Import a criteria set (groups and items sum to 100, bands ordered, ids unique)',
        CriteriaSet,
        { body: CriteriaSet, status: 201 },
      ),
    ),
    ...jsonBody(CriteriaSet),
    async (c) => {
      const provinceId = await adminProvince(c.var.deps.db, c.var.user);
      return c.json(
        await createCriteriaSet(c.var.deps, c.var.user, provinceId, c.req.valid('json')),
        201,
      );
    },
  )
  .patch(
    '/:id',
    describeRoute(
      adminDoc('Change a set no report uses yet (409 CRITERIA_SET_IN_USE otherwise)', CriteriaSet, {
        body: CriteriaSetPatch,
      }),
    ),
    ...jsonBody(CriteriaSetPatch),
    async (c) =>
      c.json(
        await patchCriteriaSet(c.var.deps, c.var.user, c.req.param('id'), c.req.valid('json')),
        200,
      ),
  );
