import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { read, type TestClient } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';

// Issue 15: the inbox as a triage table (origin commune, sort orders, the admin's whole
// province) and the "Sẽ giải quyết" target date.
const h = useHarness('2026-11-05T09:00:00+07:00');

type Query = Parameters<TestClient['api']['inbox']['$get']>[0]['query'];
type InboxRes = ReturnType<TestClient['api']['inbox']['$get']>;

const issue = (title: string, category = 'dat_dai') => ({
  id: randomUUID(),
  title,
  detail: '',
  category: category as never,
});

async function submit(cellId: string, titles: string[], category?: string) {
  const token = await h.login('observer');
  const res = await read(
    h.as(token).api.reports.$post({
      json: buildReport({ cellId, issues: titles.map((t) => issue(t, category)) }),
    }),
  );
  expect(res.status).toBe(201);
  return res.body.issues.map((i) => i.id);
}

async function act(token: string, id: string, type: 'acknowledge' | 'start') {
  const cur = await read(h.as(token).api.issues[':id'].$get({ param: { id } }));
  const res = await read(
    h.as(token).api.issues[':id'].actions.$post({
      param: { id },
      json: { type, expectedVersion: cur.body.version },
    }),
  );
  expect(res.status).toBe(200);
}

/** Every page of the inbox for a query, `limit` at a time. */
async function allPages(token: string, query: Query, limit = 2) {
  const out: { title: string; id: string }[] = [];
  let cursor: string | null = null;
  do {
    const res: Awaited<ReturnType<typeof read<Awaited<InboxRes>>>> = await read(
      h.as(token).api.inbox.$get({
        query: { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) },
      }),
    );
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out.map((i) => i.title);
}

