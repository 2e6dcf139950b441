import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { RoutingRule } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { loadRules } from './reports.ts';

/**
 * The routing rules of the caller's province, read-only, so the extension can pre-fill each
 * issue's responsible body exactly as the server will route it (the server still decides).
 */
export const routingRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    describeRoute(
      doc(
        "The routing rules of the caller's province, in order",
        z.object({ items: z.array(RoutingRule) }),
      ),
    ),
    async (c) => {
      return c.json({ items: await loadRules(c.var.deps.db, c.var.user.orgUnitId) }, 200);
    },
  );
