import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { BOM, type UserCreateInput } from '@duhop/shared';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { malformed, read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';
import { rows } from '../support/monthly.ts';
import { buildReport } from '../support/reports.ts';

// One account, several roles: `truongban` (demo) attends two cells of Diễn Châu (observer) and
// handles the Diễn Châu committee's issues (staff).
const h = useHarness('2026-11-05T09:00:00+07:00');

// Some tests change accounts: put the demo province back for the next one.
afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

const admin = async () => h.as(await h.login('admin')).api;

/** A report of truongban's cell with one issue no rule matches: it goes to Diễn Châu's committee. */
const dienChauReport = () =>
  buildReport({
    cellId: 'dc-bac-son',
    issues: [
      {
        id: randomUUID(),
        title: 'Kênh tưới xóm Bắc Sơn bị bồi lấp',
        detail: 'Đề nghị xã nạo vét trước vụ đông.',
        category: 'dat_dai',
        urgency: 'normal',
      },
    ],
  });

async function userId(username: string): Promise<string> {
  const res = await read((await admin()).admin.users.$get({ query: { q: username } }));
  return res.body.items.find((u) => u.username === username)!.id;
}

describe('who I am: every role', () => {
  it('login and /api/me give the primary role and every role; the assignments of a member', async () => {
    const login = await read(
      h.as().api.auth.login.$post({ json: { username: 'truongban', password: 'demo1234' } }),
    );
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'observer', roles: ['observer', 'staff'] });
    const me = await read(h.as(login.body.token).api.me.$get());
    expect(me.body.user).toMatchObject({
      username: 'truongban',
      role: 'observer',
      roles: ['observer', 'staff'],
      orgUnitId: 'dien-chau',
    });
    expect(me.body.assignments.map((a) => a.cellId).sort()).toEqual(['dc-bac-son', 'dc-nam-linh']);
    // Single-role accounts list their one role.
    const observer = await read(h.as(await h.login('observer')).api.me.$get());
    expect(observer.body.user).toMatchObject({ role: 'observer', roles: ['observer'] });
  });
});

describe('a multi-role account works with each role', () => {
  it('submits a report for its cell, finds the issue in its body’s inbox and acts on it', async () => {
    const token = await h.login('truongban');
    const sent = await read(h.as(token).api.reports.$post({ json: dienChauReport() }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const issue = sent.body.issues[0]!;
    expect(issue.responsibleBodyId).toBe('dien-chau');

    const inbox = await read(h.as(token).api.inbox.$get({ query: {} }));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i) => i.id)).toEqual([issue.id]);

    const acted = await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id: issue.id },
        json: { type: 'acknowledge', expectedVersion: 1 },
      }),
    );
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    expect(acted.body.status).toBe('acknowledged');
    // Still the author: the member's own list shows it, with its new status.
    const mine = await read(h.as(token).api.my.issues.$get({ query: {} }));
    expect(mine.body.items.map((i) => [i.id, i.status])).toEqual([[issue.id, 'acknowledged']]);
    // And the staff pages of its body.
    const compliance = await h.raw('GET', '/api/compliance?month=2026-11', { token });
    expect(compliance.status).toBe(200);
    expect(compliance.body.bodyId).toBe('dien-chau');
  });

  it('an observer-only account still cannot triage; a staff-only account still cannot submit', async () => {
    const observer = await h.login('observer');
    expect((await read(h.as(observer).api.inbox.$get({ query: {} }))).status).toBe(403);
    const commune = await h.login('commune');
    expect((await read(h.as(commune).api.reports.$post({ json: buildReport() }))).status).toBe(403);
  });

  it('the staff role is taken away: the same account can no longer triage, and still submits', async () => {
    const api = await admin();
    const id = await userId('truongban');
    const patched = await read(
      api.admin.users[':id'].$patch({ param: { id }, json: { roles: ['observer'] } }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.roles).toEqual(['observer']);
    const token = await h.login('truongban');
    expect((await read(h.as(token).api.inbox.$get({ query: {} }))).status).toBe(403);
    expect((await read(h.as(token).api.reports.$post({ json: dienChauReport() }))).status).toBe(
      201,
    );
  });
});

