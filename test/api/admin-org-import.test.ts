import { afterEach, describe, expect, it } from 'vitest';
import { BOM } from '@duhop/shared';
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
const HEADER = 'Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ,Loại chi bộ,Ngày sinh hoạt';
const post = async (path: string, body: string, query = '') =>
  h.raw('POST', `${path}${query}`, {
    token: await h.login('admin'),
    body,
    headers: { 'content-type': 'text/csv' },
  });
const importUnits = (body: string, query = '') => post('/api/admin/org-units/import', body, query);

/** Hà Tĩnh after July 2025, children listed before their parents on purpose, dates as typed in Vietnam. */
const HA_TINH = csv([
  HEADER,
  'ht-cb-phu-thuong,Chi bộ thôn Phú Thượng,Chi bộ,ht-thien-loc,01/07/2025,Thôn,5',
  'ht-cb-th,"Chi bộ Trường Tiểu học Thiên Lộc",chi bộ,ht-thien-loc,2025-07-01,trường học,',
  'ht-thien-loc,Đảng ủy xã Thiên Lộc,Đảng ủy xã,ht-tu,1/7/2025,,',
  'ht-thien-loc-kt,Phòng Kinh tế xã Thiên Lộc,Phòng,ht-thien-loc-ubnd,01/07/2025,,',
  'ht-thien-loc-ubnd,UBND xã Thiên Lộc,UBND,ht-thien-loc,01/07/2025,,',
  'ht-tu,Tỉnh ủy Hà Tĩnh,Tỉnh ủy,,01/07/2025,,',
  'ht-bnc,Ban Nội chính Tỉnh ủy Hà Tĩnh,Ban,ht-tu,01/07/2025,,',
  'ht-syt,Sở Y tế Hà Tĩnh,Sở,ht-tu,01/07/2025,,',
]);

async function unitCount(): Promise<number> {
  const r = (await h.database.db.execute(
    'select count(*)::int as n from org_units' as never,
  )) as unknown as { rows?: { n: number }[] } | { n: number }[];
  return (Array.isArray(r) ? r : r.rows!)[0]!.n;
}

describe('POST /api/admin/org-units/import', () => {
  it('imports a province from CSV in any row order, with Vietnamese kinds and dates', async () => {
    const res = await importUnits(HA_TINH);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dryRun: false, ok: true, count: 8, errors: [] });
    expect(res.body.items[0]).toEqual({
      row: 2,
      id: 'ht-cb-phu-thuong',
      name: 'Chi bộ thôn Phú Thượng',
      kind: 'cell',
      parentId: 'ht-thien-loc',
      validFrom: '2025-07-01',
      cellType: 'village',
      meetingDay: 5,
    });
    const list = await read(
      h.as(await h.login('admin')).api.admin['org-units'].$get({ query: { provinceId: 'ht-tu' } }),
    );
    const byId = new Map(list.body.items.map((u) => [u.id, u]));
    expect(byId.size).toBe(8);
    expect(byId.get('ht-thien-loc-kt')).toMatchObject({
      kind: 'department',
      parentId: 'ht-thien-loc-ubnd',
      provinceId: 'ht-tu',
    });
    expect(byId.get('ht-cb-th')).toMatchObject({ cellType: 'school', meetingDay: 3 });
    expect(byId.get('ht-tu')).toMatchObject({ kind: 'province', parentId: null, provinceId: null });
    const audit = await read(h.as(await h.login('admin')).api.admin.audit.$get({ query: {} }));
    expect(audit.body.items[0]).toMatchObject({ action: 'org_unit.import', data: { count: 8 } });
  });

  it('adds cells to an existing commune', async () => {
    const res = await importUnits(
      csv([
        'Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ',
        'hn-xom-5,Chi bộ xóm 5,cell,hung-nguyen,2026-11-01',
      ]),
    );
    expect(res.status).toBe(201);
    const me = await read(h.as(await h.login('commune')).api['org-units'].$get());
    expect(me.body.items.find((u) => u.id === 'hn-xom-5')).toMatchObject({
      parentId: 'hung-nguyen',
    });
  });

  it('imports nothing when one row is wrong, naming each row and field', async () => {
    const before = await unitCount();
    const res = await importUnits(
      csv([
        HEADER,
        'ht-tu,Tỉnh ủy Hà Tĩnh,Tỉnh ủy,,01/07/2025,,',
        'hung-nguyen,Trùng mã,Đảng ủy xã,ht-tu,01/07/2025,,',
        'ht-x,Đơn vị lạ,Hội đồng,ht-tu,01/07/2025,,',
        'ht-y,Xã Y,Đảng ủy xã,ht-nowhere,01/07/2025,,',
        'ht-z,Xã Z,Đảng ủy xã,ht-tu,31/02/2025,,',
        'ht-a,Xã A,Đảng ủy xã,ht-b,01/07/2025,,',
        'ht-b,Xã B,Đảng ủy xã,ht-a,01/07/2025,,',
        'ht-c,Xã C,Đảng ủy xã,ht-tu,01/01/2020,,',
        'ht-d,Chi bộ D,Chi bộ,hn-th-closed,01/07/2025,,',
        'ht-tu,Lặp lại,Tỉnh ủy,,01/07/2025,,',
        'ht-e,Xã E,Đảng ủy xã,ht-tu,01/07/2025,Thôn,',
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.error?.fields).toEqual({
      'rows.3.id': [expect.stringContaining('đã có')],
      'rows.4.kind': [expect.stringContaining('Hội đồng')],
      'rows.5.parentId': ['Đơn vị cấp trên không tồn tại'],
      'rows.6.validFrom': [expect.stringContaining('31/02/2025')],
      'rows.7.parentId': ['Các đơn vị cấp trên tạo thành vòng'],
      'rows.8.parentId': ['Các đơn vị cấp trên tạo thành vòng'],
      'rows.9.validFrom': [expect.stringContaining('(dòng 2) chỉ có hiệu lực từ 01/07/2025')],
      'rows.10.parentId': ['Đơn vị cấp trên không tồn tại'],
      'rows.11.id': ['Mã "ht-tu" trùng với dòng 2'],
      'rows.12.cellType': ['Chỉ chi bộ mới có loại chi bộ và ngày sinh hoạt'],
    });
    expect(await unitCount()).toBe(before);
  });

  it('refuses a parent that has been closed', async () => {
    const token = await h.login('admin');
    await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-xom-1' },
      }),
    );
    const res = await importUnits(
      csv([
        'Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ',
        'x,X,Chi bộ,hn-th,2026-11-01',
        'y,Y,Chi bộ,hung-nguyen,2026-11-01',
      ]),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual(['rows.2.parentId']);
  });

  it('a dry run previews and stores nothing', async () => {
    const before = await unitCount();
    const res = await importUnits(HA_TINH, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, ok: true, count: 8 });
    expect(await unitCount()).toBe(before);
  });

  it('refuses a file without the required columns', async () => {
    const res = await importUnits(csv(['Mã,Tên,Loại', 'a,A,Chi bộ']));
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {}).sort()).toEqual([
      'rows.1.parentId',
      'rows.1.validFrom',
    ]);
  });
});

