import { afterEach, describe, expect, it } from 'vitest';
import type { UserCreateInput } from '@duhop/shared';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { malformed, read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';
import { buildReport } from '../support/reports.ts';

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

const newUser: UserCreateInput = {
  username: 'nv.hoa',
  displayName: 'Nguyễn Văn Hòa',
  role: 'staff',
  orgUnitId: 'dien-chau',
  password: 'tamthoi123',
};

describe('admin routes: permissions', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/admin/users'],
    ['POST', '/api/admin/users', newUser],
    ['PATCH', '/api/admin/users/00000000-0000-4000-8000-000000000000', { active: false }],
    [
      'POST',
      '/api/admin/users/00000000-0000-4000-8000-000000000000/reset-password',
      { temporaryPassword: 'tamthoi123' },
    ],
    ['POST', '/api/admin/users/import', 'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu\r\n'],
    ['GET', '/api/admin/org-units'],
    [
      'POST',
      '/api/admin/org-units',
      { id: 'x', name: 'X', kind: 'cell', parentId: 'hung-nguyen', validFrom: '2026-11-01' },
    ],
    ['PATCH', '/api/admin/org-units/hn-th', { name: 'X' }],
    [
      'POST',
      '/api/admin/org-units/hn-th/close',
      { validTo: '2026-11-04', successorId: 'hn-xom-1' },
    ],
    [
      'POST',
      '/api/admin/org-units/merge',
      { sourceIds: ['hn-th'], targetId: 'hn-xom-1', effectiveDate: '2026-11-05' },
    ],
    ['POST', '/api/admin/org-units/import', 'Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ\r\n'],
    ['GET', '/api/admin/routing-rules'],
    ['PUT', '/api/admin/routing-rules', { rules: [] }],
    ['POST', '/api/admin/routing-rules/test', { cellId: 'hn-xom-1', category: 'y_te' }],
    ['GET', '/api/admin/criteria-sets'],
    ['POST', '/api/admin/criteria-sets', {}],
    ['PATCH', '/api/admin/criteria-sets/hd42-2025', { name: 'X' }],
    ['GET', '/api/admin/audit'],
  ];

  it.each(['observer', 'commune', 'province'])(
    'refuses every admin route to %s with 403, and changes nothing',
    async (username) => {
      const token = await h.login(username);
      for (const [method, path, body] of routes) {
        const headers = typeof body === 'string' ? { 'content-type': 'text/csv' } : undefined;
        const res = await h.raw(method, path, { token, body, headers });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.error?.code).toBe('FORBIDDEN');
      }
      const admin = await h.login('admin');
      expect((await read(h.as(admin).api.admin.audit.$get({ query: {} }))).body.items).toEqual([]);
    },
  );

  it('answers 401 without a token', async () => {
    expect((await read(h.as().api.admin.users.$get({ query: {} }))).status).toBe(401);
  });

  it('lists every admin route in the OpenAPI document', async () => {
    const paths = Object.keys((await h.raw('GET', '/openapi.json')).body.paths);
    for (const p of [
      '/api/admin/users',
      '/api/admin/users/import',
      '/api/admin/users/{id}',
      '/api/admin/users/{id}/reset-password',
      '/api/me/password',
      '/api/admin/org-units',
      '/api/admin/org-units/{id}',
      '/api/admin/org-units/{id}/close',
      '/api/admin/org-units/merge',
      '/api/admin/org-units/import',
      '/api/admin/routing-rules',
      '/api/admin/routing-rules/test',
      '/api/admin/criteria-sets',
      '/api/admin/criteria-sets/{id}',
      '/api/admin/audit',
    ]) {
      expect(paths, p).toContain(p);
    }
    const doc = (await h.raw('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/admin/users/import'].post.requestBody.content)).toEqual([
      'text/csv',
    ]);
    expect(
      doc.paths['/api/admin/routing-rules'].put.requestBody.content['application/json'].schema,
    ).toBeTruthy();
  });
});

