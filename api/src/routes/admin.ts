import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { adminAuditRoutes } from './admin-audit.ts';
import { adminBackupRoutes } from './admin-backup.ts';
import { adminCriteriaRoutes } from './admin-criteria.ts';
import { adminOrgRoutes } from './admin-org.ts';
import { adminRoutingRoutes } from './admin-routing.ts';
import { adminUserRoutes } from './admin-users.ts';

/** `/api/admin/*`: each area checks for an admin itself. */
export const adminRoutes = new Hono<AppEnv>()
  .route('/users', adminUserRoutes)
  .route('/org-units', adminOrgRoutes)
  .route('/routing-rules', adminRoutingRoutes)
  .route('/criteria-sets', adminCriteriaRoutes)
  .route('/audit', adminAuditRoutes)
  .route('/backup', adminBackupRoutes);
