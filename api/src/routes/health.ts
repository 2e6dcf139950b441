import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';

export const healthRoutes = new Hono<AppEnv>().get(
  '/health',
  describeRoute(doc('Liveness and readiness', z.object({ status: z.literal('ok') }), { auth: false })),
  async (c) => {
    await c.var.deps.database.exec('select 1');
    return c.json({ status: 'ok' as const }, 200);
  },
);
