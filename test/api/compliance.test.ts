import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplianceItem } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { malformed, read } from '../support/client.ts';
import {
  meetingOn,
  resetAssignments,
  resetUnits,
  rows,
  submit,
  userId,
} from '../support/monthly.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

beforeEach(async () => {
  await resetAssignments(h);
  await resetUnits(h);
});
afterEach(async () => {
  await resetAssignments(h);
  await resetUnits(h);
});

async function compliance(month: string, username = 'commune', bodyId?: string) {
  const token = await h.login(username);
  return read(h.as(token).api.compliance.$get({ query: { month, ...(bodyId ? { bodyId } : {}) } }));
}
const statusOf = (items: ComplianceItem[]) =>
  Object.fromEntries(items.map((i) => [`${i.cellId}/${i.observerName}`, i.status]));

describe('GET /api/compliance: the deadline at the edges (before the 10th, +07:00)', () => {
  it('on the 9th until 23:59:59 local is on time; from 00:00 on the 10th and on the 11th late; no report is missing', async () => {
    h.clock.set('2026-11-09T23:59:59+07:00'); // 16:59:59Z: still the 9th in Vietnam
    const onTime = await submit(h, 'observer', { cellId: 'hn-xom-1' });
    h.clock.set('2026-11-10T00:00:00+07:00'); // 2026-11-09T17:00Z: already the 10th in Vietnam
    const tenth = await submit(h, 'observer', { cellId: 'hn-xom-2' });
    h.clock.set('2026-11-11T08:00:00+07:00');
    const eleventh = await submit(h, 'observer', { cellId: 'hn-th' });
    expect([onTime.onTime, tenth.onTime, eleventh.onTime]).toEqual([true, false, false]);

    h.clock.set('2026-11-20T10:00:00+07:00');
    const res = await compliance('2026-11');
    expect(res.status).toBe(200);
    expect(res.body.month).toBe('2026-11');
    expect(res.body.bodyId).toBe('hung-nguyen');
    expect(statusOf(res.body.items)).toEqual({
      'hn-xom-1/Nguyễn Văn An': 'on_time',
      'hn-xom-2/Nguyễn Văn An': 'late',
      'hn-th/Nguyễn Văn An': 'late',
      'hn-yen-ho/Hoàng Văn Minh': 'missing',
    });
    const byCell = Object.fromEntries(res.body.items.map((i) => [i.cellId, i]));
    expect(byCell['hn-xom-1']).toMatchObject({
      reportId: onTime.id,
      dueDate: '2026-11-09',
      meetingDate: '2026-11-03',
      submittedAt: '2026-11-09T23:59:59.000+07:00',
      bodyId: 'hung-nguyen',
    });
    expect(byCell['hn-xom-2']!.reportId).toBe(tenth.id);
    expect(byCell['hn-yen-ho']!.reportId).toBeUndefined();
    expect(byCell['hn-yen-ho']).toMatchObject({ dueDate: '2026-11-09', meetingDate: '2026-11-03' });
    expect(res.body.totals).toEqual({
      expected: 4,
      onTime: 1,
      late: 2,
      missing: 1,
      notDue: 0,
      onTimeRate: 25,
    });
    expect(res.body.members).toEqual([
      {
        observerId: await userId(h, 'observer2'),
        observerName: 'Hoàng Văn Minh',
        expected: 1,
        onTime: 0,
        late: 0,
        missing: 1,
        notDue: 0,
        onTimeRate: 0,
      },
      {
        observerId: await userId(h, 'observer'),
        observerName: 'Nguyễn Văn An',
        expected: 3,
        onTime: 1,
        late: 2,
        missing: 0,
        notDue: 0,
        onTimeRate: 33.3,
      },
    ]);
    expect(res.body.bodies).toEqual([
      {
        bodyId: 'hung-nguyen',
        bodyName: 'Đảng ủy xã Hưng Nguyên',
        expected: 4,
        onTime: 1,
        late: 2,
        missing: 1,
        notDue: 0,
        onTimeRate: 25,
      },
    ]);
  });

  it('a meeting held on or after the 10th is due 5 days after it', async () => {
    h.clock.set('2026-11-20T20:00:00+07:00');
    await submit(h, 'observer', { cellId: 'hn-xom-1', ...meetingOn('2026-11-15') }); // due the 20th
    h.clock.set('2026-11-21T00:00:01+07:00');
    await submit(h, 'observer', { cellId: 'hn-xom-2', ...meetingOn('2026-11-15') });
    const res = await compliance('2026-11');
    const byCell = Object.fromEntries(res.body.items.map((i) => [i.cellId, i]));
    expect(byCell['hn-xom-1']).toMatchObject({
      status: 'on_time',
      dueDate: '2026-11-20',
      meetingDate: '2026-11-15',
    });
    expect(byCell['hn-xom-2']).toMatchObject({ status: 'late', dueDate: '2026-11-20' });
  });

  it('counts one item per member and cell: an on-time report wins over a later one of the same month', async () => {
    h.clock.set('2026-11-11T08:00:00+07:00');
    await submit(h, 'observer', { cellId: 'hn-xom-1', ...meetingOn('2026-11-03') }); // late
    const topical = await submit(h, 'observer', {
      cellId: 'hn-xom-1',
      ...meetingOn('2026-11-10'),
      meetingType: 'topical',
    }); // on time (due the 15th)
    const res = await compliance('2026-11');
    const items = res.body.items.filter((i) => i.cellId === 'hn-xom-1');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'on_time', reportId: topical.id });
  });
});

