import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { SynthesisExportQuery, SynthesisQuery, SynthesisResponse } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { exportAdmission } from '../../lib/in-worker.ts';
import { doc } from '../../lib/openapi.ts';
import { fileDoc, queryParameters } from '../../lib/openapi-files.ts';
import { validate } from '../../lib/validate.ts';
import { downloadHeaders } from '../../lib/download.ts';
import { resolveBody } from '../org/body-scope.ts';
import { assertNotFuture } from './compliance.ts';
import { CONTENT_TYPES } from '../exports/tables.ts';
import { exportSynthesis } from '../exports/synthesis-export.ts';
import { loadSynthesis } from './synthesis.ts';

/** The month's figures for a body and the bodies below it, as JSON or as a file (API.md). */
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
      parameters: queryParameters(SynthesisQuery),
    }),
    validate('query', SynthesisQuery),
    async (c) => {
      const { db, now } = c.var.deps;
      const q = c.req.valid('query');
      const at = now();
      assertNotFuture(q.month, at);
      const ctx = await resolveBody(db, c.var.user, q.bodyId);
      const { view } = await loadSynthesis(db, ctx, q.month, q.gap, at);
      return c.json(view, 200);
    },
  )
  .get(
    '/export',
    describeRoute(fileDoc('The monthly synthesis as XLSX (one sheet per table), DOCX (Party administrative layout) or CSV (UTF-8 with BOM)', Object.values(CONTENT_TYPES), SynthesisExportQuery)),
    validate('query', SynthesisExportQuery),
    exportAdmission,
    async (c) => {
      const { db, now } = c.var.deps;
      const q = c.req.valid('query');
      const at = now();
      assertNotFuture(q.month, at);
      const ctx = await resolveBody(db, c.var.user, q.bodyId);
      const { view, items } = await loadSynthesis(db, ctx, q.month, q.gap, at);
      const file = await exportSynthesis(ctx, view, items, q.format, at);
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200, downloadHeaders(file.contentType, file.filename, file.body.byteLength));
    },
  );
