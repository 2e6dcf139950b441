import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody, parseCsv, type AssignmentImportResult } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { download, resetAssignments, rows, userId } from '../support/monthly.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

beforeEach(() => resetAssignments(h));
afterEach(() => resetAssignments(h));

const HEADER = 'Tên đăng nhập,Mã chi bộ,Số quyết định,Từ ngày,Đến ngày';
const countAssignments = async () =>
  (await rows<{ n: number }>(h, sql`select count(*)::int as n from assignments`))[0]!.n;

async function importCsv(
  text: string | Buffer,
  username = 'commune',
  contentType = 'text/csv; charset=utf-8',
) {
  const token = await h.login(username);
  const res = await h.app.request('/api/assignments/import', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: typeof text === 'string' ? text : new Uint8Array(text),
  });
  const body: unknown = await res.json();
  const refused = ErrorBody.safeParse(body);
  // A CSV body: sent raw. Successes are read as the import result, refusals as the API's error.
  return {
    status: res.status,
    body: body as AssignmentImportResult,
    error: refused.success ? refused.data.error : undefined,
  };
}

describe('GET /api/assignments', () => {
  it('lists the assignments on the cells under the caller’s commune', async () => {
    const res = await read(h.as(await h.login('commune')).api.assignments.$get({ query: {} }));
    expect(res.status).toBe(200);
    expect(res.body.items.map((a) => `${a.cellId}/${a.username}`).sort()).toEqual([
      'hn-th/observer',
      'hn-xom-1/observer',
      'hn-xom-2/observer',
      'hn-yen-ho/observer2',
    ]);
    expect(res.body.items[0]).toMatchObject({
      decisionNo: '125-QĐ/ĐU',
      validFrom: '2025-07-01',
      validTo: null,
      displayName: expect.any(String),
      cellName: expect.any(String),
    });
  });

  it('filters by month: an assignment ended before it is left out', async () => {
    await rows(h, sql`update assignments set valid_to = '2026-09-30' where cell_id = 'hn-th'`);
    const token = await h.login('commune');
    const nov = await read(h.as(token).api.assignments.$get({ query: { month: '2026-11' } }));
    expect(nov.body.items.map((a) => a.cellId)).not.toContain('hn-th');
    const sep = await read(h.as(token).api.assignments.$get({ query: { month: '2026-09' } }));
    expect(sep.body.items.map((a) => a.cellId)).toContain('hn-th');
  });

  it('admin sees any body; staff of another commune get 404, observers and provincial boards 403', async () => {
    expect(
      (
        await read(
          h.as(await h.login('admin')).api.assignments.$get({ query: { bodyId: 'truong-vinh' } }),
        )
      ).body.items,
    ).toHaveLength(4);
    expect(
      (
        await read(
          h.as(await h.login('admin')).api.assignments.$get({ query: { bodyId: 'na-tu' } }),
        )
      ).body.items,
    ).toHaveLength(10);
    expect(
      (
        await read(
          h
            .as(await h.login('commune2'))
            .api.assignments.$get({ query: { bodyId: 'hung-nguyen' } }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await read(h.as(await h.login('observer')).api.assignments.$get({ query: {} }))).status,
    ).toBe(403);
    expect(
      (await read(h.as(await h.login('province')).api.assignments.$get({ query: {} }))).status,
    ).toBe(403);
    expect(
      (
        await read(
          h.as(await h.login('commune')).api.assignments.$get({ query: { month: '2026-13' } }),
        )
      ).status,
    ).toBe(422);
  });
});

describe('POST /api/assignments and PATCH /api/assignments/:id', () => {
  it('assigns a member of the commune to one of its cells, then ends the assignment', async () => {
    const token = await h.login('commune');
    const o2 = await userId(h, 'observer2');
    const res = await read(
      h.as(token).api.assignments.$post({
        json: {
          userId: o2,
          cellId: 'hn-xom-1',
          decisionNo: '130-QĐ/ĐU',
          validFrom: '2026-11-10',
        },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      userId: o2,
      username: 'observer2',
      cellId: 'hn-xom-1',
      cellName: 'Chi bộ xóm 1',
      decisionNo: '130-QĐ/ĐU',
      validFrom: '2026-11-10',
      validTo: null,
    });
    const ended = await read(
      h.as(token).api.assignments[':id'].$patch({
        param: { id: res.body.id },
        json: { validTo: '2026-12-31' },
      }),
    );
    expect(ended.status).toBe(200);
    expect(ended.body.validTo).toBe('2026-12-31');
    const [stored] = await rows<{ valid_to: unknown }>(
      h,
      sql`select valid_to::text from assignments where id = ${res.body.id}`,
    );
    expect(stored!.valid_to).toBe('2026-12-31');
    const audit = await rows<{ action: string }>(
      h,
      sql`select action from audit_log where entity_id = ${res.body.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['assignment.create', 'assignment.end']);
  });

  it('refuses an overlapping period for the same member and cell (409)', async () => {
    const res = await read(
      h.as(await h.login('commune')).api.assignments.$post({
        json: {
          userId: await userId(h, 'observer'),
          cellId: 'hn-xom-1',
          decisionNo: '131-QĐ/ĐU',
          validFrom: '2026-11-01',
        },
      }),
    );
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe('ASSIGNMENT_OVERLAP');
  });

  it.each([
    ['a cell of another commune', { cellId: 'tv-khoi-5' }, 'cellId'],
    ['an unknown cell', { cellId: 'nowhere' }, 'cellId'],
    ['a unit that is not a cell', { cellId: 'hung-nguyen-kt' }, 'cellId'],
    ['a member of another commune', { user: 'observer3' }, 'userId'],
    ['a staff account', { user: 'commune' }, 'userId'],
    ['an end before the start', { validTo: '2026-10-01' }, 'validTo'],
    ['an empty decision number', { decisionNo: '  ' }, 'decisionNo'],
    ['a date that does not exist', { validFrom: '2026-02-30' }, 'validFrom'],
  ])('refuses %s (422)', async (_, patch: Record<string, string>, field) => {
    const { user = 'observer2', ...rest } = patch;
    const body = {
      userId: await userId(h, user),
      cellId: 'hn-xom-1',
      decisionNo: '130-QĐ/ĐU',
      validFrom: '2026-11-10',
      ...rest,
    };
    const res = await read(h.as(await h.login('commune')).api.assignments.$post({ json: body }));
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toContain(field);
  });

  it('refuses a cell closed by a merger before the start', async () => {
    await rows(
      h,
      sql`update org_units set valid_to = '2026-10-31', successor_id = 'hn-xom-1' where id = 'hn-xom-2'`,
    );
    try {
      const res = await read(
        h.as(await h.login('commune')).api.assignments.$post({
          json: {
            userId: await userId(h, 'observer2'),
            cellId: 'hn-xom-2',
            decisionNo: '1',
            validFrom: '2026-11-10',
          },
        }),
      );
      expect(res.status).toBe(422);
      expect(res.error?.fields?.cellId?.[0]).toContain('sáp nhập');
    } finally {
      await rows(
        h,
        sql`update org_units set valid_to = null, successor_id = null where id = 'hn-xom-2'`,
      );
    }
  });

  it('PATCH: another commune’s assignment is 404, an end before the start 422', async () => {
    const [a] = await rows<{ id: string }>(
      h,
      sql`select id from assignments where cell_id = 'hn-xom-1'`,
    );
    expect(
      (
        await read(
          h.as(await h.login('commune2')).api.assignments[':id'].$patch({
            param: { id: a!.id },
            json: { validTo: '2026-12-31' },
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await read(
          h.as(await h.login('commune')).api.assignments[':id'].$patch({
            param: { id: 'not-a-uuid' },
            json: { validTo: '2026-12-31' },
          }),
        )
      ).status,
    ).toBe(404);
    const early = await read(
      h
        .as(await h.login('commune'))
        .api.assignments[':id'].$patch({ param: { id: a!.id }, json: { validTo: '2025-01-01' } }),
    );
    expect(early.status).toBe(422);
    expect(early.error?.fields?.validTo).toBeDefined();
    expect(
      (
        await read(
          h.as(await h.login('admin')).api.assignments[':id'].$patch({
            param: { id: a!.id },
            json: { validTo: '2026-12-31' },
          }),
        )
      ).status,
    ).toBe(200);
  });
});

describe('POST /api/assignments/import', () => {
  it('imports a spreadsheet saved as CSV UTF-8 (BOM, CRLF, day-first dates, quoted fields)', async () => {
    const csv = `\uFEFF${HEADER}\r\nobserver2,hn-xom-1,"130-QĐ/ĐU, ngày 01/11/2026",10/11/2026,\r\nOBSERVER2,hn-th,130-QĐ/ĐU,2026-11-10,31/12/2027\r\n,,,,\r\n`;
    const before = await countAssignments();
    const res = await importCsv(csv);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.imported).toBe(2);
    expect(
      res.body.items.map((a) => [a.cellId, a.decisionNo, a.validFrom, a.validTo]).sort(),
    ).toEqual([
      ['hn-th', '130-QĐ/ĐU', '2026-11-10', '2027-12-31'],
      ['hn-xom-1', '130-QĐ/ĐU, ngày 01/11/2026', '2026-11-10', null],
    ]);
    expect(await countAssignments()).toBe(before + 2);
  });

  it('imports nothing when any row is wrong, and names each wrong row as the spreadsheet numbers it', async () => {
    const csv = [
      HEADER,
      'observer2,hn-xom-1,130-QĐ/ĐU,10/11/2026,', // row 2: fine
      'observer2,tv-khoi-5,130-QĐ/ĐU,10/11/2026,', // row 3: another commune's cell
      'nobody,hn-xom-2,130-QĐ/ĐU,10/11/2026,', // row 4: unknown member
      'observer2,hn-th,,31/02/2026,01/01/2020', // row 5: no decision, bad date
      'observer,hn-xom-1,130-QĐ/ĐU,2026-11-01,', // row 6: overlaps the seeded assignment
      'observer2,hn-xom-1,131-QĐ/ĐU,2026-12-01,', // row 7: overlaps row 2
    ].join('\r\n');
    const before = await countAssignments();
    const res = await importCsv(csv);
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.error?.fields ?? {}).sort()).toEqual(
      [
        'rows.3.cellId',
        'rows.4.username',
        'rows.5.decisionNo',
        'rows.5.validFrom',
        'rows.6.validFrom',
        'rows.7.validFrom',
      ].sort(),
    );
    expect(res.error?.message).toContain('5 dòng');
    expect(await countAssignments()).toBe(before);
  });

  it('accepts headers without diacritics, English keys, extra columns and a semicolon separator', async () => {
    const res = await importCsv(
      'Ho va ten;Ten dang nhap;Ma chi bo;So quyet dinh;Tu ngay\r\nHoàng Văn Minh;observer2;hn-xom-2;130-QĐ/ĐU;2026-11-10\r\n',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const en = await importCsv(
      'username,cellId,decisionNo,validFrom\nobserver2,hn-th,1,2026-11-10\n',
    );
    expect(en.status).toBe(201);
  });

  it.each([
    ['an empty file', '', 'file'],
    ['a header only', `${HEADER}\r\n`, 'file'],
    ['a missing column', 'Tên đăng nhập,Mã chi bộ\r\nobserver2,hn-xom-1\r\n', 'columns'],
    ['an unclosed quote', `${HEADER}\r\n"observer2,hn-xom-1,1,2026-11-10,\r\n`, 'file'],
  ])('refuses %s (422)', async (_, csv, field) => {
    const res = await importCsv(csv);
    expect(res.status).toBe(422);
    expect(res.error?.fields?.[field]).toBeDefined();
  });

  it('refuses a file that is not UTF-8 (a legacy code page) with a hint', async () => {
    const res = await importCsv(
      Buffer.from([
        ...Buffer.from(`${HEADER}\r\nobserver2,hn-xom-1,`),
        0xd0,
        0xe3,
        ...Buffer.from(',2026-11-10,\r\n'),
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.error?.fields?.file?.[0]).toContain('UTF-8');
  });

  it('takes the file from a multipart form too', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([`${HEADER}\r\nobserver2,hn-xom-1,130,2026-11-10,\r\n`], { type: 'text/csv' }),
      'phan-cong.csv',
    );
    const token = await h.login('commune');
    const res = await h.app.request('/api/assignments/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status).toBe(201);
  });

  it('JSON is not a CSV (415); observers are refused (403)', async () => {
    expect((await importCsv('{}', 'commune', 'application/json')).status).toBe(415);
    expect((await importCsv(`${HEADER}\r\n`, 'observer')).status).toBe(403);
  });
});

describe('GET /api/assignments/export', () => {
  it('is CSV UTF-8 with BOM that the import reads back', async () => {
    const res = await download(
      h,
      '/api/assignments/export?month=2026-11',
      await h.login('commune'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="phan-cong-hung-nguyen-2026-11.csv"',
    );
    expect(res.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const table = parseCsv(res.bytes.toString('utf8'));
    expect(table[0]).toEqual([
      'Tên đăng nhập',
      'Họ và tên',
      'Mã chi bộ',
      'Tên chi bộ',
      'Số quyết định',
      'Từ ngày',
      'Đến ngày',
      'Tần suất',
      'Số tháng',
      'Thứ tự luân phiên',
    ]);
    expect(
      table
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual(['hn-th', 'hn-xom-1', 'hn-xom-2', 'hn-yen-ho']);
    expect(table.find((r) => r[2] === 'hn-yen-ho')).toEqual([
      'observer2',
      'Hoàng Văn Minh',
      'hn-yen-ho',
      'Chi bộ xóm Yên Hồ',
      '125-QĐ/ĐU',
      '2025-07-01',
      '',
      'Hằng tháng',
      '',
      '',
    ]);

    // Round trip: after ending them all, the exported file imports again as new assignments.
    await rows(h, sql`update assignments set valid_to = '2025-06-30', valid_from = '2025-01-01'`);
    const again = await importCsv(res.bytes);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.imported).toBe(4);
  });

  it('another commune’s body is 404', async () => {
    expect(
      (await download(h, '/api/assignments/export?bodyId=hung-nguyen', await h.login('commune2')))
        .status,
    ).toBe(404);
  });
});
