import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { malformed, read, type TestClient } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

const issue = (title: string, category = 'dat_dai', detail = '') => ({
  id: randomUUID(),
  title,
  detail,
  category: category as never,
});

async function submit(cellId: string, issues: ReturnType<typeof issue>[]) {
  const token = await h.login('observer');
  const res = await read(h.as(token).api.reports.$post({ json: buildReport({ cellId, issues }) }));
  expect(res.status).toBe(201);
  return res.body;
}

describe('GET /api/inbox', () => {
  it('shows the commune its issues and not the province, until one is routed there', async () => {
    await submit('hn-xom-1', [
      issue('Đất đai lấn chiếm'),
      issue('Trộm cắp tài sản', 'an_ninh_trat_tu'),
    ]);
    const commune = await read(h.as(await h.login('commune')).api.inbox.$get({ query: {} }));
    expect(commune.status).toBe(200);
    expect(commune.body.items.map((i) => i.title)).toEqual(['Đất đai lấn chiếm']);
    expect(commune.body.items[0]).toMatchObject({
      status: 'routed',
      responsibleBodyId: 'hung-nguyen',
      cellName: 'Chi bộ xóm 1',
      overdue: false,
      version: 1,
    });
    expect(commune.body.counts).toEqual({ routed: 1 });
    const province = await read(h.as(await h.login('province')).api.inbox.$get({ query: {} }));
    expect(province.body.items.map((i) => i.title)).toEqual(['Trộm cắp tài sản']);
    const other = await read(h.as(await h.login('commune2')).api.inbox.$get({ query: {} }));
    expect(other.body.items).toEqual([]);
  });

  it('is refused to observers (403)', async () => {
    expect((await read(h.as(await h.login('observer')).api.inbox.$get({ query: {} }))).status).toBe(
      403,
    );
  });

  it.each([
    ['dat dai', ['Tranh chấp đất đai']],
    ['ĐẤT ĐAI', ['Tranh chấp đất đai']],
    ['đường', ['Đường hỏng']],
    ['duong', ['Đường hỏng']],
    ['100%', []],
    ['xã', ['Đường hỏng']],
  ])('search "%s" ignores diacritics and case', async (q, titles) => {
    await submit('hn-xom-1', [
      issue('Tranh chấp đất đai'),
      issue('Đường hỏng', 'ha_tang_giao_thong', 'Đề nghị xã sửa'),
    ]);
    const res = await read(h.as(await h.login('commune')).api.inbox.$get({ query: { q } }));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.title)).toEqual(titles);
  });

  it('filters by status, category, cell, commune and overdue', async () => {
    await submit('hn-xom-1', [issue('A'), issue('B', 'moi_truong')]);
    await submit('hn-xom-2', [issue('C')]);
    let token = await h.login('commune');
    const titles = async (query: Parameters<TestClient['api']['inbox']['$get']>[0]['query']) =>
      (await read(h.as(token).api.inbox.$get({ query }))).body.items.map((i) => i.title).sort();
    expect(await titles({ category: 'moi_truong' })).toEqual(['B']);
    expect(await titles({ cellId: 'hn-xom-2' })).toEqual(['C']);
    expect(await titles({ communeId: 'hung-nguyen' })).toEqual(['A', 'B', 'C']);
    expect(await titles({ status: 'routed,acknowledged' })).toEqual(['A', 'B', 'C']);
    expect(await titles({ status: 'resolved' })).toEqual([]);
    expect(await titles({ overdue: 'true' })).toEqual([]);
    // Three working days later the acknowledgement deadline has passed.
    h.clock.set('2026-11-11T09:00:00+07:00');
    token = await h.login('commune'); // the session idled out meanwhile
    expect(await titles({ overdue: 'true' })).toEqual(['A', 'B', 'C']);
    expect(await titles({ overdue: 'false' })).toEqual([]);
    expect(await titles({ dueWithinDays: '30' })).toEqual(['A', 'B', 'C']);
    expect(await titles({ dueWithinDays: '1' })).toEqual([]);
  });

  it('paginates with a stable cursor while new issues arrive', async () => {
    const titles = Array.from({ length: 5 }, (_, i) => `Kiến nghị ${i}`);
    await submit(
      'hn-xom-1',
      titles.map((t) => issue(t)),
    );
    let token = await h.login('commune');
    const first = await read(h.as(token).api.inbox.$get({ query: { limit: '2' } }));
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    // Issues submitted later fall due later, so they land after the pages already read.
    h.clock.advance(24 * 3600_000);
    await submit('hn-xom-2', [issue('Mới đến')]);
    token = await h.login('commune'); // the session idled out meanwhile; the cursor does not depend on it
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await read(
        h.as(token).api.inbox.$get({ query: { limit: '2', cursor: cursor } }),
      );
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const ids = seen.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.map((i) => i.title)).toEqual(expect.arrayContaining([...titles, 'Mới đến']));
    expect(seen).toHaveLength(6);
  });

  it('a bad cursor or filter is 422 with the field', async () => {
    const token = await h.login('commune');
    expect(
      (await read(h.as(token).api.inbox.$get({ query: { cursor: 'zzz' } }))).error?.fields,
    ).toHaveProperty('cursor');
    expect(
      (await read(h.as(token).api.inbox.$get({ query: { status: 'nope' } }))).error?.fields,
    ).toHaveProperty('status.0');
    expect(
      (await read(h.as(token).api.inbox.$get({ query: { limit: '0' } }))).error?.fields,
    ).toHaveProperty('limit');
  });
});

