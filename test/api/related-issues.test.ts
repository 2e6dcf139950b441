import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ActionType, Category } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

const issue = (title: string, detail = 'Chi tiết', category: Category = 'ha_tang_giao_thong') => ({
  id: randomUUID(),
  title,
  detail,
  category,
  urgency: 'normal' as const,
});

/** Files one report of `user` on `cellId` with these issues; returns their ids in order. */
async function raise(
  user: string,
  cellId: string,
  issues: ReturnType<typeof issue>[],
): Promise<string[]> {
  const res = await read(
    h.as(await h.login(user)).api.reports.$post({ json: buildReport({ cellId, issues }) }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.issues.map((i) => i.id);
}

async function view(id: string) {
  const res = await read(h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }));
  expect(res.status).toBe(200);
  return res.body;
}

async function act(
  user: string,
  id: string,
  type: ActionType,
  extra: Record<string, unknown> = {},
) {
  const { version } = await view(id);
  return read(
    h.as(await h.login(user)).api.issues[':id'].actions.$post({
      param: { id },
      json: { type, expectedVersion: version, ...extra },
    }),
  );
}

async function hints(user: string, text: string, cellId = 'hn-xom-1') {
  return read(h.as(await h.login(user)).api.issues.related.$get({ query: { text, cellId } }));
}

async function markDuplicate(user: string, id: string, originalId: string, version?: number) {
  const expectedVersion = version ?? (await view(id)).version;
  return read(
    h.as(await h.login(user)).api.issues[':id']['duplicate-of'].$put({
      param: { id },
      json: { originalId, expectedVersion },
    }),
  );
}

describe('related issues: hints while writing', () => {
  it('matches without diacritics ("duong" finds "đường"), within the commune only, open or recent', async () => {
    const [road, school] = await raise('observer', 'hn-xom-2', [
      issue('Đường liên xóm bị sụt lún nặng', 'Cần sửa đường trước mùa mưa'),
      issue('Trường mầm non thiếu phòng học', 'Đề nghị xây thêm', 'giao_duc'),
    ]);
    // Another commune (Trường Vinh): the same words must not leak.
    await raise('observer3', 'tv-yen-giang', [issue('Đường khối Yên Giang sụt lún')]);

    const res = await hints('observer', 'duong lien xom sut lun');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.id)).toEqual([road]);
    const [hit] = res.body.items;
    expect(hit).toMatchObject({
      title: 'Đường liên xóm bị sụt lún nặng',
      status: 'routed',
      cellName: 'Chi bộ xóm 2',
      communeName: expect.stringContaining('Hưng Nguyên'),
      closedAt: null,
      duplicateOf: null,
    });
    expect(hit!.similarity).toBeGreaterThan(0.3);
    expect(hit).not.toHaveProperty('detail');
    // One word, accents typed or not.
    expect((await hints('observer', 'đường')).body.items.map((i) => i.id)).toEqual([road]);
    expect((await hints('observer', 'DUONG')).body.items.map((i) => i.id)).toEqual([road]);
    expect((await hints('observer', 'truong mam non')).body.items.map((i) => i.id)).toEqual([
      school,
    ]);
    // Nothing similar: an empty list, not an error.
    expect((await hints('observer', 'karaoke gây ồn')).body.items).toEqual([]);

    // Answered more than 90 days ago: no longer a hint; answered recently: still one.
    expect((await act('commune', road!, 'resolve', { note: 'Đã sửa xong' })).status).toBe(200);
    expect((await hints('observer', 'duong lien xom')).body.items[0]).toMatchObject({
      id: road,
      status: 'resolved',
    });
    h.clock.advance(91 * 86_400_000);
    expect((await hints('observer', 'duong lien xom')).body.items).toEqual([]);
  });

  it('is scoped: a cell the caller may not write for is a 404, staff above the cell and admins may ask', async () => {
    await raise('observer', 'hn-xom-1', [issue('Đèn đường hỏng nhiều tháng')]);
    // observer3 is assigned in Trường Vinh only.
    const other = await hints('observer3', 'den duong hong', 'hn-xom-1');
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ error: { code: 'CELL_NOT_FOUND' } });
    // commune2 is staff of Trường Vinh, not above hn-xom-1.
    expect((await hints('commune2', 'den duong hong')).status).toBe(404);
    // Unknown cell, and a body that is not a cell.
    expect((await hints('observer', 'den duong hong', 'no-such-cell')).status).toBe(404);
    expect((await hints('admin', 'den duong hong', 'hung-nguyen')).status).toBe(404);
    for (const user of ['observer', 'commune', 'admin']) {
      const res = await hints(user, 'den duong hong');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
    }
  });

  it('refuses bad queries with 422 naming the field', async () => {
    const token = await h.login('observer');
    const short = await h.raw('GET', '/api/issues/related?text=ab&cellId=hn-xom-1', { token });
    expect(short.status).toBe(422);
    expect(short.error?.fields).toHaveProperty('text');
    const none = await h.raw('GET', '/api/issues/related?text=duong', { token });
    expect(none.status).toBe(422);
    expect(none.error?.fields).toHaveProperty('cellId');
    const long = await h.raw(
      'GET',
      `/api/issues/related?cellId=hn-xom-1&text=${'a'.repeat(2_001)}`,
      { token },
    );
    expect(long.status).toBe(422);
    expect((await h.raw('GET', '/api/issues/related?text=duong&cellId=hn-xom-1')).status).toBe(401);
  });

  it('compares titles: typed with combining accents or doubled spaces they match, the detail is not compared', async () => {
    const [road] = await raise('observer', 'hn-xom-2', [
      issue('Đường  liên xóm hư hỏng'.normalize('NFD'), 'Cống thoát nước bị tắc nghẽn'),
    ]);
    expect((await hints('observer', 'đường liên xóm hư hỏng')).body.items.map((i) => i.id)).toEqual(
      [road],
    );
    expect((await hints('observer', 'duong lien xom')).body.items.map((i) => i.id)).toEqual([road]);
    expect((await hints('observer', 'cong thoat nuoc bi tac nghen')).body.items).toEqual([]);
  });

  it('returns at most 5, most similar first', async () => {
    await raise(
      'observer',
      'hn-xom-1',
      Array.from({ length: 7 }, (_, n) => issue(`Đường xóm ${n + 1} hư hỏng`)),
    );
    const res = await hints('observer', 'duong xom 3 hu hong');
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items[0]!.title).toBe('Đường xóm 3 hư hỏng');
    const sims = res.body.items.map((i) => i.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
  });
});

