import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { ReportInput, ReportResult, ReportView, Uuid } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { submitReport } from './reports.ts';
import { listOwnReports, loadReportView } from './view.ts';

const ReportSummary = z.object({
  id: Uuid,
  cellId: z.string(),
  cellName: z.string(),
  meetingDate: z.string(),
  score: z.number(),
  band: z.string(),
  onTime: z.boolean(),
  submittedAt: z.string(),
});

export const reportRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post(
    '/',
    describeRoute(
      doc('Submit a report (idempotent on the client-made id)', ReportResult, {
        body: ReportInput,
        status: 201,
        extra: [200, 409, 429],
        describe: {
          409: 'The report id was already used with other content (`REPORT_CONFLICT`), or an issue id by another report (`ISSUE_CONFLICT`)',
          429: 'The member’s daily report limit of the province is reached (`DAILY_REPORT_LIMIT`); `Retry-After` is the time to local midnight',
        },
      }),
    ),
    requireRole('observer'),
    ...jsonBody(ReportInput),
    async (c) => {
      const outcome = await submitReport(c.var.deps, c.var.user, c.req.valid('json'));
      return c.json(outcome.body, outcome.status);
    },
  )
  .get(
    '/',
    describeRoute(
      doc("The caller's own reports, newest first", z.object({ items: z.array(ReportSummary) })),
    ),
    validate('query', z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })),
    async (c) =>
      c.json(
        { items: await listOwnReports(c.var.deps.db, c.var.user, c.req.valid('query').limit) },
        200,
      ),
  )
  .get(
    '/:id',
    describeRoute(
      doc(
        'A stored report with its score and the issues the caller may see (all for its author and admins; for a body, those it holds, held or may take over)',
        ReportView,
      ),
    ),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(await loadReportView(db, c.var.user, c.req.param('id'), now()), 200);
    },
  );