describe('GET /api/issues/:id', () => {
  it('shows the issue with its routed event to the observer, the body and the admin; 404 to others', async () => {
    const body = await submit('hn-xom-1', [issue('Đất đai')]);
    const id = body.issues[0]!.id;
    for (const user of ['observer', 'commune', 'admin']) {
      const res = await read(h.as(await h.login(user)).api.issues[':id'].$get({ param: { id } }));
      expect(res.status, user).toBe(200);
      expect(res.body).toMatchObject({
        id,
        status: 'routed',
        category: 'dat_dai',
        responsibleBodyName: 'Đảng ủy xã Hưng Nguyên',
      });
      expect(res.body.events).toEqual([
        expect.objectContaining({
          type: 'routed',
          toStatus: 'routed',
          toBodyId: 'hung-nguyen',
          actorName: 'Nguyễn Văn An',
        }),
      ]);
    }
    for (const user of ['province', 'observer2', 'commune2']) {
      expect(
        (await read(h.as(await h.login(user)).api.issues[':id'].$get({ param: { id } }))).status,
        user,
      ).toBe(404);
    }
  });

  it('the timeline is append-only in the database itself', async () => {
    const body = await submit('hn-xom-1', [issue('Đất đai')]);
    await expect(
      h.database.exec(
        `update issue_events set note = 'x' where issue_id = '${body.issues[0]!.id}'`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(h.database.exec('delete from issue_events')).rejects.toThrow(/append-only/);
  });
});

describe('org units and criteria sets', () => {
  it('GET /api/org-units lists the province graph', async () => {
    const res = await read(h.as(await h.login('observer')).api['org-units'].$get());
    expect(res.status).toBe(200);
    const ids = res.body.items.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining(['na-tu', 'na-bnc', 'hung-nguyen', 'hn-xom-1']));
    expect(res.body.items.find((u) => u.id === 'hn-xom-1')).toMatchObject({
      kind: 'cell',
      parentId: 'hung-nguyen',
      validTo: null,
    });
  });

  it('GET /api/routing-rules gives any user the province rules in order, and /api/me the reporting deadline', async () => {
    const token = await h.login('observer');
    const res = await read(h.as(token).api['routing-rules'].$get());
    expect(res.status).toBe(200);
    expect(res.body.items.map((r) => r.id)).toEqual(['na-r1', 'na-r2', 'na-r3', 'na-r4']);
    expect(
      (await read(h.as(await h.login('admin')).api['routing-rules'].$get())).body.items,
    ).toHaveLength(4);
    expect((await read(h.as(token).api.me.$get())).body.reporting).toEqual({
      dueBeforeDay: 10,
      lateMeetingGraceDays: 5,
    });
  });

  it('GET /api/criteria-sets/current picks the set in force on the date', async () => {
    const token = await h.login('observer');
    const now = await read(
      h.as(token).api['criteria-sets'].current.$get({ query: { cellId: 'hn-xom-1' } }),
    );
    expect(now.status).toBe(200);
    expect(now.body.id).toBe('hd42-2025');
    expect(
      now.body.groups.reduce((s: number, g: { maxPoints: number }) => s + g.maxPoints, 0),
    ).toBe(100);
    expect(
      (
        await read(
          h.as(token).api['criteria-sets'].current.$get({
            query: { cellId: 'hn-xom-1', date: '2025-10-27' },
          }),
        )
      ).body.id,
    ).toBe('nghe-an-08-2021');
    expect(
      (await read(h.as(token).api['criteria-sets'].current.$get({ query: { cellId: 'nope' } })))
        .status,
    ).toBe(404);
    // A set another province imported does not apply here.
    const other = {
      ...now.body,
      id: 'other-2026',
      name: 'Bộ tiêu chí tỉnh khác',
      validFrom: '2026-11-01',
    };
    await h.database.exec(
      `insert into org_units (id, name, kind, valid_from) values ('other-tu', 'Tỉnh ủy khác', 'province', '2025-07-01')`,
    );
    await h.database.exec(
      `insert into criteria_sets (id, name, province_id, scope, valid_from, definition) values ('other-2026', 'x', 'other-tu', 'province', '2026-11-01', '${JSON.stringify(other)}'::jsonb)`,
    );
    try {
      expect(
        (
          await read(
            h.as(token).api['criteria-sets'].current.$get({ query: { cellId: 'hn-xom-1' } }),
          )
        ).body.id,
      ).toBe('hd42-2025');
      expect(
        (await read(h.as(token).api['criteria-sets'][':id'].$get({ param: { id: 'other-2026' } })))
          .status,
      ).toBe(404);
      const res = await read(
        h.as(token).api.reports.$post({ json: buildReport({ criteriaSetId: 'other-2026' }) }),
      );
      expect(res.status).toBe(422);
      expect(res.error?.fields).toHaveProperty('criteriaSetId');
    } finally {
      await h.database.exec(
        `delete from criteria_sets where id = 'other-2026'; delete from org_units where id = 'other-tu'`,
      );
    }
    expect(
      (await read(h.as(token).api['criteria-sets'].current.$get({ query: malformed({}) }))).status,
    ).toBe(422);
  });
});
