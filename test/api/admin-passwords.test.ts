import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { malformed, read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

// These tests change accounts: put the demo province back for the next one.
afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

async function userId(token: string, username: string): Promise<string> {
  const res = await read(h.as(token).api.admin.users.$get({ query: { q: username } }));
  const found = res.body.items.find((u) => u.username === username);
  if (!found) throw new Error(`no user ${username}`);
  return found.id;
}

describe('passwords', () => {
  it('reset: old sessions end, sign-in says mustChangePassword, every route but the password change and logout is 403 until it is changed', async () => {
    const admin = await h.login('admin');
    const old = await h.login('commune');
    const id = await userId(admin, 'commune');
    const reset = await read(
      h.as(admin).api.admin.users[':id']['reset-password'].$post({
        param: { id },
        json: { temporaryPassword: 'tam-thoi-2026' },
      }),
    );
    expect(reset.status).toBe(200);
    expect(reset.body.mustChangePassword).toBe(true);
    expect(JSON.stringify(reset.body)).not.toContain('tam-thoi-2026');
    expect((await read(h.as(old).api.inbox.$get({ query: {} }))).status).toBe(401);
    expect(
      (
        await read(
          h.as().api.auth.login.$post({ json: { username: 'commune', password: 'demo1234' } }),
        )
      ).status,
    ).toBe(401);

    const login = await read(
      h.as().api.auth.login.$post({ json: { username: 'commune', password: 'tam-thoi-2026' } }),
    );
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
      expect(res.error?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }

    const changed = await read(
      h.as(token).api.me.password.$post({
        json: { currentPassword: 'tam-thoi-2026', newPassword: 'mat-khau-moi-1' },
      }),
    );
    expect(changed.status).toBe(200);
    expect((await read(h.as(token).api.inbox.$get({ query: {} }))).status).toBe(200);
    const again = await read(
      h.as().api.auth.login.$post({ json: { username: 'commune', password: 'mat-khau-moi-1' } }),
    );
    expect(again.body.user.mustChangePassword).toBe(false);
    const actions = (await read(h.as(admin).api.admin.audit.$get({ query: {} }))).body.items.map(
      (a) => a.action,
    );
    expect(actions).toEqual(['user.change_password', 'user.reset_password']);
  });

  it('a user holding a reset password may still sign out', async () => {
    const admin = await h.login('admin');
    await read(
      h.as(admin).api.admin.users[':id']['reset-password'].$post({
        param: { id: await userId(admin, 'observer') },
        json: { temporaryPassword: 'tam-thoi-2026' },
      }),
    );
    const token = await h.login('observer', 'tam-thoi-2026');
    expect((await read(h.as(token).api.auth.logout.$post())).status).toBe(200);
    expect(
      (
        await read(
          h.as(token).api.me.password.$post({
            json: { currentPassword: 'tam-thoi-2026', newPassword: 'mat-khau-moi-1' },
          }),
        )
      ).status,
    ).toBe(401);
  });

  it.each([
    ['too short', { currentPassword: 'demo1234', newPassword: 'short' }, 'newPassword'],
    ['the same as now', { currentPassword: 'demo1234', newPassword: 'demo1234' }, 'newPassword'],
    ['without the current one', { newPassword: 'mat-khau-moi-1' }, 'currentPassword'],
  ])('refuses a new password %s with 422', async (_, body, field) => {
    const token = await h.login('observer');
    const res = await read(h.as(token).api.me.password.$post({ json: malformed(body) }));
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual([field]);
  });

  it('needs the right current password, throttles guesses, and ends the user’s other sessions', async () => {
    const token = await h.login('observer');
    const other = await h.login('observer');
    const wrong = await read(
      h.as(token).api.me.password.$post({
        json: { currentPassword: 'nope-nope', newPassword: 'mat-khau-moi-1' },
      }),
    );
    expect(wrong.status).toBe(422);
    expect(wrong.error?.code).toBe('WRONG_PASSWORD');
    expect(wrong.error?.fields).toHaveProperty('currentPassword');

    const ok = await read(
      h.as(token).api.me.password.$post({
        json: { currentPassword: 'demo1234', newPassword: 'mat-khau-moi-1' },
      }),
    );
    expect(ok.status).toBe(200);
    expect((await read(h.as(token).api.me.$get())).status).toBe(200);
    expect((await read(h.as(other).api.me.$get())).status).toBe(401);

    for (let i = 0; i < 5; i++)
      await read(
        h.as(token).api.me.password.$post({
          json: { currentPassword: 'guess-guess', newPassword: 'mat-khau-moi-2' },
        }),
      );
    const locked = await read(
      h.as(token).api.me.password.$post({
        json: { currentPassword: 'mat-khau-moi-1', newPassword: 'mat-khau-moi-2' },
      }),
    );
    expect(locked.status).toBe(429);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const token = await h.login('observer');
    const res = await h.raw('POST', '/api/me/password', {
      token,
      body: 'currentPassword=demo1234',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
  });
});

describe('audit log', () => {
  it('pages newest first with a cursor and filters by entity', async () => {
    const token = await h.login('admin');
    for (const name of ['Chi bộ A', 'Chi bộ B', 'Chi bộ C']) {
      h.clock.advance(60_000);
      await read(
        h
          .as(token)
          .api.admin['org-units'][':id'].$patch({ param: { id: 'hn-th' }, json: { name } }),
      );
    }
    const first = await read(h.as(token).api.admin.audit.$get({ query: { limit: '2' } }));
    expect(first.status).toBe(200);
    expect(first.body.items.map((a) => (a.data as { after: { name: string } }).after.name)).toEqual(
      ['Chi bộ C', 'Chi bộ B'],
    );
    expect(first.body.items[0]).toMatchObject({
      action: 'org_unit.rename',
      entity: 'org_unit',
      entityId: 'hn-th',
      at: '2026-11-05T09:03:00.000+07:00',
    });
    const second = await read(
      h.as(token).api.admin.audit.$get({ query: { limit: '2', cursor: first.body.nextCursor! } }),
    );
    expect(
      second.body.items.map((a) => (a.data as { before: { name: string } }).before.name),
    ).toEqual(['Chi bộ Trường Tiểu học Hưng Nguyên']);
    expect(second.body.nextCursor).toBeNull();
    expect(
      (await read(h.as(token).api.admin.audit.$get({ query: { entity: 'user' } }))).body.items,
    ).toEqual([]);
    expect(
      (await read(h.as(token).api.admin.audit.$get({ query: { cursor: 'abc' } }))).status,
    ).toBe(422);
  });
});
