import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ErrorBody,
  parseCsv,
  type AssignmentImportResult,
  type ComplianceItem,
} from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { download, meetingOn, resetAssignments, rows, submit, userId } from '../support/monthly.ts';

/*
 * Issue 14, compliance: a report not yet due is neither missing nor in the on-time rate; no month
 * before an assignment counts; assignments every N months and rotas expect what they say, in the
 * month's compliance and in the synthesis trend.
 */
const h = useHarness('2026-11-05T09:00:00+07:00');

async function clean() {
  await h.database.exec('delete from issue_events; delete from issues; delete from reports');
  await resetAssignments(h);
}
beforeEach(clean);
afterEach(clean);

async function compliance(month: string, username = 'commune') {
  return read(h.as(await h.login(username)).api.compliance.$get({ query: { month } }));
}
async function synthesis(month: string, username = 'commune') {
  return read(h.as(await h.login(username)).api.synthesis.$get({ query: { month } }));
}
const statusOf = (items: ComplianceItem[]) =>
  Object.fromEntries(items.map((i) => [`${i.cellId}/${i.observerName}`, i.status]));
/** A report on `cellId` for its meeting of the 3rd of `month`, without issues. */
const report = (username: string, cellId: string, month = '2026-11') =>
  submit(h, username, { cellId, ...meetingOn(`${month}-03`), issues: [] });

describe('not_due: the current month counts only reports already due', () => {
  it('on the 3rd the unfiled reports are not due yet (not missing, not in the rate); after the 9th they are missing', async () => {
    h.clock.set('2026-11-03T22:00:00+07:00');
    await report('observer', 'hn-xom-1');

    const early = await compliance('2026-11');
    expect(statusOf(early.body.items)).toEqual({
      'hn-xom-1/Nguyễn Văn An': 'on_time',
      'hn-xom-2/Nguyễn Văn An': 'not_due',
      'hn-th/Nguyễn Văn An': 'not_due',
      'hn-yen-ho/Hoàng Văn Minh': 'not_due',
    });
    expect(early.body.totals).toEqual({
      expected: 4,
      onTime: 1,
      late: 0,
      missing: 0,
      notDue: 3,
      onTimeRate: 100,
    });
    // A member with nothing due yet has no rate rather than 0 %.
    expect(early.body.members!.find((m) => m.observerName === 'Hoàng Văn Minh')).toMatchObject({
      expected: 1,
      missing: 0,
      notDue: 1,
      onTimeRate: null,
    });

    const s = (await synthesis('2026-11')).body;
    expect(s.reports).toMatchObject({ expected: 4, filed: 1, onTime: 1, missing: 0, notDue: 3 });
    expect(s.reports.onTimeRate).toBe(100);
    expect(s.bodies[0]).toMatchObject({ bodyId: 'hung-nguyen', missing: 0, notDue: 3 });
    expect(s.trend.at(-1)).toMatchObject({
      month: '2026-11',
      expected: 4,
      onTime: 1,
      missing: 0,
      notDue: 3,
    });
    // October is over: its unfiled reports are missing.
    expect(s.trend.at(-2)).toMatchObject({ month: '2026-10', expected: 4, missing: 4, notDue: 0 });

    // The export says "Chưa đến hạn", never "Chưa nộp", for them.
    const csv = await download(
      h,
      '/api/synthesis/export?month=2026-11&format=csv',
      await h.login('commune'),
    );
    expect(csv.status).toBe(200);
    const text = csv.bytes.toString('utf8');
    const list = parseCsv(text).filter((r) => r.some((c) => c === 'Chưa đến hạn'));
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(
      parseCsv(text).filter((r) => r.includes('Chưa nộp') && r.includes('Chi bộ xóm 2')),
    ).toEqual([]);

    // The last on-time day (the 9th, local) is still not due; from the 10th the three are missing.
    h.clock.set('2026-11-09T23:59:00+07:00');
    expect((await compliance('2026-11')).body.totals).toMatchObject({ missing: 0, notDue: 3 });
    h.clock.set('2026-11-10T00:00:01+07:00');
    const late = await compliance('2026-11');
    expect(statusOf(late.body.items)['hn-yen-ho/Hoàng Văn Minh']).toBe('missing');
    expect(late.body.totals).toEqual({
      expected: 4,
      onTime: 1,
      late: 0,
      missing: 3,
      notDue: 0,
      onTimeRate: 25,
    });
  });

  it('a meeting held after the 10th is not due until 5 days after it', async () => {
    await rows(h, sql`update org_units set meeting_day = 15 where id = 'hn-th'`);
    try {
      h.clock.set('2026-11-18T10:00:00+07:00');
      const res = await compliance('2026-11');
      const th = res.body.items.find((i) => i.cellId === 'hn-th')!;
      expect(th).toMatchObject({
        status: 'not_due',
        meetingDate: '2026-11-15',
        dueDate: '2026-11-20',
      });
      expect(statusOf(res.body.items)['hn-xom-1/Nguyễn Văn An']).toBe('missing');
      h.clock.set('2026-11-21T08:00:00+07:00');
      expect(statusOf((await compliance('2026-11')).body.items)['hn-th/Nguyễn Văn An']).toBe(
        'missing',
      );
    } finally {
      await rows(h, sql`update org_units set meeting_day = 3 where id = 'hn-th'`);
    }
  });
});

