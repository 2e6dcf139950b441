import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { ComplianceResponse, MonthBodyQuery } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { resolveBody } from '../org/body-scope.ts';
import { assertNotFuture, complianceView, loadCompliance } from './compliance.ts';

/** Who reported on which cell, and whether on time, for a month and a body (docs/api.md). */
export const complianceRoutes = new Hono<AppEnv>().use(requireUser).get(
  '/',
  describeRoute({
    ...doc(
      'Reporting compliance of a month: on_time / late / missing / not_due (not filed, due date not passed) for each report an assignment expects (monthly, every N months or its turn on a rota) on a cell under the body, with counts per member, per committee and in total',
      ComplianceResponse,
    ),
  }),
  requireRole('staff', 'leader', 'admin'),
  validate('query', MonthBodyQuery),
  async (c) => {
    const { db, now } = c.var.deps;
    const q = c.req.valid('query');
    assertNotFuture(q.month, now());
    const ctx = await resolveBody(db, c.var.user, q.bodyId);
    const items = await loadCompliance(db, ctx, [q.month], q.month, undefined, now());
    return c.json(complianceView(ctx, q.month, items), 200);
  },
);
