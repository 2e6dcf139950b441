import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';

const h = useHarness();

describe('HTTP basics', () => {
  it('GET /health is ok', async () => {
    expect(await read(h.as().health.$get())).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /health names the service and its version (a client tells duhop from another server)', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../api/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const res = await read(h.as().health.$get());
    expect(res.body).toEqual({ status: 'ok', service: 'duhop', version });
  });

  it('unknown routes are a JSON 404', async () => {
    const res = await h.raw('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.error?.code).toBe('ROUTE_NOT_FOUND');
  });

  it('malformed JSON is 400 MALFORMED_JSON', async () => {
    const res = await h.raw('POST', '/api/auth/login', { body: '{"username": "observer",' });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe('MALFORMED_JSON');
  });

  it('a body that is not JSON is 415', async () => {
    const res = await h.raw('POST', '/api/auth/login', {
      body: 'username=observer',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over the limit is 413 and nothing is read', async () => {
    const token = await h.login('observer');
    const res = await h.raw('POST', '/api/reports', {
      token,
      body: JSON.stringify({ suggestions: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('CORS admits extension origins and no others', async () => {
    const ext = await h.app.request('/api/me', {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'GET',
      },
    });
    expect(ext.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    const web = await h.app.request('/api/me', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an unexpected failure is a logged 500 with a request id, not a crash', async () => {
    const token = await h.login('observer');
    await h.database.exec('alter table org_units rename to org_units_gone');
    try {
      const res = await read(h.as(token).api['org-units'].$get());
      expect(res.status).toBe(500);
      expect(res.error?.code).toBe('INTERNAL_ERROR');
      expect(res.error?.requestId).toBeTruthy();
      expect(h.logged).toHaveLength(1);
    } finally {
      await h.database.exec('alter table org_units_gone rename to org_units');
    }
  });

  it('GET /openapi.json documents every route from the zod schemas', async () => {
    const res = await h.raw('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/login',
      '/api/me',
      '/api/org-units',
      '/api/criteria-sets/current',
      '/api/reports',
      '/api/reports/{id}',
      '/api/issues/{id}',
      '/api/inbox',
    ]) {
      expect(res.body.paths, path).toHaveProperty([path]);
    }
    const body = res.body.paths['/api/reports'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('attendance');
  });
});
