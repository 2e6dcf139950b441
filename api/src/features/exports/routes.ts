import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { exportAdmission } from '../../lib/in-worker.ts';
import { exportQueue, fileDoc } from '../../lib/openapi-files.ts';
import { validate } from '../../lib/validate.ts';
import { downloadHeaders } from '../../lib/download.ts';
import { CONTENT_TYPES } from './tables.ts';
import { exportReportDocx } from './report-export.ts';

const ReportExportQuery = z.object({ format: z.enum(['docx']).default('docx') });

/** One report as a file for the member's records; same visibility as GET /api/reports/:id. */
export const reportExportRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(exportAdmission)
  .get(
    '/:id',
    describeRoute(
      fileDoc(
        'One report as DOCX (administrative layout) for the member’s records; visible to those who may read the report',
        [CONTENT_TYPES.docx],
        exportQueue,
      ),
    ),
    validate('query', ReportExportQuery),
    async (c) => {
      const file = await exportReportDocx(
        c.var.deps.db,
        c.var.user,
        c.req.param('id'),
        c.var.deps.now(),
      );
      return c.body(
        file.body as Uint8Array<ArrayBuffer>,
        200,
        downloadHeaders(file.contentType, file.filename, file.body.byteLength),
      );
    },
  );
