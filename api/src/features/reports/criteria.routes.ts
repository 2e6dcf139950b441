import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { CriteriaSet, IsoDate, localDate, selectCriteriaSet, Slug } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { orgUnits } from '../../db/schema.ts';
import { requireUser } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { loadCriteriaSets } from './reports.ts';

export const criteriaRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/current',
    describeRoute(doc('The criteria set in force for a cell on a date (today by default)', CriteriaSet)),
    validate('query', z.object({ cellId: Slug, date: IsoDate.optional() })),
    async (c) => {
      const { db, now } = c.var.deps;
      const { cellId, date } = c.req.valid('query');
      const [cell] = await db.select({ kind: orgUnits.kind, cellType: orgUnits.cellType }).from(orgUnits).where(eq(orgUnits.id, cellId));
      if (!cell || cell.kind !== 'cell') throw new ApiError(404, 'CELL_NOT_FOUND', 'Không tìm thấy chi bộ');
      const set = selectCriteriaSet(await loadCriteriaSets(db, cellId), date ?? localDate(now()), (cell.cellType as never) ?? undefined);
      if (!set) throw new ApiError(404, 'CRITERIA_SET_NOT_FOUND', 'Chưa có bộ tiêu chí áp dụng cho ngày này');
      return c.json(set, 200);
    },
  )
  .get('/', describeRoute(doc('Every criteria set, old and current', z.object({ items: z.array(CriteriaSet) }))), async (c) => {
    const sets = await loadCriteriaSets(c.var.deps.db, c.var.user.orgUnitId);
    return c.json({ items: sets.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1)) }, 200);
  })
  .get('/:id', describeRoute(doc('One criteria set', CriteriaSet)), async (c) => {
    const set = (await loadCriteriaSets(c.var.deps.db, c.var.user.orgUnitId)).find((s) => s.id === c.req.param('id'));
    if (!set) throw new ApiError(404, 'CRITERIA_SET_NOT_FOUND', 'Không tìm thấy bộ tiêu chí');
    return c.json(set, 200);
  });
