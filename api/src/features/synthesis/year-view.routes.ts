import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { MyYearQuery, YearBodyQuery, YearExportQuery, YearViewResponse } from '@duhop/shared';
import type { AppEnv, AuthUser, Deps } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { downloadHeaders } from '../../lib/download.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { exportAdmission } from '../../lib/in-worker.ts';
import { doc } from '../../lib/openapi.ts';
import { exportQueue, fileDoc } from '../../lib/openapi-files.ts';
import { validate } from '../../lib/validate.ts';
import { CONTENT_TYPES } from '../exports/tables.ts';
import { exportYearView } from '../exports/year-export.ts';
import { loadBodyContext, resolveBody } from '../org/body-scope.ts';
import { assertYearNotFuture, loadMyYear, loadYearView } from './year-view.ts';

/** The year of the body the caller may see (its own, or the one named). */
async function yearFor(deps: Deps, user: AuthUser, q: { year: number; bodyId?: string }) {
  const at = deps.now();
  assertYearNotFuture(q.year, at);
  const ctx = await resolveBody(deps.db, user, q.bodyId);
  return { ctx, at, view: await loadYearView(deps.db, ctx, q.year, at) };
}

/** The year-end record of the members assigned to cells under a body (docs/api.md). */
export const yearViewRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(requireRole('staff', 'leader', 'admin'))
  .get(
    '/',
    describeRoute({
      ...doc(
        'Year view for the year-end rating: per member assigned to a cell under the body, reports expected (month by month, as compliance expects them), attended, on time, late, missing and not yet due, reports filed, issues raised and how they stand; per committee and in total, with topical meetings by quarter',
        YearViewResponse,
      ),
    }),
    validate('query', YearBodyQuery),
    async (c) => {
      const { view } = await yearFor(c.var.deps, c.var.user, c.req.valid('query'));
      return c.json(view, 200);
    },
  )
  .get(
    '/export',
    describeRoute(
      fileDoc(
        'The year view as XLSX (one sheet per table), DOCX (Party administrative layout) or CSV (UTF-8 with BOM)',
        Object.values(CONTENT_TYPES),
        exportQueue,
      ),
    ),
    validate('query', YearExportQuery),
    exportAdmission,
    async (c) => {
      const q = c.req.valid('query');
      const { ctx, at, view } = await yearFor(c.var.deps, c.var.user, q);
      const file = await exportYearView(c.var.deps.db, ctx, view, q.format, at, q.csvLocale);
      return c.body(
        file.body as Uint8Array<ArrayBuffer>,
        200,
        downloadHeaders(file.contentType, file.filename, file.body.byteLength),
      );
    },
  );

/** `GET /api/me/year`: the caller's own year (any role), over the cells they were assigned to. */
export const myYearRoutes = new Hono<AppEnv>().use(requireUser).get(
  '/',
  describeRoute({
    ...doc(
      'The caller’s own year: reports expected by their assignments, attended, on time, late, missing, not yet due; issues raised in their reports and how they stand',
      YearViewResponse,
    ),
  }),
  validate('query', MyYearQuery),
  async (c) => {
    const { db, now } = c.var.deps;
    const { year } = c.req.valid('query');
    const at = now();
    assertYearNotFuture(year, at);
    const own = await loadBodyContext(db, c.var.user.orgUnitId);
    const ctx = own && (await loadBodyContext(db, own.body.provinceId));
    if (!ctx) throw notFoundErrors.body();
    return c.json(await loadMyYear(db, ctx, c.var.user.id, year, at), 200);
  },
);
