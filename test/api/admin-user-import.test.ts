import { afterEach, describe, expect, it } from 'vitest';
import { BOM, ErrorBody } from '@duhop/shared';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

const csv = (lines: string[]) => `${BOM}${lines.join('\r\n')}\r\n`;
const HEADER = 'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu';
const importUsers = async (body: string, query = '', contentType = 'text/csv; charset=utf-8') =>
  h.raw('POST', `/api/admin/users/import${query}`, {
    token: await h.login('admin'),
    body,
    headers: { 'content-type': contentType },
  });

async function usernames(): Promise<string[]> {
  const res = await read(
    h.as(await h.login('admin')).api.admin.users.$get({ query: { limit: '500' } }),
  );
  return res.body.items.map((u) => u.username);
}

const GOOD = csv([
  HEADER,
  'tv.lan,Nguyễn Thị Lan,Cấp ủy viên,truong-vinh,matkhau-01',
  '"dc.son","Trần Văn Sơn, Bí thư",cán bộ,Đảng ủy xã Diễn Châu,"mat""khau""02"',
  'ht.minh,Lê Minh,LANH DAO,dien-chau-vp,matkhau-03',
]);

describe('POST /api/admin/users/import', () => {
  it('imports every row of a good file (BOM, quotes, Vietnamese roles, a body by id or by name)', async () => {
    const res = await importUsers(GOOD);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dryRun: false, ok: true, count: 3, errors: [] });
    expect(res.body.items).toEqual([
      {
        row: 2,
        username: 'tv.lan',
        displayName: 'Nguyễn Thị Lan',
        role: 'observer',
        roles: ['observer'],
        orgUnitId: 'truong-vinh',
      },
      {
        row: 3,
        username: 'dc.son',
        displayName: 'Trần Văn Sơn, Bí thư',
        role: 'staff',
        roles: ['staff'],
        orgUnitId: 'dien-chau',
      },
      {
        row: 4,
        username: 'ht.minh',
        displayName: 'Lê Minh',
        role: 'leader',
        roles: ['leader'],
        orgUnitId: 'dien-chau-vp',
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('matkhau');
    const login = await read(
      h.as().api.auth.login.$post({ json: { username: 'dc.son', password: 'mat"khau"02' } }),
    );
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({
      role: 'staff',
      orgUnitId: 'dien-chau',
      mustChangePassword: true,
    });

    const audit = await read(h.as(await h.login('admin')).api.admin.audit.$get({ query: {} }));
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.import',
      data: { count: 3, usernames: ['tv.lan', 'dc.son', 'ht.minh'] },
    });
  });

  it('reads semicolon-separated files and English headers, and skips blank rows', async () => {
    const res = await importUsers(
      [
        'username;displayName;role;orgUnitId;password',
        'a.b;A B;staff;na-syt;12345678',
        ';;;;',
        '',
      ].join('\n'),
    );
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(1);
  });

  it('imports nothing when one row is wrong, and names each bad row and field', async () => {
    const before = await usernames();
    const res = await importUsers(
      csv([
        HEADER,
        'ok.user,Người Tốt,cán bộ,hung-nguyen,matkhau-01',
        'observer,Trùng Tên,cán bộ,hung-nguyen,matkhau-02',
        'bad user,,trưởng thôn,nowhere,123',
        'ok.user,Lặp Lại,cán bộ,hung-nguyen,matkhau-04',
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    expect(res.error?.fields).toEqual({
      'rows.3.username': [expect.stringContaining('đã có người dùng')],
      'rows.4.username': [expect.any(String)],
      'rows.4.displayName': ['Thiếu họ và tên'],
      'rows.4.role': [expect.stringContaining('trưởng thôn')],
      'rows.4.orgUnitId': [expect.stringContaining('nowhere')],
      'rows.4.password': ['Mật khẩu phải có ít nhất 8 ký tự'],
      'rows.5.username': ['Trùng với dòng 2'],
    });
    expect(await usernames()).toEqual(before);
  });

  it('a dry run previews the rows and the errors and stores nothing', async () => {
    const before = await usernames();
    const good = await importUsers(GOOD, '?dryRun=true');
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ dryRun: true, ok: true, count: 3, errors: [] });
    expect(good.body.items).toHaveLength(3);

    const bad = await importUsers(
      csv([HEADER, 'x.y,X Y,cán bộ,hn-gone,matkhau-01', 'z.z,Z,cán bộ,hung-nguyen,matkhau-02']),
      '?dryRun=1',
    );
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ dryRun: true, ok: false, count: 0 });
    expect(bad.body.items.map((i: { username: string }) => i.username)).toEqual(['z.z']);
    expect(bad.body.errors).toEqual([
      { row: 2, field: 'orgUnitId', message: 'Không có đơn vị "hn-gone"' },
    ]);
    expect(await usernames()).toEqual(before);
    expect(
      (await read(h.as(await h.login('admin')).api.admin.audit.$get({ query: {} }))).body.items,
    ).toEqual([]);
  });

  it('refuses a body closed since the merger of its unit', async () => {
    const token = await h.login('admin');
    await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-xom-1' },
      }),
    );
    const res = await importUsers(csv([HEADER, 'x.y,X Y,cán bộ,hn-th,matkhau-01']));
    expect(res.error?.fields?.['rows.2.orgUnitId']?.[0]).toMatch(/giải thể/);
  });

  it.each([
    [
      'a missing column',
      csv(['Tên đăng nhập,Họ và tên,Vai trò,Đơn vị', 'a.b,A,cán bộ,hung-nguyen']),
      'rows.1.password',
    ],
    ['an unclosed quote', csv([HEADER, 'a.b,"A,cán bộ,hung-nguyen,matkhau-01']), 'file'],
    ['no data rows', csv([HEADER]), 'file'],
  ])('refuses a file with %s as a whole (422)', async (_, body, field) => {
    const res = await importUsers(body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toContain(field);
  });

  it('refuses a file that is not UTF-8 (a legacy code page) with 422', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\r\nabc,`),
      0xc3,
      0x28,
      ...new TextEncoder().encode(',cán bộ,hung-nguyen,matkhau-01\r\n'),
    ]);
    const res = await h.app.request('/api/admin/users/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.login('admin')}`, 'content-type': 'text/csv' },
      body: bytes,
    });
    expect(res.status).toBe(422);
    expect(ErrorBody.parse(await res.json()).error.fields).toHaveProperty('file');
  });

  it.each([
    ['JSON', 'application/json'],
    ['a non-UTF-8 charset', 'text/csv; charset=windows-1258'],
  ])('refuses %s with 415', async (_, type) => {
    const res = await importUsers(GOOD, '', type);
    expect(res.status).toBe(415);
  });
});
