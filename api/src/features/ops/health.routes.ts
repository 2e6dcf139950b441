import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.ts';
import { faultMessage, probeDatabase, storageFullFault, type Fault } from '../../db/health.ts';
import apiPackage from '../../../package.json' with { type: 'json' };

/**
 * Who answers: a client testing an address (the side panel's first-run sign-in) tells a duhop
 * server from any other server that answers `/health`, and shows the version.
 */
const SERVICE = { service: 'duhop' as const, version: apiPackage.version };

const Healthy = z.object({
  status: z.literal('ok'),
  service: z.literal('duhop'),
  version: z.string(),
});
const Unavailable = z.object({
  status: z.literal('unavailable'),
  service: z.literal('duhop'),
  version: z.string(),
  reason: z.enum(['STORAGE_FULL', 'DATABASE_UNAVAILABLE', 'DATABASE_FAILED', 'DATABASE_TIMEOUT']),
  message: z.string(),
  detail: z.string(),
});

/**
 * Readiness for a proxy or a supervisor: 200 when the database answers `select 1` in time and can
 * take writes; 503 with the reason otherwise (a PGlite stopped by a PANIC, a disk nearly full, a
 * PostgreSQL that refuses connections or does not answer).
 */
export const healthRoutes = new Hono<AppEnv>().get(
  '/health',
  describeRoute({
    summary: 'Liveness and readiness: 503 with the reason when the database cannot serve',
    security: [],
    responses: {
      200: {
        description: 'The database answers and has room to write',
        content: { 'application/json': { schema: resolver(Healthy) } },
      },
      503: {
        description: 'Out of service, and why',
        content: { 'application/json': { schema: resolver(Unavailable) } },
      },
    },
  }),
  async (c) => {
    const { database, storageGuard, config } = c.var.deps;
    let fault: Fault | null = database.faults?.fatal ?? null;
    if (!fault && storageGuard && (await storageGuard.isLow()))
      fault = storageFullFault(storageGuard);
    fault ??= await probeDatabase(database.exec, config.healthTimeoutMs);
    c.header('Cache-Control', 'no-store');
    if (!fault) return c.json({ status: 'ok' as const, ...SERVICE }, 200);
    return c.json(
      {
        status: 'unavailable' as const,
        ...SERVICE,
        reason: fault.code,
        message: faultMessage(fault.code),
        detail: fault.reason,
      },
      503,
    );
  },
);
