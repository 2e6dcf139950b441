import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { CriteriaSet, IsoDate, localDate, Slug } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { criteriaSetInForce, findCriteriaSet, listCriteriaSetsNewestFirst } from './criteria.ts';

export const criteriaRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/current',
    describeRoute(
      doc('The criteria set in force for a cell on a date (today by default)', CriteriaSet),
    ),
    validate('query', z.object({ cellId: Slug, date: IsoDate.optional() })),
    async (c) => {
      const { db, now } = c.var.deps;
      const { cellId, date } = c.req.valid('query');
      return c.json(await criteriaSetInForce(db, cellId, date ?? localDate(now())), 200);
    },
  )
  .get(
    '/',
    describeRoute(
      doc('Every criteria set, old and current', z.object({ items: z.array(CriteriaSet) })),
    ),
    async (c) =>
      c.json(
        { items: await listCriteriaSetsNewestFirst(c.var.deps.db, c.var.user.orgUnitId) },
        200,
      ),
  )
  .get('/:id', describeRoute(doc('One criteria set', CriteriaSet)), async (c) =>
    c.json(await findCriteriaSet(c.var.deps.db, c.var.user.orgUnitId, c.req.param('id')), 200),
  );
