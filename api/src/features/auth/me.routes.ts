import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { MeResponse, OrgUnitList } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { loadMe, provinceOrgUnits } from './me.ts';

export const meRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    describeRoute(doc('The signed-in user and their assignments in force today', MeResponse)),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(await loadMe(db, c.var.user, now()), 200);
    },
  );

export const orgRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    describeRoute(doc("The organisation graph of the caller's province", OrgUnitList)),
    async (c) =>
      c.json({ items: await provinceOrgUnits(c.var.deps.db, c.var.user.orgUnitId) }, 200),
  );
