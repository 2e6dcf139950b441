import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AuditList, AuditQuery } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { validate } from '../../lib/validate.ts';
import { listAudit } from './audit.ts';
import { adminDoc } from './doc.ts';

/** The log of administrative changes, newest first. Admin only. */
export const adminAuditRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc(
        'Administrative changes, newest first (`?cursor=&limit=&entity=&entityId=`)',
        AuditList,
      ),
    ),
    validate('query', AuditQuery),
    async (c) => c.json(await listAudit(c.var.deps.db, c.req.valid('query')), 200),
  );
