import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  CriteriaSet,
  CriteriaSetAdoptionInput,
  CriteriaSetPatch,
  CriteriaSetSummaryList,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { jsonBody } from '../../lib/validate.ts';
import {
  adoptCriteriaTemplate,
  createCriteriaSet,
  listCriteriaSets,
  patchCriteriaSet,
} from './criteria.ts';
import { adminProvince } from './scope.ts';
import { adminDoc } from './doc.ts';

/** Criteria sets as data: import a new one, adopt a template, change one nobody has used yet. Admin only. */
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
        {
          body: CriteriaSet,
          status: 201,
          extra: [409],
          describe: {
            409: 'A set with this id exists (`CRITERIA_SET_EXISTS`), or the admin has no province (`NO_PROVINCE`)',
          },
        },
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
  .post(
    '/:id/adopt',
    describeRoute(
      adminDoc(
        'A province adopts a built-in template from a date (422 when not a template or after its last day, 409 CRITERIA_SET_ADOPTED when already adopted)',
        CriteriaSet,
        {
          body: CriteriaSetAdoptionInput,
          status: 201,
          extra: [409],
          describe: {
            409: 'Already adopted by the province (`CRITERIA_SET_ADOPTED`), or the admin has no province (`NO_PROVINCE`)',
          },
        },
      ),
    ),
    ...jsonBody(CriteriaSetAdoptionInput),
    async (c) => {
      const { provinceId, adoptedOn } = c.req.valid('json');
      const province = await adminProvince(c.var.deps.db, c.var.user, provinceId);
      return c.json(
        await adoptCriteriaTemplate(c.var.deps, c.var.user, province, c.req.param('id'), adoptedOn),
        201,
      );
    },
  )
  .patch(
    '/:id',
    describeRoute(
      adminDoc('Change a set no report uses yet (409 CRITERIA_SET_IN_USE otherwise)', CriteriaSet, {
        body: CriteriaSetPatch,
        extra: [409],
        describe: { 409: 'A report already uses the set (`CRITERIA_SET_IN_USE`)' },
      }),
    ),
    ...jsonBody(CriteriaSetPatch),
    async (c) =>
      c.json(
        await patchCriteriaSet(c.var.deps, c.var.user, c.req.param('id'), c.req.valid('json')),
        200,
      ),
  );