describe('admin: accounts with several roles', () => {
  const newUser: UserCreateInput = {
    username: 'dc.tam',
    displayName: 'Lê Văn Tâm',
    role: 'observer',
    roles: ['observer', 'staff'],
    orgUnitId: 'dien-chau',
    password: 'tamthoi123',
    mustChangePassword: false,
  };

  it('creates one, lists it among the accounts of each role, and it signs in with both', async () => {
    const api = await admin();
    const res = await read(api.admin.users.$post({ json: newUser }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'observer', roles: ['observer', 'staff'] });
    for (const role of ['observer', 'staff'] as const) {
      const list = await read(api.admin.users.$get({ query: { role } }));
      expect(
        list.body.items.map((u) => u.username),
        role,
      ).toContain('dc.tam');
    }
    const leaders = await read(api.admin.users.$get({ query: { role: 'leader' } }));
    expect(leaders.body.items.map((u) => u.username)).not.toContain('dc.tam');
    const token = await h.login('dc.tam', 'tamthoi123');
    expect((await read(h.as(token).api.inbox.$get({ query: {} }))).status).toBe(200);
    // Without `roles`, the account has its one role.
    const single = await read(
      api.admin.users.$post({
        json: { ...newUser, username: 'dc.ha', roles: undefined, role: 'leader' },
      }),
    );
    expect(single.body.roles).toEqual(['leader']);
    const audit = await read(api.admin.audit.$get({ query: {} }));
    expect(
      audit.body.items.find((a) => a.action === 'user.create' && a.entityId === res.body.id),
    ).toMatchObject({ data: { roles: ['observer', 'staff'] } });
  });

  it.each([
    ['roles without the primary role', { roles: ['staff'] }, 'roles'],
    ['an unknown role among the roles', { roles: ['observer', 'boss'] }, 'roles.1'],
    ['a role twice', { roles: ['observer', 'staff', 'staff'] }, 'roles'],
    ['no role at all', { roles: [] }, 'roles'],
  ])('refuses %s with 422 naming the field, and creates nothing', async (_, change, field) => {
    const api = await admin();
    const res = await read(api.admin.users.$post({ json: malformed({ ...newUser, ...change }) }));
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual([field]);
    const list = await read(api.admin.users.$get({ query: { q: 'dc.tam' } }));
    expect(list.body.items).toEqual([]);
  });

  it('edits the roles: adds one, a new primary role replaces the old one, checks the primary', async () => {
    const api = await admin();
    const id = await userId('observer2');
    const patch = (json: Record<string, unknown>) =>
      read(api.admin.users[':id'].$patch({ param: { id }, json: malformed(json) }));

    const added = await patch({ roles: ['observer', 'leader'] });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ role: 'observer', roles: ['observer', 'leader'] });
    // The new role is in force at once (sessions read the roles on every request).
    const token = await h.login('observer2');
    expect((await read(h.as(token).api.inbox.$get({ query: {} }))).status).toBe(200);

    // A new primary role alone takes the old primary's place; the other roles stay.
    const moved = await patch({ role: 'staff' });
    expect(moved.body).toMatchObject({ role: 'staff', roles: ['staff', 'leader'] });
    // Both at once: the primary must be among the roles.
    const wrong = await patch({ role: 'admin', roles: ['staff'] });
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.error?.fields ?? {})).toEqual(['roles']);
    const both = await patch({ role: 'observer', roles: ['staff', 'observer'] });
    expect(both.body).toMatchObject({ role: 'observer', roles: ['observer', 'staff'] });
    const unknown = await patch({ roles: ['observer', 'chief'] });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.error?.fields ?? {})).toEqual(['roles.1']);

    const audit = await read(api.admin.audit.$get({ query: {} }));
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.update',
      data: {
        before: { role: 'staff', roles: ['staff', 'leader'] },
        after: { role: 'observer', roles: ['observer', 'staff'] },
      },
    });
  });

  it('an admin cannot take the admin role away from their own account through the roles', async () => {
    const api = await admin();
    const id = await userId('admin');
    const kept = await read(
      api.admin.users[':id'].$patch({ param: { id }, json: { roles: ['admin', 'staff'] } }),
    );
    expect(kept.status).toBe(200);
    const dropped = await read(
      api.admin.users[':id'].$patch({
        param: { id },
        json: { role: 'staff', roles: ['staff'] },
      }),
    );
    expect(dropped.status).toBe(422);
    expect(Object.keys(dropped.error?.fields ?? {})).toEqual(['role']);
    // Staff as primary role, admin kept among the roles: still an administrator.
    const primary = await read(
      api.admin.users[':id'].$patch({
        param: { id },
        json: { role: 'staff', roles: ['staff', 'admin'] },
      }),
    );
    expect(primary.status).toBe(200);
    expect((await read(api.admin.users.$get({ query: {} }))).status).toBe(200);
  });
});