describe('no month before an assignment began counts', () => {
  it('in a month entirely before it, and in the 6-month trend', async () => {
    const o2 = await userId(h, 'observer2');
    await rows(
      h,
      sql`insert into assignments (user_id, cell_id, decision_no, valid_from) values (${o2}, 'hn-xom-1', '130-QĐ/ĐU', '2026-09-01')`,
    );
    h.clock.set('2026-11-20T10:00:00+07:00');
    expect(
      statusOf((await compliance('2026-08')).body.items)['hn-xom-1/Hoàng Văn Minh'],
    ).toBeUndefined();
    expect(statusOf((await compliance('2026-09')).body.items)['hn-xom-1/Hoàng Văn Minh']).toBe(
      'missing',
    );
    const s = (await synthesis('2026-11')).body;
    expect(s.trend.map((t) => [t.month, t.expected, t.missing])).toEqual([
      ['2026-06', 4, 4],
      ['2026-07', 4, 4],
      ['2026-08', 4, 4],
      ['2026-09', 5, 5],
      ['2026-10', 5, 5],
      ['2026-11', 5, 5],
    ]);
  });
});

describe('assignment frequency', () => {
  it('every 2 months: expected in its start month and every second month, in compliance and in the trend', async () => {
    await rows(
      h,
      sql`update assignments set frequency = 'every_n', every = 2, valid_from = '2026-07-01' where cell_id = 'hn-yen-ho'`,
    );
    h.clock.set('2026-11-20T10:00:00+07:00');
    expect(statusOf((await compliance('2026-09')).body.items)['hn-yen-ho/Hoàng Văn Minh']).toBe(
      'missing',
    );
    const oct = await compliance('2026-10');
    expect(statusOf(oct.body.items)['hn-yen-ho/Hoàng Văn Minh']).toBeUndefined();
    expect(oct.body.members!.map((m) => m.observerName)).toEqual(['Nguyễn Văn An']);
    // A report in a month it does not expect is filed, but not counted either way.
    h.clock.set('2026-10-05T10:00:00+07:00');
    await report('observer2', 'hn-yen-ho', '2026-10');
    h.clock.set('2026-11-20T10:00:00+07:00');
    expect(
      statusOf((await compliance('2026-10')).body.items)['hn-yen-ho/Hoàng Văn Minh'],
    ).toBeUndefined();

    const s = (await synthesis('2026-11')).body;
    expect(s.trend.map((t) => [t.month, t.expected, t.filed])).toEqual([
      ['2026-06', 3, 0], // before its start: not expected
      ['2026-07', 4, 0],
      ['2026-08', 3, 0],
      ['2026-09', 4, 0],
      ['2026-10', 3, 1],
      ['2026-11', 4, 0],
    ]);
  });

  it('rota: one member of the rota each month, in the stored order; the others are not missing', async () => {
    await rows(h, sql`delete from assignments where cell_id = 'hn-yen-ho'`);
    const token = await h.login('commune');
    const add = async (username: string, rotaPosition: number) =>
      read(
        h.as(token).api.assignments.$post({
          json: {
            userId: await userId(h, username),
            cellId: 'hn-yen-ho',
            decisionNo: '150-QĐ/ĐU',
            validFrom: '2026-07-01',
            frequency: 'rota',
            rotaPosition,
          },
        }),
      );
    const first = await add('observer2', 1);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ frequency: 'rota', rotaPosition: 1, every: null });
    expect((await add('observer', 2)).status).toBe(201);

    h.clock.set('2026-11-20T10:00:00+07:00');
    const who = async (month: string) =>
      (await compliance(month)).body.items
        .filter((i) => i.cellId === 'hn-yen-ho')
        .map((i) => i.observerName);
    expect(await who('2026-07')).toEqual(['Hoàng Văn Minh']);
    expect(await who('2026-08')).toEqual(['Nguyễn Văn An']);
    expect(await who('2026-09')).toEqual(['Hoàng Văn Minh']);
    expect(await who('2026-10')).toEqual(['Nguyễn Văn An']);
    expect(await who('2026-11')).toEqual(['Hoàng Văn Minh']);
    // Hoàng Văn Minh's only assignment is the rota: October expects nothing of him.
    expect((await compliance('2026-10')).body.members!.map((m) => m.observerName)).toEqual([
      'Nguyễn Văn An',
    ]);

    const s = (await synthesis('2026-11')).body;
    expect(s.trend.map((t) => [t.month, t.expected])).toEqual([
      ['2026-06', 3],
      ['2026-07', 4],
      ['2026-08', 4],
      ['2026-09', 4],
      ['2026-10', 4],
      ['2026-11', 4],
    ]);

    // The member's side panel learns the whole rota, to tell whose turn a month is.
    const me = await read(h.as(await h.login('observer')).api.me.$get());
    const yenHo = me.body.assignments.find((a) => a.cellId === 'hn-yen-ho')!;
    expect(yenHo).toMatchObject({ frequency: 'rota', rotaPosition: 2 });
    expect(yenHo.rota!.map((m) => [m.displayName, m.rotaPosition])).toEqual([
      ['Hoàng Văn Minh', 1],
      ['Nguyễn Văn An', 2],
    ]);
  });

  it('refuses a rota without a position and every N months without N (422, the field named)', async () => {
    const token = await h.login('commune');
    const base = {
      userId: await userId(h, 'observer2'),
      cellId: 'hn-xom-1',
      decisionNo: '151-QĐ/ĐU',
      validFrom: '2026-12-01',
    };
    const rota = await read(
      h.as(token).api.assignments.$post({ json: { ...base, frequency: 'rota' } }),
    );
    expect(rota.status).toBe(422);
    expect(rota.error?.fields?.rotaPosition).toBeDefined();
    const everyN = await read(
      h.as(token).api.assignments.$post({ json: { ...base, frequency: 'every_n', every: 1 } }),
    );
    expect(everyN.status).toBe(422);
    expect(everyN.error?.fields?.every).toBeDefined();
  });
});