describe('related issues: the staff issue view', () => {
  it('lists similar issues of the same commune for its staff, 404 for an issue they cannot read', async () => {
    const [a] = await raise('observer', 'hn-xom-1', [issue('Rác thải ven kênh gây ô nhiễm')]);
    const [b] = await raise('observer2', 'hn-yen-ho', [issue('Rác thải tập kết ven kênh ô nhiễm')]);
    await raise('observer3', 'tv-yen-giang', [issue('Rác thải ven kênh ô nhiễm khối')]);
    const res = await read(
      h.as(await h.login('commune')).api.issues[':id'].related.$get({ param: { id: a! } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.id)).toEqual([b]);
    // Staff of another commune may not read the issue at all.
    const other = await read(
      h.as(await h.login('commune2')).api.issues[':id'].related.$get({ param: { id: a! } }),
    );
    expect(other.status).toBe(404);
    // The author reads the issue, but is no staff: no hints about others from this view.
    const author = await read(
      h.as(await h.login('observer')).api.issues[':id'].related.$get({ param: { id: a! } }),
    );
    expect(author.status).toBe(200);
    expect(author.body.items).toEqual([]);
    expect(
      (
        await h.raw('GET', `/api/issues/${randomUUID()}/related`, {
          token: await h.login('admin'),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.raw('GET', '/api/issues/not-a-uuid/related', {
          token: await h.login('admin'),
        })
      ).status,
    ).toBe(404);
  });
});

describe('duplicates', () => {
  it('a duplicate follows the original’s answer, with an event, and its author is notified', async () => {
    const [original] = await raise('observer', 'hn-xom-1', [issue('Cầu tràn xóm 1 bị sập')]);
    const [dup] = await raise('observer2', 'hn-yen-ho', [issue('Cầu tràn bị sập, đi lại khó')]);
    const feedBefore = await read(
      h.as(await h.login('observer2')).api.my.events.$get({ query: {} }),
    );

    const marked = await markDuplicate('commune', dup!, original!);
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body).toMatchObject({ duplicateOf: original, status: 'routed' });
    const withMark = await view(dup!);
    expect(withMark.events.at(-1)).toMatchObject({
      type: 'duplicate',
      duplicateOf: original,
      actorName: 'Trần Thị Bình',
    });

    const answered = await act('commune', original!, 'schedule', {
      note: 'Quý I/2027 xây lại cầu',
      documentNo: '12/UBND',
    });
    expect(answered.status).toBe(200);
    const after = await view(dup!);
    expect(after).toMatchObject({
      status: 'scheduled',
      answer: 'Quý I/2027 xây lại cầu',
      documentNo: '12/UBND',
      duplicateOf: original,
    });
    expect(after.closedAt).not.toBeNull();
    expect(after.events.at(-1)).toMatchObject({
      type: 'schedule',
      fromStatus: 'routed',
      toStatus: 'scheduled',
      duplicateOf: original,
    });
    // The member's feed (what the badge and notifications read) carries the answer.
    const feed = await read(
      h.as(await h.login('observer2')).api.my.events.$get({
        query: { after: feedBefore.body.nextCursor ?? undefined },
      }),
    );
    expect(feed.body.items.map((e) => [e.issueId, e.type])).toContainEqual([dup, 'schedule']);
    const mine = await read(h.as(await h.login('observer2')).api.my.issues.$get({ query: {} }));
    expect(mine.body.items.find((i) => i.id === dup)).toMatchObject({ status: 'scheduled' });
  });

  it('marking a duplicate of an already answered issue gives it the answer at once', async () => {
    const [original] = await raise('observer', 'hn-xom-1', [issue('Nước sinh hoạt nhiễm phèn')]);
    const [dup] = await raise('observer2', 'hn-yen-ho', [issue('Nước nhiễm phèn')]);
    expect((await act('commune', original!, 'resolve', { note: 'Đã lắp bộ lọc' })).status).toBe(
      200,
    );
    const marked = await markDuplicate('commune', dup!, original!);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ status: 'resolved', answer: 'Đã lắp bộ lọc' });
    const events = (await view(dup!)).events.map((e) => e.type);
    expect(events.slice(-2)).toEqual(['duplicate', 'resolve']);
  });

  it('reopening the original reopens the duplicates that took its answer, an event each; not one answered apart', async () => {
    const [original] = await raise('observer', 'hn-xom-1', [issue('Đèn đường hỏng cả tháng')]);
    const [follower] = await raise('observer2', 'hn-yen-ho', [issue('Đèn đường xóm hỏng')]);
    const [apart] = await raise('observer2', 'hn-yen-ho', [issue('Đèn đường ngõ 3 hỏng')]);
    for (const dup of [follower, apart])
      expect((await markDuplicate('commune', dup!, original!)).status).toBe(200);
    // `apart` is answered on its own before the original: it keeps its own answer.
    expect((await act('commune', apart!, 'explain', { note: 'Thuộc điện lực' })).status).toBe(200);
    expect((await act('commune', original!, 'resolve', { note: 'Đã thay bóng' })).status).toBe(200);
    expect(await view(follower!)).toMatchObject({ status: 'resolved', answer: 'Đã thay bóng' });
    const feedBefore = await read(
      h.as(await h.login('observer2')).api.my.events.$get({ query: {} }),
    );

    h.clock.advance(86_400_000);
    const reopened = await act('observer', original!, 'reopen', { note: 'Bóng lại hỏng' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const o = await view(original!);
    const f = await view(follower!);
    expect(f).toMatchObject({ status: 'in_progress', closedAt: null, duplicateOf: original });
    expect(f.dueAt).toBe(o.dueAt);
    expect(f.events.at(-1)).toMatchObject({
      type: 'reopen',
      fromStatus: 'resolved',
      toStatus: 'in_progress',
      note: 'Bóng lại hỏng',
      duplicateOf: original,
    });
    expect(f.events.filter((e) => e.type === 'reopen')).toHaveLength(1);
    const a = await view(apart!);
    expect(a).toMatchObject({ status: 'explained', answer: 'Thuộc điện lực' });
    expect(a.events.some((e) => e.type === 'reopen')).toBe(false);
    // The member who raised the duplicate sees it alive again.
    const feed = await read(
      h.as(await h.login('observer2')).api.my.events.$get({
        query: { after: feedBefore.body.nextCursor ?? undefined },
      }),
    );
    expect(feed.body.items.map((e) => [e.issueId, e.type])).toEqual([[follower, 'reopen']]);
    const mine = await read(h.as(await h.login('observer2')).api.my.issues.$get({ query: {} }));
    expect(mine.body.items.find((i) => i.id === follower)).toMatchObject({
      status: 'in_progress',
    });
    // Answered again: the follower takes the new answer.
    expect((await act('commune', original!, 'resolve', { note: 'Đã thay cột đèn' })).status).toBe(
      200,
    );
    expect(await view(follower!)).toMatchObject({ status: 'resolved', answer: 'Đã thay cột đèn' });
  });

  it('unlinks with an event; refuses with 404, 403, 409 and 422 as documented', async () => {
    const [original, dup, third] = await raise('observer', 'hn-xom-1', [
      issue('Cống thoát nước tắc'),
      issue('Cống thoát nước bị tắc nghẽn'),
      issue('Cống tắc gây ngập'),
    ]);
    // 422: itself, unknown original, malformed body.
    const self = await markDuplicate('commune', dup!, dup!);
    expect(self.status).toBe(422);
    expect(self.body).toMatchObject({ error: { fields: { originalId: expect.any(Array) } } });
    expect((await markDuplicate('commune', dup!, randomUUID())).status).toBe(422);
    const bad = await h.raw('PUT', `/api/issues/${dup}/duplicate-of`, {
      token: await h.login('commune'),
      body: { originalId: 'x', expectedVersion: -1 },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.error?.fields ?? {}).sort()).toEqual(['expectedVersion', 'originalId']);
    // 404: unknown issue, or one the caller cannot read; 403: the author reads but is no staff.
    expect((await markDuplicate('commune', randomUUID(), original!, 1)).status).toBe(404);
    expect((await markDuplicate('commune2', dup!, original!)).status).toBe(404);
    expect((await markDuplicate('observer', dup!, original!)).status).toBe(403);
    // 409: stale version.
    const stale = await markDuplicate('commune', dup!, original!, 99);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'VERSION_CONFLICT' } });

    expect((await markDuplicate('commune', dup!, original!)).status).toBe(200);
    // 409: already a duplicate; 422: an original that is itself a duplicate; 409: has duplicates.
    const again = await markDuplicate('commune', dup!, third!);
    expect(again.body).toMatchObject({ error: { code: 'ALREADY_DUPLICATE' } });
    expect(again.status).toBe(409);
    expect((await markDuplicate('commune', third!, dup!)).status).toBe(422);
    const hasDup = await markDuplicate('commune', original!, third!);
    expect(hasDup.status).toBe(409);
    expect(hasDup.body).toMatchObject({ error: { code: 'HAS_DUPLICATES' } });

    // Unlink.
    const token = await h.login('commune');
    const { version } = await view(dup!);
    const staleUnlink = await h.raw('DELETE', `/api/issues/${dup}/duplicate-of?expectedVersion=0`, {
      token,
    });
    expect(staleUnlink.status).toBe(409);
    const unlinked = await read(
      h.as(token).api.issues[':id']['duplicate-of'].$delete({
        param: { id: dup! },
        query: { expectedVersion: String(version) },
      }),
    );
    expect(unlinked.status).toBe(200);
    expect(unlinked.body).toMatchObject({ duplicateOf: null });
    expect((await view(dup!)).events.at(-1)).toMatchObject({
      type: 'unduplicate',
      duplicateOf: original,
    });
    const twice = await h.raw(
      'DELETE',
      `/api/issues/${dup}/duplicate-of?expectedVersion=${version + 1}`,
      { token },
    );
    expect(twice.status).toBe(409);
    expect(twice.error?.code).toBe('NOT_DUPLICATE');
    // Unlinked: the original's answer no longer reaches it.
    expect((await act('commune', original!, 'resolve', { note: 'Đã nạo vét' })).status).toBe(200);
    expect((await view(dup!)).status).toBe('routed');
    // 409: an answered issue is not marked.
    const answered = await markDuplicate('commune', original!, dup!);
    expect(answered.status).toBe(409);
    expect(answered.body).toMatchObject({ error: { code: 'ISSUE_ANSWERED' } });
  });

  it('synthesis counts a duplicate group once, with the number of cells that raised it', async () => {
    const [original, sameCell] = await raise('observer', 'hn-xom-1', [
      issue('Điện chập chờn'),
      issue('Điện yếu buổi tối'),
    ]);
    const [dup2] = await raise('observer', 'hn-xom-2', [issue('Điện chập chờn, yếu')]);
    const [dup3] = await raise('observer2', 'hn-yen-ho', [issue('Điện chập chờn thường xuyên')]);
    const token = await h.login('commune');
    const before = await read(h.as(token).api.synthesis.$get({ query: { month: '2026-11' } }));
    expect(before.status).toBe(200);
    const raisedBefore = before.body.issues.raised;
    for (const id of [sameCell!, dup2!, dup3!])
      expect((await markDuplicate('commune', id, original!)).status).toBe(200);
    const after = await read(h.as(token).api.synthesis.$get({ query: { month: '2026-11' } }));
    expect(after.body.issues.raised).toBe(raisedBefore - 3);
    expect(after.body.issues.duplicateGroups).toEqual([
      { issueId: original, title: 'Điện chập chờn', status: 'routed', issues: 4, cells: 3 },
    ]);
    const byBodyTotal = after.body.issues.byBody.reduce((s, b) => s + b.raised, 0);
    expect(byBodyTotal).toBe(raisedBefore - 3);
  });
});