describe('accounts', () => {
  it('lists the province’s accounts by username, with pages, never a password', async () => {
    const token = await h.login('admin');
    const all = await read(h.as(token).api.admin.users.$get({ query: {} }));
    expect(all.status).toBe(200);
    expect(all.body.items.map((u) => u.username)).toEqual([
      'admin',
      'commune',
      'commune2',
      'observer',
      'observer2',
      'observer3',
      'province',
      'truongban',
    ]);
    expect(all.body.items[1]).toMatchObject({
      role: 'staff',
      roles: ['staff'],
      orgUnitId: 'hung-nguyen',
      orgUnitName: 'Đảng ủy xã Hưng Nguyên',
      active: true,
    });
    expect(JSON.stringify(all.body)).not.toMatch(/scrypt|passwordHash|"password"/);

    const first = await read(h.as(token).api.admin.users.$get({ query: { limit: '3' } }));
    expect(first.body.items).toHaveLength(3);
    const second = await read(
      h.as(token).api.admin.users.$get({ query: { limit: '3', cursor: first.body.nextCursor! } }),
    );
    expect(second.body.items.map((u) => u.username)).toEqual([
      'observer',
      'observer2',
      'observer3',
    ]);

    const staff = await read(h.as(token).api.admin.users.$get({ query: { role: 'staff' } }));
    // Any of an account's roles counts: truongban is an observer who is also staff.
    expect(staff.body.items.map((u) => u.username)).toEqual([
      'commune',
      'commune2',
      'province',
      'truongban',
    ]);
  });

  it('creates an account who must change the password at first sign-in; duplicates are 409', async () => {
    const token = await h.login('admin');
    const res = await read(h.as(token).api.admin.users.$post({ json: newUser }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'nv.hoa',
      role: 'staff',
      orgUnitId: 'dien-chau',
      active: true,
      mustChangePassword: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('tamthoi123');

    const login = await read(
      h.as().api.auth.login.$post({ json: { username: 'nv.hoa', password: 'tamthoi123' } }),
    );
    expect(login.body.user.mustChangePassword).toBe(true);

    const again = await read(
      h.as(token).api.admin.users.$post({ json: { ...newUser, username: 'NV.Hoa' } }),
    );
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('USERNAME_TAKEN');
  });

  it.each([
    ['a short password', { password: 'short' }, 'password'],
    ['a username with spaces', { username: 'nv hoa' }, 'username'],
    ['an unknown role', { role: 'boss' }, 'role'],
    ['an unknown body', { orgUnitId: 'nowhere' }, 'orgUnitId'],
  ])('refuses %s with 422 naming the field', async (_, change, field) => {
    const token = await h.login('admin');
    const res = await read(
      h.as(token).api.admin.users.$post({ json: malformed({ ...newUser, ...change }) }),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual([field]);
  });

  it('refuses a NUL character (which PostgreSQL cannot store) with 422, in a body, a CSV or a URL', async () => {
    const token = await h.login('admin');
    const res = await read(
      h.as(token).api.admin.users.$post({ json: { ...newUser, displayName: 'A\u0000B' } }),
    );
    expect(res.status).toBe(422);
    const file =
      'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu\r\na.b,A\u0000B,cán bộ,hung-nguyen,matkhau-01\r\n';
    expect(
      (
        await h.raw('POST', '/api/admin/users/import', {
          token,
          body: file,
          headers: { 'content-type': 'text/csv' },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await read(
          h.as(token).api.admin['org-units'][':id'].$patch({
            param: { id: 'hn%00th' },
            json: { name: 'X' },
          }),
        )
      ).status,
    ).toBe(422);
    expect((await h.raw('GET', '/api/admin/users?q=%00', { token })).status).toBe(422);
  });

  it('refuses a body that has been closed', async () => {
    const token = await h.login('admin');
    await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-xom-1' },
      }),
    );
    const res = await read(
      h.as(token).api.admin.users.$post({ json: { ...newUser, orgUnitId: 'hn-th' } }),
    );
    expect(res.status).toBe(422);
    expect(res.error?.fields?.orgUnitId?.[0]).toMatch(/giải thể/);
  });

  it('edits display name, role and body, and records who changed what', async () => {
    const token = await h.login('admin');
    const id = await userId(token, 'commune');
    const res = await read(
      h.as(token).api.admin.users[':id'].$patch({
        param: { id },
        json: { displayName: 'Trần Thị Bình (VP)', role: 'leader', orgUnitId: 'hung-nguyen-vp' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: 'Trần Thị Bình (VP)',
      role: 'leader',
      orgUnitId: 'hung-nguyen-vp',
    });
    const me = await read(h.as(await h.login('commune')).api.me.$get());
    expect(me.body.user).toMatchObject({ role: 'leader', orgUnitId: 'hung-nguyen-vp' });

    const audit = await read(h.as(token).api.admin.audit.$get({ query: {} }));
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.update',
      entity: 'user',
      entityId: id,
      actorName: 'Phạm Thị Dung',
      at: '2026-11-05T09:00:00.000+07:00',
      data: {
        before: { role: 'staff', orgUnitId: 'hung-nguyen' },
        after: { role: 'leader', orgUnitId: 'hung-nguyen-vp' },
      },
    });
  });

  it('deactivation revokes the user’s tokens at once and keeps what they wrote; reactivation needs a new sign-in', async () => {
    const admin = await h.login('admin');
    const token = await h.login('observer');
    const other = await h.login('observer');
    const report = buildReport();
    expect((await read(h.as(token).api.reports.$post({ json: report }))).status).toBe(201);

    const id = await userId(admin, 'observer');
    const res = await read(
      h.as(admin).api.admin.users[':id'].$patch({ param: { id }, json: { active: false } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    for (const t of [token, other]) expect((await read(h.as(t).api.me.$get())).status).toBe(401);
    expect(
      (
        await read(
          h.as().api.auth.login.$post({ json: { username: 'observer', password: 'demo1234' } }),
        )
      ).status,
    ).toBe(401);

    // The report and its issues stay, readable by the committee they went to.
    const stored = await read(h.as(admin).api.reports[':id'].$get({ param: { id: report.id } }));
    expect(stored.status).toBe(200);
    const inbox = await read(h.as(await h.login('commune')).api.inbox.$get({ query: {} }));
    expect(inbox.body.items).toHaveLength(2);

    await read(
      h.as(admin).api.admin.users[':id'].$patch({ param: { id }, json: { active: true } }),
    );
    expect((await read(h.as(token).api.me.$get())).status).toBe(401);
    expect((await read(h.as(await h.login('observer')).api.me.$get())).status).toBe(200);
    const actions = (
      await read(h.as(admin).api.admin.audit.$get({ query: { entity: 'user' } }))
    ).body.items.map((a) => a.action);
    expect(actions).toEqual(['user.reactivate', 'user.deactivate']);
  });

  it('an admin cannot lock themselves out', async () => {
    const token = await h.login('admin');
    const id = await userId(token, 'admin');
    expect(
      (
        await read(
          h.as(token).api.admin.users[':id'].$patch({ param: { id }, json: { active: false } }),
        )
      ).error?.fields,
    ).toHaveProperty('active');
    expect(
      (
        await read(
          h.as(token).api.admin.users[':id'].$patch({ param: { id }, json: { role: 'staff' } }),
        )
      ).error?.fields,
    ).toHaveProperty('role');
    expect((await read(h.as(token).api.me.$get())).status).toBe(200);
  });

  it('404 for an unknown account, 422 for an empty change', async () => {
    const token = await h.login('admin');
    expect(
      (
        await read(
          h.as(token).api.admin.users[':id'].$patch({
            param: { id: '00000000-0000-4000-8000-000000000000' },
            json: { active: false },
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await read(
          h.as(token).api.admin.users[':id'].$patch({
            param: { id: 'not-a-uuid' },
            json: { active: false },
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await read(
          h.as(token).api.admin.users[':id'].$patch({
            param: { id: await userId(token, 'commune') },
            json: {},
          }),
        )
      ).status,
    ).toBe(422);
  });
});
