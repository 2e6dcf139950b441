import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ErrorBody } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { ApiError, notFoundErrors } from '../../lib/errors.ts';

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Prometheus metrics, only when METRICS_TOKEN is set (404 otherwise, like an unknown path), for
 * `Authorization: Bearer <METRICS_TOKEN>` — a scraper's secret, not a user session.
 */
export const metricsRoutes = new Hono<AppEnv>().get(
  '/metrics',
  describeRoute({
    summary:
      'Prometheus metrics (only when METRICS_TOKEN is set; Bearer METRICS_TOKEN, not a user token)',
    description:
      'Text exposition format 0.0.4: duhop_http_requests_total{method,route,status}, duhop_http_request_duration_seconds (histogram by method and route), ' +
      'duhop_http_requests_in_flight, duhop_reports_submitted_total, duhop_escalations_total, duhop_database_faults_total{code}, ' +
      'duhop_db_pool_connections{state} and duhop_db_pool_max (PostgreSQL), process uptime and resident memory.',
    security: [{ metricsToken: [] }],
    responses: {
      200: {
        description: 'The metrics',
        content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } },
      },
      401: {
        description: 'Missing or wrong METRICS_TOKEN',
        content: { 'application/json': { schema: resolver(ErrorBody) } },
      },
      404: {
        description: 'METRICS_TOKEN is not set on this server',
        content: { 'application/json': { schema: resolver(ErrorBody) } },
      },
    },
  }),
  async (c) => {
    const { config, metrics, database } = c.var.deps;
    if (!config.metricsToken) throw notFoundErrors.route();
    const match = /^Bearer\s+(\S+)$/.exec(c.req.header('authorization') ?? '');
    if (!match || !sameToken(match[1]!, config.metricsToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        'Cần mã truy cập số liệu vận hành (METRICS_TOKEN)',
      );
    }
    const pool =
      database.poolStats && !database.faults?.fatal
        ? await database.poolStats().catch(() => null)
        : null;
    c.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    return c.body(metrics.render(pool), 200);
  },
);
