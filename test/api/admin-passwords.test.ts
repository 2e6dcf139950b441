import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { truncateAll } from '../support/db.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

// These tests change accounts: put the demo province back for the next one.
afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

async function userId(token: string, username: string): Promise<string> {
  const res = await h.raw('GET', `/api/admin/users?q=${username}`, { token });
  const found = res.body.items.find((u: { username: string }) => u.username === username);
  if (!found) throw new Error(`no user ${username}`);
  return found.id;
}

describe('passwords', () => {
  it('reset: old sessions end, sign-in says mustChangePassword, every route but the password change and logout is 403 until it is changed', async () => {
    const admin = await h.login('admin');
    const old = await h.login('commune');
    const id = await userId(admin, 'commune');
    const reset = await h.raw('POST', `/api/admin/users/${id}/reset-password`, { token: admin, body: { temporaryPassword: 'tam-thoi-2026' } });
    expect(reset.status).toBe(200);
    expect(reset.body.mustChangePassword).toBe(true);
    expect(JSON.stringify(reset.body)).not.toContain('tam-thoi-2026');
    expect((await h.raw('GET', '/api/inbox', { token: old })).status).toBe(401);
    expect((await h.raw('POST', '/api/auth/login', { body: { username: 'commune', password: 'demo1234' } })).status).toBe(401);

    const login = await h.raw('POST', '/api/auth/login', { body: { username: 'commune', password: 'tam-thoi-2026' } });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.token;
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/inbox'],
      ['GET', '/api/org-units'],
      ['GET', '/api/me/password'],
      ['POST', '/api/me/password/'],
    ] as const) {
      const res = await h.raw(method, path, { token });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }

    const changed = await h.raw('POST', '/api/me/password', { token, body: { currentPassword: 'tam-thoi-2026', newPassword: 'mat-khau-moi-1' } });
    expect(changed.status).toBe(200);
    expect((await h.raw('GET', '/api/inbox', { token })).status).toBe(200);
    const again = await h.raw('POST', '/api/auth/login', { body: { username: 'commune', password: 'mat-khau-moi-1' } });
    expect(again.body.user.mustChangePassword).toBe(false);
    const actions = (await h.raw('GET', '/api/admin/audit', { token: admin })).body.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(['user.change_password', 'user.reset_password']);
  });

  it('a user holding a reset password may still sign out', async () => {
    const admin = await h.login('admin');
    await h.raw('POST', `/api/admin/users/${await userId(admin, 'observer')}/reset-password`, { token: admin, body: { temporaryPassword: 'tam-thoi-2026' } });
    const token = await h.login('observer', 'tam-thoi-2026');
    expect((await h.raw('POST', '/api/auth/logout', { token })).status).toBe(200);
    expect((await h.raw('POST', '/api/me/password', { token, body: { currentPassword: 'tam-thoi-2026', newPassword: 'mat-khau-moi-1' } })).status).toBe(401);
  });

  it.each([
    ['too short', { currentPassword: 'demo1234', newPassword: 'short' }, 'newPassword'],
    ['the same as now', { currentPassword: 'demo1234', newPassword: 'demo1234' }, 'newPassword'],
    ['without the current one', { newPassword: 'mat-khau-moi-1' }, 'currentPassword'],
  ])('refuses a new password %s with 422', async (_, body, field) => {
    const token = await h.login('observer');
    const res = await h.raw('POST', '/api/me/password', { token, body });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });

  it('needs the right current password, throttles guesses, and ends the user’s other sessions', async () => {
    const token = await h.login('observer');
    const other = await h.login('observer');
    const wrong = await h.raw('POST', '/api/me/password', { token, body: { currentPassword: 'nope-nope', newPassword: 'mat-khau-moi-1' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    expect(wrong.body.error.fields).toHaveProperty('currentPassword');

    const ok = await h.raw('POST', '/api/me/password', { token, body: { currentPassword: 'demo1234', newPassword: 'mat-khau-moi-1' } });
    expect(ok.status).toBe(200);
    expect((await h.raw('GET', '/api/me', { token })).status).toBe(200);
    expect((await h.raw('GET', '/api/me', { token: other })).status).toBe(401);

    for (let i = 0; i < 5; i++) await h.raw('POST', '/api/me/password', { token, body: { currentPassword: 'guess-guess', newPassword: 'mat-khau-moi-2' } });
    const locked = await h.raw('POST', '/api/me/password', { token, body: { currentPassword: 'mat-khau-moi-1', newPassword: 'mat-khau-moi-2' } });
    expect(locked.status).toBe(429);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const token = await h.login('observer');
    const res = await h.raw('POST', '/api/me/password', { token, body: 'currentPassword=demo1234', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });
});

describe('audit log', () => {
  it('pages newest first with a cursor and filters by entity', async () => {
    const token = await h.login('admin');
    for (const name of ['Chi bộ A', 'Chi bộ B', 'Chi bộ C']) {
      h.clock.advance(60_000);
      await h.raw('PATCH', '/api/admin/org-units/hn-th', { token, body: { name } });
    }
    const first = await h.raw('GET', '/api/admin/audit?limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((a: { data: { after: { name: string } } }) => a.data.after.name)).toEqual(['Chi bộ C', 'Chi bộ B']);
    expect(first.body.items[0]).toMatchObject({ action: 'org_unit.rename', entity: 'org_unit', entityId: 'hn-th', at: '2026-11-05T09:03:00.000+07:00' });
    const second = await h.raw('GET', `/api/admin/audit?limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items.map((a: { data: { before: { name: string } } }) => a.data.before.name)).toEqual(['Chi bộ Trường Tiểu học Hưng Nguyên']);
    expect(second.body.nextCursor).toBeNull();
    expect((await h.raw('GET', '/api/admin/audit?entity=user', { token })).body.items).toEqual([]);
    expect((await h.raw('GET', '/api/admin/audit?cursor=abc', { token })).status).toBe(422);
  });
});
