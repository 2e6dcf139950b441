import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../api/src/db/rows.ts';
import { useHarness } from '../support/app.ts';
import { buildReport } from '../support/reports.ts';
import { apiRoutes, fillPath } from '../support/routes.ts';
import { tokenFor } from '../support/tokens.ts';

// Abuse: password guessing, tokens past their life, bodies past the limit.
const h = useHarness('2026-11-05T09:00:00+07:00');
const routes = await apiRoutes();
const authed = routes.filter((r) => r.auth);
const withBody = routes.filter((r) => r.method !== 'GET');
const login = (username: string, password: string) =>
  h.raw('POST', '/api/auth/login', { body: { username, password } });
const samplePath = (path: string) => fillPath(path, () => '00000000-0000-4000-8000-000000000000');

async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    h.database.db,
    sql`select (select count(*)::int from reports) as reports, (select count(*)::int from issues) as issues,
               (select count(*)::int from issue_events) as events, (select count(*)::int from users) as users,
               (select count(*)::int from org_units) as org_units`,
  );
  return row!;
}

describe('password guessing', () => {
  it('is throttled per account whatever the case or spacing of the username, and the right password is refused meanwhile', async () => {
    const variants = ['observer', 'OBSERVER', 'Observer', ' observer ', 'oBsErVeR'];
    for (const username of variants) expect((await login(username, 'guess')).status).toBe(401);
    for (const username of variants) {
      const res = await login(username, 'demo1234');
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Other accounts keep working; the account opens again once the window has passed.
    expect((await login('observer2', 'demo1234')).status).toBe(200);
    h.clock.advance(16 * 60_000);
    expect((await login('observer', 'demo1234')).status).toBe(200);
  });

  it('guesses sent all at once are throttled too: no more than the allowed number are checked', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('commune', `guess-${i}`)),
    );
    const checked = results.filter((r) => r.status === 401).length;
    expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(checked).toBeLessThanOrEqual(5);
    expect((await login('commune', 'demo1234')).status).toBe(429);
  });

  it('a token cannot be used to guess the current password without limit', async () => {
    const token = await tokenFor(h.database, 'observer');
    const attempt = () =>
      h.raw('POST', '/api/me/password', {
        token,
        body: { currentPassword: 'guess-guess', newPassword: 'a-new-password-1' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('tokens past their life', () => {
  it('an expired token is refused on every authenticated route', async () => {
    const token = await tokenFor(h.database, 'admin', new Date('2026-11-05T09:00:00+07:00'));
    for (const r of authed) {
      const res = await h.raw(r.method, samplePath(r.path), {
        token,
        ...(r.method === 'GET' ? {} : { body: {} }),
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.body.error.code).toBe('INVALID_TOKEN');
    }
  });

  it('a token stops working the moment it expires (login TTL) and after logout, on every authenticated route', async () => {
    const token = await h.login('admin');
    expect((await h.raw('GET', '/api/me', { token })).status).toBe(200);
    // Used every few hours (the idle timeout is 8 hours) up to the last millisecond of its life.
    const lastMs = 30 * 24 * 3600_000 - 1;
    for (let t = 6 * 3600_000; t < lastMs; t += 6 * 3600_000) {
      h.clock.advance(6 * 3600_000);
      expect((await h.raw('GET', '/api/me', { token })).status).toBe(200);
    }
    h.clock.advance(lastMs % (6 * 3600_000) || 6 * 3600_000);
    expect((await h.raw('GET', '/api/me', { token })).status).toBe(200);
    h.clock.advance(1);
    expect((await h.raw('GET', '/api/me', { token })).status).toBe(401);

    const revoked = await h.login('admin');
    expect((await h.raw('POST', '/api/auth/logout', { token: revoked })).status).toBe(200);
    for (const r of authed) {
      const res = await h.raw(r.method, samplePath(r.path), {
        token: revoked,
        ...(r.method === 'GET' ? {} : { body: {} }),
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it("a deactivated account's tokens are refused", async () => {
    const token = await tokenFor(h.database, 'observer2');
    expect((await h.raw('GET', '/api/me', { token })).status).toBe(200);
    await h.database.exec(`update users set active = false where username = 'observer2'`);
    try {
      expect((await h.raw('GET', '/api/me', { token })).status).toBe(401);
      expect((await login('observer2', 'demo1234')).status).toBe(401);
    } finally {
      await h.database.exec(`update users set active = true where username = 'observer2'`);
    }
  });
});

describe('bodies past the limit', () => {
  const big = JSON.stringify({ ...buildReport(), suggestions: 'x'.repeat(1024 * 1024) });

  it.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: 413 with or without a token, nothing written',
    async (_, r) => {
      const token = await tokenFor(
        h.database,
        r.path.startsWith('/api/admin') || r.path.startsWith('/api/assignments')
          ? 'admin'
          : 'observer',
      );
      const before = await counts();
      for (const t of [token, undefined]) {
        const res = await h.raw(r.method, samplePath(r.path), { token: t, body: big });
        expect(res.status).toBe(413);
        expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      }
      expect(await counts()).toEqual(before);
    },
  );

  it('a body streamed without Content-Length is cut at the limit too', async () => {
    const token = await tokenFor(h.database, 'observer');
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 4 MB in all, unless the server stops reading first.
        if (sent >= 64) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await h.app.request('/api/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await counts()).toMatchObject({ reports: 0, issues: 0 });
  });
});