describe('setting up a second province from CSV files', () => {
  it('units, then accounts, then rules: an issue in the new province routes to its own bodies', async () => {
    expect((await importUnits(HA_TINH)).status).toBe(201);
    const users = await post(
      '/api/admin/users/import',
      csv([
        'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu',
        'ht.admin,Nguyễn Hà,quản trị,ht-tu,matkhau-ht1',
        'ht.xa,Trần Lộc,cán bộ,Đảng ủy xã Thiên Lộc,matkhau-ht2',
      ]),
    );
    expect(users.status).toBe(201);

    // The new province's admin works on their own province by default.
    const login = await read(
      h.as().api.auth.login.$post({ json: { username: 'ht.admin', password: 'matkhau-ht1' } }),
    );
    await read(
      h.as(login.body.token).api.me.password.$post({
        json: { currentPassword: 'matkhau-ht1', newPassword: 'matkhau-ht1-moi' },
      }),
    );
    const token = login.body.token;
    const put = await read(
      h.as(token).api.admin['routing-rules'].$put({
        json: {
          rules: [
            {
              id: 'ht-r1',
              position: 10,
              category: 'y_te',
              areaId: null,
              urgency: null,
              targetBodyId: 'ht-syt',
              target: null,
              deadlineProfile: 'normal',
              active: true,
            },
          ],
        },
      }),
    );
    expect(put.status).toBe(200);
    expect(put.body.provinceId).toBe('ht-tu');
    const demoRules = await read(
      h.as(await h.login('admin')).api.admin['routing-rules'].$get({ query: {} }),
    );
    expect(demoRules.body.items).toHaveLength(4);

    const health = await read(
      h.as(token).api.admin['routing-rules'].test.$post({
        json: { cellId: 'ht-cb-phu-thuong', category: 'y_te' },
      }),
    );
    expect(health.body).toMatchObject({ bodyId: 'ht-syt', ruleId: 'ht-r1', profile: 'normal' });
    const land = await read(
      h.as(token).api.admin['routing-rules'].test.$post({
        json: { cellId: 'ht-cb-phu-thuong', category: 'dat_dai' },
      }),
    );
    expect(land.body).toMatchObject({
      bodyId: 'ht-thien-loc',
      bodyName: 'Đảng ủy xã Thiên Lộc',
      ruleId: null,
    });
    const users2 = await read(h.as(token).api.admin.users.$get({ query: {} }));
    expect(users2.body.items.map((u) => u.username)).toEqual(['ht.admin', 'ht.xa']);
  });
});
