import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

const issue = (title: string, category = 'dat_dai', detail = '') => ({ id: randomUUID(), title, detail, category: category as never });

async function submit(cellId: string, issues: ReturnType<typeof issue>[]) {
  const token = await h.login('observer');
  const res = await h.raw('POST', '/api/reports', { token, body: buildReport({ cellId, issues }) });
  expect(res.status).toBe(201);
  return res.body;
}

describe('GET /api/inbox', () => {
  it('shows the commune its issues and not the province, until one is routed there', async () => {
    await submit('hn-xom-1', [issue('Đất đai lấn chiếm'), issue('Trộm cắp tài sản', 'an_ninh_trat_tu')]);
    const commune = await h.raw('GET', '/api/inbox', { token: await h.login('commune') });
    expect(commune.status).toBe(200);
    expect(commune.body.items.map((i: { title: string }) => i.title)).toEqual(['Đất đai lấn chiếm']);
    expect(commune.body.items[0]).toMatchObject({ status: 'routed', responsibleBodyId: 'hung-nguyen', cellName: 'Chi bộ xóm 1', overdue: false, version: 1 });
    expect(commune.body.counts).toEqual({ routed: 1 });
    const province = await h.raw('GET', '/api/inbox', { token: await h.login('province') });
    expect(province.body.items.map((i: { title: string }) => i.title)).toEqual(['Trộm cắp tài sản']);
    const other = await h.raw('GET', '/api/inbox', { token: await h.login('commune2') });
    expect(other.body.items).toEqual([]);
  });

  it('is refused to observers (403)', async () => {
    expect((await h.raw('GET', '/api/inbox', { token: await h.login('observer') })).status).toBe(403);
  });

  it.each([
    ['dat dai', ['Tranh chấp đất đai']],
    ['ĐẤT ĐAI', ['Tranh chấp đất đai']],
    ['đường', ['Đường hỏng']],
    ['duong', ['Đường hỏng']],
    ['100%', []],
    ['xã', ['Đường hỏng']],
  ])('search "%s" ignores diacritics and case', async (q, titles) => {
    await submit('hn-xom-1', [issue('Tranh chấp đất đai'), issue('Đường hỏng', 'ha_tang_giao_thong', 'Đề nghị xã sửa')]);
    const res = await h.raw('GET', `/api/inbox?q=${encodeURIComponent(q)}`, { token: await h.login('commune') });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { title: string }) => i.title)).toEqual(titles);
  });

  it('filters by status, category, cell, commune and overdue', async () => {
    await submit('hn-xom-1', [issue('A'), issue('B', 'moi_truong')]);
    await submit('hn-xom-2', [issue('C')]);
    let token = await h.login('commune');
    const titles = async (qs: string) => (await h.raw('GET', `/api/inbox?${qs}`, { token })).body.items.map((i: { title: string }) => i.title).sort();
    expect(await titles('category=moi_truong')).toEqual(['B']);
    expect(await titles('cellId=hn-xom-2')).toEqual(['C']);
    expect(await titles('communeId=hung-nguyen')).toEqual(['A', 'B', 'C']);
    expect(await titles('status=routed,acknowledged')).toEqual(['A', 'B', 'C']);
    expect(await titles('status=resolved')).toEqual([]);
    expect(await titles('overdue=true')).toEqual([]);
    // Three working days later the acknowledgement deadline has passed.
    h.clock.set('2026-11-11T09:00:00+07:00');
    token = await h.login('commune'); // the session idled out meanwhile
    expect(await titles('overdue=true')).toEqual(['A', 'B', 'C']);
    expect(await titles('overdue=false')).toEqual([]);
    expect(await titles('dueWithinDays=30')).toEqual(['A', 'B', 'C']);
    expect(await titles('dueWithinDays=1')).toEqual([]);
  });

  it('paginates with a stable cursor while new issues arrive', async () => {
    const titles = Array.from({ length: 5 }, (_, i) => `Kiến nghị ${i}`);
    await submit('hn-xom-1', titles.map((t) => issue(t)));
    let token = await h.login('commune');
    const first = await h.raw('GET', '/api/inbox?limit=2', { token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    // Issues submitted later fall due later, so they land after the pages already read.
    h.clock.advance(24 * 3600_000);
    await submit('hn-xom-2', [issue('Mới đến')]);
    token = await h.login('commune'); // the session idled out meanwhile; the cursor does not depend on it
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await h.raw('GET', `/api/inbox?limit=2&cursor=${cursor}`, { token });
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const ids = seen.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.map((i: { title: string }) => i.title)).toEqual(expect.arrayContaining([...titles, 'Mới đến']));
    expect(seen).toHaveLength(6);
  });

  it('a bad cursor or filter is 422 with the field', async () => {
    const token = await h.login('commune');
    expect((await h.raw('GET', '/api/inbox?cursor=zzz', { token })).body.error.fields).toHaveProperty('cursor');
    expect((await h.raw('GET', '/api/inbox?status=nope', { token })).body.error.fields).toHaveProperty('status.0');
    expect((await h.raw('GET', '/api/inbox?limit=0', { token })).body.error.fields).toHaveProperty('limit');
  });
});

