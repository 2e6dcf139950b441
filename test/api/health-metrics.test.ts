import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '@duhop/shared';
import { createApp } from '../../api/src/app.ts';
import { StorageGuard } from '../../api/src/db/health.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { openTestDatabase } from '../support/db.ts';

// /health, /metrics and the 503 answers to database faults, in process on both databases (the
// real-process versions: process-observability, process-disk-full, process-pg-outage).
const h = useHarness();
const call = async (
  app: ReturnType<typeof createApp>,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
) => {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  const body = text.startsWith('{') ? JSON.parse(text) : text;
  const refused = ErrorBody.safeParse(body);
  return {
    status: res.status,
    headers: res.headers,
    text,
    body,
    error: refused.success ? refused.data.error : undefined,
  };
};

describe('/metrics', () => {
  it('is 404 when METRICS_TOKEN is not set, even with a session token', async () => {
    const token = await h.login('admin');
    expect((await read(h.as(token).metrics.$get())).status).toBe(404);
  });

  it('with METRICS_TOKEN: 401 for a wrong or missing token, the Prometheus text for the right one', async () => {
    const app = createApp({
      database: h.database,
      config: { metricsToken: 'a-metrics-token-0123456789' },
    });
    expect((await call(app, 'GET', '/metrics')).status).toBe(401);
    const session = await h.login('admin');
    expect((await call(app, 'GET', '/metrics', { token: session })).status).toBe(401);
    await call(app, 'GET', '/health');
    await call(app, 'GET', '/api/nothing-here');
    const res = await call(app, 'GET', '/metrics', { token: 'a-metrics-token-0123456789' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('# TYPE duhop_http_request_duration_seconds histogram');
    expect(res.text).toContain(
      'duhop_http_requests_total{method="GET",route="/health",status="200"} 1',
    );
    // An unknown path is counted under one label, not under its raw URL.
    expect(res.text).toContain(
      'duhop_http_requests_total{method="GET",route="unmatched",status="404"} 1',
    );
    expect(res.text).not.toContain('nothing-here');
  });

  it('is in /openapi.json, and /health documents its 503', async () => {
    const doc = (await h.raw('GET', '/openapi.json')).body;
    expect(doc.paths['/metrics'].get.responses).toHaveProperty(['200']);
    expect(doc.paths['/metrics'].get.responses).toHaveProperty(['401']);
    expect(JSON.stringify(doc.paths['/health'].get.responses['503'])).toContain('STORAGE_FULL');
  });
});

describe('database faults answer 503 with a code, never 500', () => {
  it('a database that is gone: /health 503 with the reason, requests 503 with Retry-After and a Vietnamese message', async () => {
    const database = await openTestDatabase();
    await seedDemo(database.db);
    const app = createApp({ database });
    expect((await call(app, 'GET', '/health')).status).toBe(200);
    await database.close();
    try {
      const health = await call(app, 'GET', '/health');
      expect(health.status).toBe(503);
      const reason = database.driver === 'postgres' ? 'DATABASE_UNAVAILABLE' : 'DATABASE_FAILED';
      expect(health.body).toMatchObject({ status: 'unavailable', reason });
      const login = await call(app, 'POST', '/api/auth/login', {
        body: { username: 'observer', password: 'demo1234' },
      });
      expect(login.status).toBe(503);
      expect(login.error?.code).toBe(reason);
      expect(login.error?.message).toMatch(/vui lòng thử lại sau/);
      expect(login.headers.get('retry-after')).toBe('10');
    } finally {
      await database.destroy().catch(() => {});
    }
  });

  it('a nearly full disk (STORAGE_MIN_FREE_MB): writes 503 STORAGE_FULL, reads still served, /health says why', async () => {
    const guard = new StorageGuard(tmpdir(), Number.MAX_SAFE_INTEGER);
    const app = createApp({ database: h.database, now: h.clock.now, storageGuard: guard });
    const token = await h.login('observer');
    const write = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'observer', password: 'demo1234' },
    });
    expect(write.status).toBe(503);
    expect(write.error?.code).toBe('STORAGE_FULL');
    expect(write.error?.message).toMatch(/hết dung lượng/);
    expect((await call(app, 'GET', '/api/me', { token })).status).toBe(200);
    const health = await call(app, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', reason: 'STORAGE_FULL' });
    // With room on the disk the same app writes again.
    const roomy = createApp({
      database: h.database,
      now: h.clock.now,
      storageGuard: new StorageGuard(tmpdir(), 1),
    });
    expect(
      (
        await call(roomy, 'POST', '/api/auth/login', {
          body: { username: 'observer', password: 'demo1234' },
        })
      ).status,
    ).toBe(200);
    expect((await call(roomy, 'GET', '/health')).status).toBe(200);
  });
});