describe('GET /api/inbox as a triage table', () => {
  it("names each issue's commune of origin (province staff see where it came from)", async () => {
    await submit('hn-xom-1', ['Trộm cắp'], 'an_ninh_trat_tu');
    const province = await read(h.as(await h.login('province')).api.inbox.$get({ query: {} }));
    expect(province.body.items[0]).toMatchObject({
      title: 'Trộm cắp',
      cellName: 'Chi bộ xóm 1',
      communeId: 'hung-nguyen',
      communeName: 'Đảng ủy xã Hưng Nguyên',
    });
    const id = province.body.items[0]!.id;
    const one = await read(
      h.as(await h.login('province')).api.issues[':id'].$get({ param: { id } }),
    );
    expect(one.body.communeName).toBe('Đảng ủy xã Hưng Nguyên');
  });

  it('sorts by answer deadline, by the deadline that matters, by acknowledgement deadline, by age and by activity, paging each', async () => {
    // One a working day (Thu 05/11, Fri 06/11, Mon 09/11, Tue 10/11); then B is acknowledged on
    // Wed 11/11 (its acknowledgement deadline no longer matters), A acknowledged and started on
    // Thu 12/11.
    await submit('hn-xom-1', ['A']);
    h.clock.set('2026-11-06T09:00:00+07:00');
    await submit('hn-xom-2', ['B']);
    h.clock.set('2026-11-09T09:00:00+07:00');
    await submit('hn-th', ['C']);
    h.clock.set('2026-11-10T09:00:00+07:00');
    await submit('hn-xom-1', ['D']);
    h.clock.set('2026-11-11T09:00:00+07:00');
    let token = await h.login('commune');
    const list = await read(h.as(token).api.inbox.$get({ query: {} }));
    const idOf = (t: string) => list.body.items.find((i) => i.title === t)!.id;
    await act(token, idOf('B'), 'acknowledge');
    h.clock.set('2026-11-12T09:00:00+07:00');
    token = await h.login('commune');
    await act(token, idOf('A'), 'acknowledge');
    await act(token, idOf('A'), 'start');

    // Submitted in this order, so the answer deadlines and the ages follow it.
    expect(await allPages(token, {})).toEqual(['A', 'B', 'C', 'D']);
    expect(await allPages(token, { sort: 'due' })).toEqual(['A', 'B', 'C', 'D']);
    expect(await allPages(token, { sort: 'age' })).toEqual(['A', 'B', 'C', 'D']);
    // Still awaiting acknowledgement first (C then D, by that deadline), then the others by
    // their answer deadline.
    expect(await allPages(token, { sort: 'ack' })).toEqual(['C', 'D', 'A', 'B']);
    // The deadline that matters: C's and D's acknowledgement deadlines (3 working days) come
    // before A's and B's answer deadlines.
    expect(await allPages(token, { sort: 'next' })).toEqual(['C', 'D', 'A', 'B']);
    // Most recent activity first: A (started today), B (acknowledged yesterday), D, C.
    expect(await allPages(token, { sort: 'activity' })).toEqual(['A', 'B', 'D', 'C']);
    expect(await allPages(token, { sort: 'activity' }, 1)).toEqual(['A', 'B', 'D', 'C']);
    expect(await allPages(token, { sort: 'ack' }, 1)).toEqual(['C', 'D', 'A', 'B']);
  });

  it('a cursor of one sort is refused under another, and an unknown sort is 422 on sort', async () => {
    await submit('hn-xom-1', ['A', 'B', 'C']);
    const token = await h.login('commune');
    const first = await read(h.as(token).api.inbox.$get({ query: { sort: 'age', limit: '1' } }));
    const cursor = first.body.nextCursor!;
    expect(cursor).toBeTruthy();
    const other = await read(
      h.as(token).api.inbox.$get({ query: { sort: 'activity', cursor, limit: '1' } }),
    );
    expect(other.status).toBe(422);
    expect(other.error?.fields).toHaveProperty('cursor');
    const bad = await read(h.as(token).api.inbox.$get({ query: { sort: 'title' as never } }));
    expect(bad.status).toBe(422);
    expect(bad.error?.fields).toHaveProperty('sort');
    // A crafted `ack` cursor with a null where a date must be is refused, not a 500.
    const crafted = Buffer.from(JSON.stringify(['ack', null, null, randomUUID()])).toString(
      'base64url',
    );
    expect(
      (await read(h.as(token).api.inbox.$get({ query: { sort: 'ack', cursor: crafted } }))).status,
    ).toBe(422);
  });

  it('scope=all gives an admin every inbox of the province, and is 403 to staff', async () => {
    await submit('hn-xom-1', ['Đất đai']);
    await submit('hn-xom-1', ['Trộm cắp'], 'an_ninh_trat_tu');
    const admin = await h.login('admin');
    const own = await read(h.as(admin).api.inbox.$get({ query: {} }));
    expect(own.body.items).toEqual([]);
    const all = await read(h.as(admin).api.inbox.$get({ query: { scope: 'all' } }));
    expect(all.status).toBe(200);
    expect(all.body.items.map((i) => [i.title, i.responsibleBodyName]).sort()).toEqual([
      ['Trộm cắp', 'Ban Nội chính Tỉnh ủy'],
      ['Đất đai', 'Đảng ủy xã Hưng Nguyên'],
    ]);
    expect(all.body.counts).toEqual({ routed: 2 });
    const staff = await read(
      h.as(await h.login('commune')).api.inbox.$get({ query: { scope: 'all' } }),
    );
    expect(staff.status).toBe(403);
  });
});

describe('"Sẽ giải quyết" with a target date', () => {
  async function inProgress() {
    const [id] = await submit('hn-xom-1', ['Đường hỏng']);
    const token = await h.login('commune');
    await act(token, id!, 'acknowledge');
    await act(token, id!, 'start');
    return { id: id!, token };
  }
  const schedule = (token: string, id: string, json: Record<string, unknown>) =>
    read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id },
        json: {
          type: 'schedule',
          note: 'Sẽ sửa trong quý I',
          expectedVersion: 3,
          ...json,
        } as never,
      }),
    );

  it('keeps the target date in the event and shows it in the timeline', async () => {
    const { id, token } = await inProgress();
    const res = await schedule(token, id, { targetDate: '2027-03-31' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scheduled');
    const view = await read(h.as(token).api.issues[':id'].$get({ param: { id } }));
    expect(view.body.events.at(-1)).toMatchObject({ type: 'schedule', targetDate: '2027-03-31' });
    // Without one, as before.
    const [other] = await submit('hn-xom-1', ['Khác']);
    await act(token, other!, 'acknowledge');
    await act(token, other!, 'start');
    expect((await schedule(token, other!, {})).status).toBe(200);
    const plain = await read(h.as(token).api.issues[':id'].$get({ param: { id: other! } }));
    expect(plain.body.events.at(-1)?.targetDate).toBeUndefined();
  });

  it('refuses a target date in the past, a malformed one, or on another action (422 on targetDate)', async () => {
    const { id, token } = await inProgress();
    for (const targetDate of ['2026-11-04', '31/03/2027', '2027-02-30']) {
      const res = await schedule(token, id, { targetDate });
      expect(res.status, targetDate).toBe(422);
      expect(res.error?.fields, targetDate).toHaveProperty('targetDate');
    }
    const resolve = await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id },
        json: { type: 'resolve', note: 'Xong', targetDate: '2027-01-01', expectedVersion: 3 },
      }),
    );
    expect(resolve.status).toBe(422);
    expect(resolve.error?.fields).toHaveProperty('targetDate');
    // Today is accepted.
    expect((await schedule(token, id, { targetDate: '2026-11-05' })).status).toBe(200);
  });
});