describe('GET /api/issues/:id', () => {
  it('shows the issue with its routed event to the observer, the body and the admin; 404 to others', async () => {
    const body = await submit('hn-xom-1', [issue('Đất đai')]);
    const id = body.issues[0].id;
    for (const user of ['observer', 'commune', 'admin']) {
      const res = await h.raw('GET', `/api/issues/${id}`, { token: await h.login(user) });
      expect(res.status, user).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'routed', category: 'dat_dai', responsibleBodyName: 'Đảng ủy xã Hưng Nguyên' });
      expect(res.body.events).toEqual([expect.objectContaining({ type: 'routed', toStatus: 'routed', toBodyId: 'hung-nguyen', actorName: 'Nguyễn Văn An' })]);
    }
    for (const user of ['province', 'observer2', 'commune2']) {
      expect((await h.raw('GET', `/api/issues/${id}`, { token: await h.login(user) })).status, user).toBe(404);
    }
  });

  it('the timeline is append-only in the database itself', async () => {
    const body = await submit('hn-xom-1', [issue('Đất đai')]);
    await expect(h.database.exec(`update issue_events set note = 'x' where issue_id = '${body.issues[0].id}'`)).rejects.toThrow(/append-only/);
    await expect(h.database.exec('delete from issue_events')).rejects.toThrow(/append-only/);
  });
});

describe('org units and criteria sets', () => {
  it('GET /api/org-units lists the province graph', async () => {
    const res = await h.raw('GET', '/api/org-units', { token: await h.login('observer') });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining(['na-tu', 'na-bnc', 'hung-nguyen', 'hn-xom-1']));
    expect(res.body.items.find((u: { id: string }) => u.id === 'hn-xom-1')).toMatchObject({ kind: 'cell', parentId: 'hung-nguyen', validTo: null });
  });

  it('GET /api/routing-rules gives any user the province rules in order, and /api/me the reporting deadline', async () => {
    const token = await h.login('observer');
    const res = await h.raw('GET', '/api/routing-rules', { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual(['na-r1', 'na-r2', 'na-r3', 'na-r4']);
    expect((await h.raw('GET', '/api/routing-rules', { token: await h.login('admin') })).body.items).toHaveLength(4);
    expect((await h.raw('GET', '/api/me', { token })).body.reporting).toEqual({ dueBeforeDay: 10, lateMeetingGraceDays: 5 });
  });

  it('GET /api/criteria-sets/current picks the set in force on the date', async () => {
    const token = await h.login('observer');
    const now = await h.raw('GET', '/api/criteria-sets/current?cellId=hn-xom-1', { token });
    expect(now.status).toBe(200);
    expect(now.body.id).toBe('hd42-2025');
    expect(now.body.groups.reduce((s: number, g: { maxPoints: number }) => s + g.maxPoints, 0)).toBe(100);
    expect((await h.raw('GET', '/api/criteria-sets/current?cellId=hn-xom-1&date=2025-10-27', { token })).body.id).toBe('nghe-an-08-2021');
    expect((await h.raw('GET', '/api/criteria-sets/current?cellId=nope', { token })).status).toBe(404);
    // A set another province imported does not apply here.
    const other = { ...now.body, id: 'other-2026', name: 'Bộ tiêu chí tỉnh khác', validFrom: '2026-11-01' };
    await h.database.exec(`insert into org_units (id, name, kind, valid_from) values ('other-tu', 'Tỉnh ủy khác', 'province', '2025-07-01')`);
    await h.database.exec(
      `insert into criteria_sets (id, name, province_id, valid_from, definition) values ('other-2026', 'x', 'other-tu', '2026-11-01', '${JSON.stringify(other)}'::jsonb)`,
    );
    try {
      expect((await h.raw('GET', '/api/criteria-sets/current?cellId=hn-xom-1', { token })).body.id).toBe('hd42-2025');
      expect((await h.raw('GET', '/api/criteria-sets/other-2026', { token })).status).toBe(404);
      const res = await h.raw('POST', '/api/reports', { token, body: buildReport({ criteriaSetId: 'other-2026' }) });
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toHaveProperty('criteriaSetId');
    } finally {
      await h.database.exec(`delete from criteria_sets where id = 'other-2026'; delete from org_units where id = 'other-tu'`);
    }
    expect((await h.raw('GET', '/api/criteria-sets/current', { token })).status).toBe(422);
  });
});
