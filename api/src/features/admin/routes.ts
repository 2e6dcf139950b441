import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { adminAuditRoutes } from './audit.routes.ts';
import { adminBackupRoutes } from '../backup/routes.ts';
import { adminCriteriaRoutes } from './criteria.routes.ts';
import { adminOrgRoutes } from './org.routes.ts';
import { adminProvinceSettingsRoutes } from './province-settings.routes.ts';
import { adminRoutingRoutes } from './routing.routes.ts';
import { adminUserRoutes } from './users.routes.ts';
import { adminDeliveryRoutes } from '../deliveries/admin.routes.ts';
import { adminWebhookRoutes } from '../webhooks/routes.ts';

/** `/api/admin/*`: each area checks for an admin itself. */
export const adminRoutes = new Hono<AppEnv>()
  .route('/users', adminUserRoutes)
  .route('/org-units', adminOrgRoutes)
  .route('/routing-rules', adminRoutingRoutes)
  .route('/criteria-sets', adminCriteriaRoutes)
  .route('/province-settings', adminProvinceSettingsRoutes)
  .route('/audit', adminAuditRoutes)
  .route('/backup', adminBackupRoutes)
  .route('/deliveries', adminDeliveryRoutes)
  .route('/webhooks', adminWebhookRoutes);