describe('GET /api/compliance: assignments and cells that change during the month', () => {
  it('an assignment starting after the regular meeting day expects nothing that month, but does the next', async () => {
    const o2 = await userId(h, 'observer2');
    await rows(
      h,
      sql`insert into assignments (user_id, cell_id, decision_no, valid_from) values (${o2}, 'hn-xom-1', '130-QĐ/ĐU', '2026-10-15')`,
    );
    h.clock.set('2026-11-20T10:00:00+07:00');
    const oct = await compliance('2026-10');
    expect(statusOf(oct.body.items)['hn-xom-1/Hoàng Văn Minh']).toBeUndefined();
    const nov = await compliance('2026-11');
    expect(statusOf(nov.body.items)['hn-xom-1/Hoàng Văn Minh']).toBe('missing');
  });

  it('an assignment starting mid-month counts when the member did report a later meeting', async () => {
    const o2 = await userId(h, 'observer2');
    await rows(
      h,
      sql`insert into assignments (user_id, cell_id, decision_no, valid_from) values (${o2}, 'hn-xom-1', '130-QĐ/ĐU', '2026-11-12')`,
    );
    h.clock.set('2026-11-16T10:00:00+07:00');
    await submit(h, 'observer2', { cellId: 'hn-xom-1', ...meetingOn('2026-11-14') });
    const res = await compliance('2026-11');
    expect(statusOf(res.body.items)['hn-xom-1/Hoàng Văn Minh']).toBe('on_time');
  });

  it('an assignment ending before the meeting day expects nothing; one ending after it does', async () => {
    await rows(h, sql`update assignments set valid_to = '2026-11-02' where cell_id = 'hn-xom-1'`);
    await rows(h, sql`update assignments set valid_to = '2026-11-15' where cell_id = 'hn-xom-2'`);
    h.clock.set('2026-11-20T10:00:00+07:00');
    const res = await compliance('2026-11');
    const s = statusOf(res.body.items);
    expect(s['hn-xom-1/Nguyễn Văn An']).toBeUndefined();
    expect(s['hn-xom-2/Nguyễn Văn An']).toBe('missing');
    // October is untouched by the end in November.
    expect(statusOf((await compliance('2026-10')).body.items)['hn-xom-1/Nguyễn Văn An']).toBe(
      'missing',
    );
  });

  it('a renewed decision in the same month (one ends, the next starts) is still one item', async () => {
    const o1 = await userId(h, 'observer');
    await rows(h, sql`update assignments set valid_to = '2026-11-04' where cell_id = 'hn-xom-1'`);
    await rows(
      h,
      sql`insert into assignments (user_id, cell_id, decision_no, valid_from) values (${o1}, 'hn-xom-1', '140-QĐ/ĐU', '2026-11-05')`,
    );
    await submit(h, 'observer', { cellId: 'hn-xom-1' });
    const res = await compliance('2026-11');
    const items = res.body.items.filter((i) => i.cellId === 'hn-xom-1');
    expect(items).toHaveLength(1);
    expect(items[0]!.status).toBe('on_time');
  });

  it('a cell merged into another before the month disappears; merged after its meeting it still counts', async () => {
    await rows(
      h,
      sql`update org_units set valid_to = '2026-10-31', successor_id = 'hn-xom-1' where id = 'hn-xom-2'`,
    );
    await rows(
      h,
      sql`update org_units set valid_to = '2026-11-20', successor_id = 'hn-xom-1' where id = 'hn-th'`,
    );
    h.clock.set('2026-11-25T10:00:00+07:00');
    const nov = statusOf((await compliance('2026-11')).body.items);
    expect(nov['hn-xom-2/Nguyễn Văn An']).toBeUndefined();
    expect(nov['hn-th/Nguyễn Văn An']).toBe('missing');
    expect(nov['hn-xom-1/Nguyễn Văn An']).toBe('missing');
    // Its history is kept: October still lists the merged cell.
    expect(statusOf((await compliance('2026-10')).body.items)['hn-xom-2/Nguyễn Văn An']).toBe(
      'missing',
    );
  });

  it('a report filed on a cell before it was merged still counts in that month', async () => {
    await submit(h, 'observer', { cellId: 'hn-xom-2' });
    await rows(
      h,
      sql`update org_units set valid_to = '2026-11-02', successor_id = 'hn-xom-1' where id = 'hn-xom-2'`,
    );
    const nov = statusOf((await compliance('2026-11')).body.items);
    expect(nov['hn-xom-2/Nguyễn Văn An']).toBe('on_time');
  });
});