describe('CSV import: an optional column of roles', () => {
  const importUsers = async (lines: string[], query = '') =>
    h.raw('POST', `/api/admin/users/import${query}`, {
      token: await h.login('admin'),
      body: `${BOM}${lines.join('\r\n')}\r\n`,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });

  it('reads "Các vai trò" (labels or codes, separated by |); the primary role is always one', async () => {
    const res = await importUsers([
      'Tên đăng nhập,Họ và tên,Vai trò,Các vai trò,Đơn vị,Mật khẩu',
      'dc.lan,Nguyễn Thị Lan,Cấp ủy viên,Cấp ủy viên|Cán bộ,dien-chau,matkhau-01',
      'dc.son,Trần Văn Sơn,Cán bộ,observer,dien-chau,matkhau-02',
      'dc.ha,Lê Hà,Lãnh đạo,,dien-chau,matkhau-03',
    ]);
    expect(res.status).toBe(201);
    expect(
      res.body.items.map((i: { username: string; roles: string[] }) => [i.username, i.roles]),
    ).toEqual([
      ['dc.lan', ['observer', 'staff']],
      ['dc.son', ['staff', 'observer']],
      ['dc.ha', ['leader']],
    ]);
    const login = await read(
      h.as().api.auth.login.$post({ json: { username: 'dc.lan', password: 'matkhau-01' } }),
    );
    expect(login.body.user).toMatchObject({ role: 'observer', roles: ['observer', 'staff'] });
  });

  it('an unknown role in the column is a row error on that column; nothing is imported', async () => {
    const dry = await importUsers(
      [
        'Tên đăng nhập,Họ và tên,Vai trò,Các vai trò,Đơn vị,Mật khẩu',
        'dc.lan,Nguyễn Thị Lan,Cấp ủy viên,Cấp ủy viên|trưởng thôn,dien-chau,matkhau-01',
      ],
      '?dryRun=true',
    );
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'roles',
        message: expect.stringContaining('trưởng thôn'),
      }),
    ]);
    const real = await importUsers([
      'Tên đăng nhập,Họ và tên,Vai trò,Các vai trò,Đơn vị,Mật khẩu',
      'dc.lan,Nguyễn Thị Lan,Cấp ủy viên,Cấp ủy viên|trưởng thôn,dien-chau,matkhau-01',
    ]);
    expect(real.status).toBe(422);
    expect(Object.keys(real.error?.fields ?? {})).toEqual(['rows.2.roles']);
  });

  it('a file without the column (the old format) gives every account its one role', async () => {
    const res = await importUsers([
      'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu',
      'dc.lan,Nguyễn Thị Lan,Cán bộ,dien-chau,matkhau-01',
    ]);
    expect(res.status).toBe(201);
    expect(res.body.items[0].roles).toEqual(['staff']);
  });
});

describe('the database keeps the primary role among the roles', () => {
  it('a row written without roles (or without its primary role) gets it, first', async () => {
    await rows(
      h,
      sql`insert into users (username, display_name, role, org_unit_id, password_hash)
          values ('raw.one', 'Raw One', 'staff', 'dien-chau', 'x')`,
    );
    await rows(
      h,
      sql`insert into users (username, display_name, role, roles, org_unit_id, password_hash)
          values ('raw.two', 'Raw Two', 'leader', '{observer}', 'dien-chau', 'x')`,
    );
    await rows(h, sql`update users set role = 'admin' where username = 'raw.one'`);
    const got = await rows<{ username: string; roles: string[] }>(
      h,
      sql`select username, roles from users where username like 'raw.%' order by username`,
    );
    expect(got).toEqual([
      { username: 'raw.one', roles: ['admin', 'staff'] },
      { username: 'raw.two', roles: ['leader', 'observer'] },
    ]);
  });
});
