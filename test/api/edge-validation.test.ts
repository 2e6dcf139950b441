import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { resetAssignments, userId } from '../support/monthly.ts';
import { tokenFor } from '../support/tokens.ts';

// Issue 13, "a crafted inbox cursor (invalid uuid, year 275760) gives a 500 on both databases":
// input that reaches a SQL cast (::uuid, ::timestamptz, ::date) is checked before the query, so
// such input is a 4xx with the error shape, and nothing is logged as a server fault.
const h = useHarness('2026-11-05T09:00:00+07:00');

const b64 = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const DASHES = '-'.repeat(36);

afterEach(async () => {
  await resetAssignments(h);
  expect(h.logged, 'no request may reach the error log').toEqual([]);
});

function expectClientError(res: { status: number; body: unknown }, what: string) {
  expect([400, 404, 422], `${what} → ${res.status} ${JSON.stringify(res.body)}`).toContain(
    res.status,
  );
  expect(res.body, what).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
  });
}

describe('inbox cursor', () => {
  it.each([
    ['year 275760', b64(['+275760-09-13T00:00:00.000Z', randomUUID()])],
    ['year 0', b64(['0000-01-01T00:00:00.000Z', randomUUID()])],
    ['a date not in our format', b64(['Thu, 05 Nov 2026 00:00:00 GMT', randomUUID()])],
    ['36 dashes for a uuid', b64(['2026-11-05T00:00:00.000Z', DASHES])],
    ['36 hex digits without the uuid shape', b64(['2026-11-05T00:00:00.000Z', 'a'.repeat(36)])],
    ['a number for the date', b64([1e20, randomUUID()])],
    ['true for the date', b64([true, randomUUID()])],
    ['an object', b64({ dueAt: '2026-11-05T00:00:00.000Z', id: randomUUID() })],
    ['null', b64('null')],
    ['garbage base64', '!!!$$$***'],
    ['base64 of binary', Buffer.from([0xff, 0xfe, 0x00, 0x80]).toString('base64url')],
  ])('%s → 422 on cursor', async (_what, cursor) => {
    const res = await h.raw('GET', `/api/inbox?cursor=${encodeURIComponent(cursor)}`, {
      token: await tokenFor(h.database, 'commune'),
    });
    expectClientError(res, cursor);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty('cursor');
  });

  it('a cursor the API made still pages', async () => {
    const token = await tokenFor(h.database, 'commune');
    const cursor = b64(['2026-11-05T00:00:00.000Z', randomUUID()]);
    expect((await h.raw('GET', `/api/inbox?cursor=${cursor}`, { token })).status).toBe(200);
  });
});

describe('ids in paths', () => {
  it.each([
    ['PATCH', `/api/admin/users/${DASHES}`, { active: false }],
    ['POST', `/api/admin/users/${DASHES}/reset-password`, { temporaryPassword: 'tamthoi123' }],
    ['PATCH', `/api/assignments/${DASHES}`, { validTo: '2026-11-30' }],
    ['GET', `/api/issues/${DASHES}`, undefined],
    ['GET', `/api/reports/${DASHES}`, undefined],
    ['GET', `/api/report-exports/${DASHES}`, undefined],
    ['PUT', `/api/answer-templates/${DASHES}`, { title: 'x', text: 'y' }],
  ])('%s %s → 404', async (method, path, body) => {
    const res = await h.raw(method, path, { token: await tokenFor(h.database, 'admin'), body });
    expectClientError(res, `${method} ${path}`);
    expect(res.status).toBe(404);
  });
});

describe('dates and months', () => {
  it.each(['0000-01', '0001-01', '1899-12', '3000-01', '9999-12'])(
    'month=%s → 422 on month',
    async (month) => {
      const token = await tokenFor(h.database, 'commune');
      for (const path of [
        '/api/synthesis',
        '/api/synthesis/export',
        '/api/compliance',
        '/api/assignments',
        '/api/assignments/export',
      ]) {
        const res = await h.raw('GET', `${path}?month=${month}`, { token });
        expectClientError(res, `${path}?month=${month}`);
        expect(res.status).toBe(422);
      }
    },
  );

  it.each(['0000-01-01', '0000-02-29', '1899-12-31', '3000-01-01', '9999-12-31'])(
    'date %s → 422 on the field, nothing stored',
    async (date) => {
      const token = await tokenFor(h.database, 'commune');
      const observer2 = await userId(h, 'observer2');
      const created = await h.raw('POST', '/api/assignments', {
        token,
        body: { userId: observer2, cellId: 'hn-xom-1', decisionNo: '1', validFrom: date },
      });
      expectClientError(created, `assignment validFrom ${date}`);
      expect(created.body.error.fields).toHaveProperty('validFrom');
      const [existing] = (await h.raw('GET', '/api/assignments', { token })).body.items;
      const patched = await h.raw('PATCH', `/api/assignments/${existing.id}`, {
        token,
        body: { validTo: date },
      });
      expectClientError(patched, `assignment validTo ${date}`);
      expect(
        (await h.raw('GET', `/api/criteria-sets/current?cellId=hn-xom-1&date=${date}`, { token }))
          .status,
      ).toBe(422);

      const csv = `Tên đăng nhập,Mã chi bộ,Số quyết định,Từ ngày\r\nobserver2,hn-xom-2,130-QĐ/ĐU,${date.split('-').reverse().join('/')}\r\n`;
      const imported = await h.raw('POST', '/api/assignments/import', {
        token,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expectClientError(imported, `assignment import ${date}`);
      expect(imported.status).toBe(422);

      const admin = await tokenFor(h.database, 'admin');
      const units = await h.raw('POST', '/api/admin/org-units/import?dryRun=false', {
        token: admin,
        body: `Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ\r\nhn-moi,Chi bộ mới,Chi bộ,hung-nguyen,${date}\r\n`,
        headers: { 'content-type': 'text/csv' },
      });
      expectClientError(units, `org import ${date}`);
      expect(units.status).toBe(422);
    },
  );
});