describe('GET /api/compliance: who sees what', () => {
  it('a commune sees its cells, a cell below it, and nothing of another commune (404)', async () => {
    expect(
      (await compliance('2026-11', 'commune', 'hn-xom-1')).body.items.map((i) => i.cellId),
    ).toEqual(['hn-xom-1']);
    const other = await compliance('2026-11', 'commune2', 'hung-nguyen');
    expect(other.status).toBe(404);
    expect(other.error?.code).toBe('BODY_NOT_FOUND');
    expect((await compliance('2026-11', 'commune', 'na-tu')).status).toBe(404);
    expect((await compliance('2026-11', 'commune', 'no-such-body')).status).toBe(404);
  });

  it('the admin sees the province, with counts per commune', async () => {
    const res = await compliance('2026-11', 'admin');
    expect(res.status).toBe(200);
    expect(res.body.bodyId).toBe('na-tu');
    expect(res.body.totals!.expected).toBe(10);
    // Sorted by name: "Đảng ủy phường Trường Vinh", then the communes "Diễn Châu" and "Hưng Nguyên".
    expect(res.body.bodies!.map((b) => [b.bodyId, b.expected])).toEqual([
      ['truong-vinh', 4],
      ['dien-chau', 2],
      ['hung-nguyen', 4],
    ]);
    expect((await compliance('2026-11', 'admin', 'truong-vinh')).body.totals!.expected).toBe(4);
  });

  it('a provincial board with no cells below gets an honest empty result', async () => {
    const res = await compliance('2026-11', 'province');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      items: [],
      members: [],
      bodies: [],
      totals: { expected: 0, onTime: 0, late: 0, missing: 0, notDue: 0, onTimeRate: null },
    });
  });

  it('an empty month (before any assignment) is an empty result, not an error', async () => {
    const res = await compliance('2025-05');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.totals!.expected).toBe(0);
  });

  it('is refused to observers (403) and to anonymous callers (401)', async () => {
    expect((await compliance('2026-11', 'observer')).status).toBe(403);
    expect((await read(h.as().api.compliance.$get({ query: { month: '2026-11' } }))).status).toBe(
      401,
    );
  });

  it.each([['2026-13'], ['2026-1'], ['nov'], ['2026-11-01'], ['']])(
    'refuses the malformed month %j (422)',
    async (month) => {
      const res = await compliance(month);
      expect(res.status).toBe(422);
      expect(res.error?.fields?.month).toBeDefined();
    },
  );

  it('refuses a month in the future (422), allows the current one', async () => {
    h.clock.set('2026-11-30T23:59:00+07:00');
    const future = await compliance('2026-12');
    expect(future.status).toBe(422);
    expect(future.error?.fields?.month).toEqual(['Tháng chưa đến']);
    expect((await compliance('2026-11')).status).toBe(200);
    // 17:00Z on the 30th is already the 1st of December in Vietnam.
    h.clock.set('2026-11-30T17:00:00Z');
    expect((await compliance('2026-12')).status).toBe(200);
  });

  it('the month is required', async () => {
    const res = await read(
      h.as(await h.login('commune')).api.compliance.$get({ query: malformed({}) }),
    );
    expect(res.status).toBe(422);
    expect(res.error?.fields?.month).toBeDefined();
  });
});
