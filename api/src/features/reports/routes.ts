import { desc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { ReportInput, ReportResult, ReportView, toLocalIso, Uuid } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { issues, orgUnits, reports, users } from '../../db/schema.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { issueView } from '../issues/view.ts';
import { submitReport } from './reports.ts';
import { reportIssuesFor } from '../org/scope.ts';

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

const reportNotFound = () => new ApiError(404, 'REPORT_NOT_FOUND', 'Không tìm thấy báo cáo');

export const reportRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post(
    '/',
    describeRoute(doc('Submit a report (idempotent on the client-made id)', ReportResult, { body: ReportInput, status: 201 })),
    requireRole('observer'),
    ...jsonBody(ReportInput),
    async (c) => {
      const outcome = await submitReport(c.var.deps, c.var.user, c.req.valid('json'));
      return c.json(outcome.body, outcome.status);
    },
  )
  .get(
    '/',
    describeRoute(doc("The caller's own reports, newest first", z.object({ items: z.array(ReportSummary) }))),
    validate('query', z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })),
    async (c) => {
      const { db } = c.var.deps;
      const rows = await db
        .select({
          id: reports.id,
          cellId: reports.cellId,
          cellName: orgUnits.name,
          meetingDate: reports.meetingDate,
          score: reports.score,
          band: reports.band,
          onTime: reports.onTime,
          submittedAt: reports.submittedAt,
        })
        .from(reports)
        .innerJoin(orgUnits, eq(orgUnits.id, reports.cellId))
        .where(eq(reports.authorId, c.var.user.id))
        .orderBy(desc(reports.submittedAt))
        .limit(c.req.valid('query').limit);
      return c.json({ items: rows.map((r) => ({ ...r, submittedAt: toLocalIso(r.submittedAt) })) }, 200);
    },
  )
  .get('/:id', describeRoute(doc('A stored report with its score and the issues the caller may see (all for its author and admins; for a body, those it holds, held or may take over)', ReportView)), async (c) => {
    const { db, now } = c.var.deps;
    const id = c.req.param('id');
    if (!Uuid.safeParse(id).success) throw reportNotFound();
    const [row] = await db
      .select({ report: reports, cellName: orgUnits.name, authorName: users.displayName })
      .from(reports)
      .innerJoin(orgUnits, eq(orgUnits.id, reports.cellId))
      .innerJoin(users, eq(users.id, reports.authorId))
      .where(eq(reports.id, id));
    const at = now();
    // A body reads only the issues it may see (never a sibling routed elsewhere); none: 404.
    const issueRows = row ? await reportIssuesFor(db, c.var.user, row.report, at) : null;
    if (!row || !issueRows) throw reportNotFound();
    const bodies = issueRows.length
      ? await db
          .select({ id: orgUnits.id, name: orgUnits.name })
          .from(orgUnits)
          .where(inArray(orgUnits.id, [...new Set(issueRows.map((i) => i.responsibleBodyId))]))
      : [];
    const bodyName = new Map(bodies.map((b) => [b.id, b.name]));
    const r = row.report;
    const view: ReportView = {
      id: r.id,
      authorId: r.authorId,
      authorName: row.authorName,
      cellId: r.cellId,
      cellName: row.cellName,
      meetingDate: r.meetingDate,
      meetingType: r.meetingType,
      startedAt: toLocalIso(r.startedAt),
      endedAt: toLocalIso(r.endedAt),
      online: r.online,
      attendance: r.attendance as Record<string, unknown>,
      criteriaSetId: r.criteriaSetId,
      scores: r.scores as Record<string, number>,
      groupNotes: r.groupNotes as Record<string, string>,
      score: r.score,
      groupScores: r.groupScores as Record<string, number>,
      band: r.band,
      cellSelfScore: r.cellSelfScore,
      suggestions: r.suggestions,
      onTime: r.onTime,
      submittedAt: toLocalIso(r.submittedAt),
      issues: issueRows.map((i) => issueView(i, at, { cellName: row.cellName, bodyName: bodyName.get(i.responsibleBodyId) })),
    };
    return c.json(view, 200);
  });