describe('a rota place is one member at a time', () => {
  it('a second member at a taken place of the same cell is 422 on rotaPosition, in a batch and against what is stored', async () => {
    await rows(h, sql`delete from assignments where cell_id = 'hn-xom-1'`);
    const token = await h.login('commune');
    const post = async (username: string, rotaPosition: number, validFrom = '2026-12-01') =>
      read(
        h.as(token).api.assignments.$post({
          json: {
            userId: await userId(h, username),
            cellId: 'hn-xom-1',
            decisionNo: '180-QĐ/ĐU',
            validFrom,
            frequency: 'rota',
            rotaPosition,
          },
        }),
      );
    expect((await post('observer2', 1)).status).toBe(201);
    const taken = await post('observer', 1);
    expect(taken.status).toBe(422);
    expect(taken.error?.fields?.rotaPosition?.[0]).toContain('Thứ tự 1');
    expect((await post('observer', 2)).status).toBe(201);

    const res = await h.app.request('/api/assignments/import?dryRun=true', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: [
        'Tên đăng nhập,Mã chi bộ,Số quyết định,Từ ngày,Đến ngày,Tần suất,Số tháng,Thứ tự luân phiên',
        'observer2,hn-xom-2,181,01/12/2026,,Luân phiên,,1',
        'observer,hn-xom-2,181,01/12/2026,,Luân phiên,,1',
      ].join('\r\n'),
    });
    // observer already attends hn-xom-2 monthly: end that first, so that only the place clashes.
    expect(res.status).toBe(422);
    await rows(h, sql`update assignments set valid_to = '2026-11-30' where cell_id = 'hn-xom-2'`);
    const again = await h.app.request('/api/assignments/import?dryRun=true', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: [
        'Tên đăng nhập,Mã chi bộ,Số quyết định,Từ ngày,Đến ngày,Tần suất,Số tháng,Thứ tự luân phiên',
        'observer2,hn-xom-2,181,01/12/2026,,Luân phiên,,1',
        'observer,hn-xom-2,181,01/12/2026,,Luân phiên,,1',
      ].join('\r\n'),
    });
    const body = (await again.json()) as { error: { fields: Record<string, string[]> } };
    expect(again.status).toBe(422);
    expect(Object.keys(body.error.fields)).toEqual(['rows.3.rotaPosition']);
  });
});