describe('bulk "Sẽ giải quyết" with a target date', () => {
  const bulk = (token: string, json: Record<string, unknown>) =>
    read(h.as(token).api.issues['bulk-actions'].$post({ json: json as never }));
  const view = async (token: string, id: string) =>
    (await read(h.as(token).api.issues[':id'].$get({ param: { id } }))).body;

  it('schedules every selected issue with the same answer and target date; each checked on its own', async () => {
    const [a, b, c] = await submit('hn-xom-1', ['Đường hỏng', 'Mương tắc', 'Đã cũ']);
    const token = await h.login('commune');
    for (const id of [a!, b!]) {
      await act(token, id, 'acknowledge');
      await act(token, id, 'start');
    }
    const res = await bulk(token, {
      type: 'schedule',
      note: 'Sẽ sửa trong quý I/2027',
      targetDate: '2027-03-31',
      // The third is sent with a stale version (someone else acted on it meanwhile).
      items: [a!, b!, c!].map((id) => ({ id, expectedVersion: id === c ? 2 : 3 })),
    });
    expect(res.status).toBe(200);
    // The stale one alone is refused; the others are scheduled.
    expect(res.body.results.map((r) => [r.ok, r.status, r.issue?.status])).toEqual([
      [true, 200, 'scheduled'],
      [true, 200, 'scheduled'],
      [false, 409, undefined],
    ]);
    for (const id of [a!, b!]) {
      expect((await view(token, id)).events.at(-1)).toMatchObject({
        type: 'schedule',
        note: 'Sẽ sửa trong quý I/2027',
        targetDate: '2027-03-31',
      });
    }
    expect((await view(token, c!)).status).toBe('routed');
  });

  it('refuses a past target date, a target date on another action, or a missing answer before touching any issue (422 on the field)', async () => {
    const [a, b] = await submit('hn-xom-1', ['Một', 'Hai']);
    const token = await h.login('commune');
    for (const id of [a!, b!]) {
      await act(token, id, 'acknowledge');
      await act(token, id, 'start');
    }
    const items = [a!, b!].map((id) => ({ id, expectedVersion: 3 }));
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'schedule', note: 'Sẽ sửa', targetDate: '2026-11-04' }, 'targetDate'],
      [{ type: 'schedule', note: 'Sẽ sửa', targetDate: '31/03/2027' }, 'targetDate'],
      [{ type: 'resolve', note: 'Xong', targetDate: '2027-01-01' }, 'targetDate'],
      [{ type: 'schedule', note: '  ', targetDate: '2027-01-01' }, 'note'],
    ];
    for (const [body, field] of cases) {
      const res = await bulk(token, { ...body, items });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.error?.fields, JSON.stringify(body)).toHaveProperty(field);
    }
    for (const id of [a!, b!]) {
      const v = await view(token, id);
      expect([v.status, v.version]).toEqual(['in_progress', 3]);
    }
    // Today is accepted.
    const ok = await bulk(token, {
      type: 'schedule',
      note: 'Sẽ sửa',
      targetDate: '2026-11-05',
      items,
    });
    expect(ok.body.results.every((r) => r.ok)).toBe(true);
  });
});
