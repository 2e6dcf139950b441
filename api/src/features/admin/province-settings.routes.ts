import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { ProvinceSettingsView } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { validate } from '../../lib/validate.ts';
import { provinceSettingsView } from '../org/settings.ts';
import { adminDoc, ProvinceQuery, NO_PROVINCE } from './doc.ts';
import { adminProvince } from './scope.ts';

/** A province's deadline and reporting settings, every dated version with its source. Admin only. */
export const adminProvinceSettingsRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc(
        "A province's deadline settings, every version with its source and whether it is local configuration (the admin's own province by default)",
        ProvinceSettingsView,
        { extra: [409], describe: { 409: NO_PROVINCE } },
      ),
    ),
    validate('query', ProvinceQuery),
    async (c) => {
      const provinceId = await adminProvince(
        c.var.deps.db,
        c.var.user,
        c.req.valid('query').provinceId,
      );
      return c.json(await provinceSettingsView(c.var.deps.db, provinceId), 200);
    },
  );