describe('CSV import with the frequency columns', () => {
  async function importCsv(text: string) {
    const res = await h.app.request('/api/assignments/import', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await h.login('commune')}`,
        'content-type': 'text/csv; charset=utf-8',
      },
      body: text,
    });
    const body: unknown = await res.json();
    const refused = ErrorBody.safeParse(body);
    return {
      status: res.status,
      body: body as AssignmentImportResult,
      error: refused.success ? refused.data.error : undefined,
    };
  }
  const HEADER =
    'Tên đăng nhập,Mã chi bộ,Số quyết định,Từ ngày,Đến ngày,Tần suất,Số tháng,Thứ tự luân phiên';

  it('reads monthly, every N months and rota rows (labels or codes); an old file without the columns is monthly', async () => {
    const old = await importCsv(
      'Tên đăng nhập,Mã chi bộ,Số quyết định,Từ ngày,Đến ngày\r\nobserver2,hn-th,161,01/12/2026,31/12/2026',
    );
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect(old.body.items[0]).toMatchObject({
      frequency: 'monthly',
      every: null,
      rotaPosition: null,
    });

    const res = await importCsv(
      [
        HEADER,
        'observer2,hn-xom-1,160-QĐ/ĐU,01/12/2026,,Luân phiên,,1',
        'observer,hn-yen-ho,160-QĐ/ĐU,01/12/2026,,rota,,2',
        'observer2,hn-xom-2,160-QĐ/ĐU,01/12/2026,,Cách tháng,3,',
        'observer2,hn-th,160-QĐ/ĐU,01/01/2027,,,,',
      ].join('\r\n'),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const byCell = Object.fromEntries(
      res.body.items.map((a) => [
        `${a.cellId}/${a.username}`,
        [a.frequency, a.every, a.rotaPosition],
      ]),
    );
    expect(byCell).toEqual({
      'hn-xom-1/observer2': ['rota', null, 1],
      'hn-yen-ho/observer': ['rota', null, 2],
      'hn-xom-2/observer2': ['every_n', 3, null],
      'hn-th/observer2': ['monthly', null, null],
    });

    // The export writes the columns back, readable by the import.
    const csv = await download(h, '/api/assignments/export', await h.login('commune'));
    const table = parseCsv(csv.bytes.toString('utf8'));
    expect(table[0]!.slice(-3)).toEqual(['Tần suất', 'Số tháng', 'Thứ tự luân phiên']);
    expect(table.find((r) => r[2] === 'hn-xom-2' && r[0] === 'observer2')!.slice(-3)).toEqual([
      'N tháng một lần',
      '3',
      '',
    ]);
  });

  it('names the row and field of a bad frequency, a missing N and a missing rota position; nothing is stored', async () => {
    const before = await rows<{ n: number }>(h, sql`select count(*)::int as n from assignments`);
    const res = await importCsv(
      [
        HEADER,
        'observer2,hn-xom-1,170,01/12/2026,,hằng tuần,,',
        'observer2,hn-xom-2,170,01/12/2026,,Cách tháng,,',
        'observer2,hn-th,170,01/12/2026,,Luân phiên,,0',
        'observer,hn-yen-ho,170,01/12/2026,,N tháng một lần,13,',
      ].join('\r\n'),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error!.fields!).sort()).toEqual([
      'rows.2.frequency',
      'rows.3.every',
      'rows.4.rotaPosition',
      'rows.5.every',
    ]);
    const after = await rows<{ n: number }>(h, sql`select count(*)::int as n from assignments`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
