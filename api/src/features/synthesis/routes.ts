import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { SynthesisExportQuery, SynthesisQuery, SynthesisResponse } from '@duhop/shared';
import type { AppEnv, AuthUser, Deps } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { exportAdmission } from '../../lib/in-worker.ts';
import { doc } from '../../lib/openapi.ts';
import { exportQueue, fileDoc } from '../../lib/openapi-files.ts';
import { validate } from '../../lib/validate.ts';
import { downloadHeaders } from '../../lib/download.ts';
import { resolveBody } from '../org/body-scope.ts';
import { assertNotFuture } from './compliance.ts';
import { CONTENT_TYPES } from '../exports/tables.ts';
import { exportSynthesis } from '../exports/synthesis-export.ts';
import { loadSynthesis } from './synthesis.ts';

/** The month's synthesis of the body the caller may see (its own, or the one named). */
async function synthesisFor(
  deps: Deps,
  user: AuthUser,
  q: { month: string; gap: number; bodyId?: string },
) {
  const at = deps.now();
  assertNotFuture(q.month, at);
  const ctx = await resolveBody(deps.db, user, q.bodyId);
  return { ctx, at, ...(await loadSynthesis(deps.db, ctx, q.month, q.gap, at)) };
}

/** The month's figures for a body and the bodies below it, as JSON or as a file (docs/api.md). */
export const synthesisRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(requireRole('staff', 'leader', 'admin'))
  .get(
    '/',
    describeRoute({
      ...doc(
        'Monthly synthesis: reports filed vs expected, bands, criteria groups, self-score gaps (> gap points), issues raised / resolved / overdue by category and body, median working days to acknowledge and resolve, 6-month trend',
        SynthesisResponse,
      ),
    }),
    validate('query', SynthesisQuery),
    async (c) => {
      const { view } = await synthesisFor(c.var.deps, c.var.user, c.req.valid('query'));
      return c.json(view, 200);
    },
  )
  .get(
    '/export',
    describeRoute(
      fileDoc(
        'The monthly synthesis as XLSX (one sheet per table, A4, counts, rates and dates typed, totals rows), DOCX (Party administrative layout) or CSV (UTF-8 with BOM; `csvLocale=vi`: `;` and decimal comma)',
        Object.values(CONTENT_TYPES),
        exportQueue,
      ),
    ),
    validate('query', SynthesisExportQuery),
    exportAdmission,
    async (c) => {
      const q = c.req.valid('query');
      const { ctx, at, view, items } = await synthesisFor(c.var.deps, c.var.user, q);
      const file = await exportSynthesis(
        c.var.deps.db,
        ctx,
        view,
        items,
        q.format,
        at,
        q.csvLocale,
      );
      return c.body(
        file.body as Uint8Array<ArrayBuffer>,
        200,
        downloadHeaders(file.contentType, file.filename, file.body.byteLength),
      );
    },
  );
