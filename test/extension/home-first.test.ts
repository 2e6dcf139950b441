// Issue 15: the side panel's home paints from a plain IndexedDB read (Dexie comes after the first
// paint), shows what waits on the member first, and the sign-in screen tests a server address.
import type { Assignment, Issue } from '@duhop/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftRecord, DuhopDb } from '../../extension/utils/db.ts';
import { waitingItems } from '../../extension/utils/home-waiting.ts';
import { openPlain, readCachePlain, readDraftsPlain } from '../../extension/utils/idb-plain.ts';
import { monthStatuses } from '../../extension/utils/month-status.ts';
import { checkServer, healthAnswer } from '../../extension/utils/server-check.ts';
import { filledDraft, freshDb, USER } from './helpers/fixtures.ts';

const OTHER = '5b0c1f7e-8d3a-4b8e-9a51-0c6f2a7d9e11';
const rec = (over: Partial<DraftRecord>): DraftRecord => ({
  id: crypto.randomUUID(),
  userId: USER,
  status: 'draft',
  createdAt: 1,
  updatedAt: 1,
  attempts: 0,
  data: filledDraft(),
  ...over,
});

describe('plain IndexedDB read of Dexie’s database', () => {
  const dbs: DuhopDb[] = [];
  afterEach(async () => {
    for (const d of dbs.splice(0)) await d.delete();
  });

  it('reads the member’s drafts by status and the cache entries exactly as Dexie stored them', async () => {
    const db = freshDb();
    dbs.push(db);
    const mine = [
      rec({ status: 'draft', updatedAt: 5 }),
      rec({ status: 'queued', updatedAt: 4, queuedAt: 4 }),
      rec({ status: 'submitted', updatedAt: 3 }),
    ];
    await db.drafts.bulkPut([
      ...mine,
      rec({ status: 'deleted', deletedAt: 9 }),
      rec({ userId: OTHER }), // another member on this browser
    ]);
    await db.cache.bulkPut([
      { key: 'me', value: { user: { id: USER } }, fetchedAt: 100 },
      { key: 'orgUnits', value: [{ id: 'hn' }], fetchedAt: 200 },
    ]);
    db.close();

    const got = await readDraftsPlain(USER, ['draft', 'queued', 'submitted'], { name: db.name });
    expect(got.sort((a, b) => b.updatedAt - a.updatedAt)).toEqual(mine);
    expect(await readDraftsPlain(USER, ['deleted'], { name: db.name })).toHaveLength(1);
    expect(await readCachePlain(['me', 'nothing', 'orgUnits'], { name: db.name })).toEqual([
      { key: 'me', value: { user: { id: USER } }, fetchedAt: 100 },
      undefined,
      { key: 'orgUnits', value: [{ id: 'hn' }], fetchedAt: 200 },
    ]);
  });

  it('a database that does not exist reads as empty and is not created (Dexie creates it later)', async () => {
    const name = `test-${crypto.randomUUID()}`;
    expect(await readDraftsPlain(USER, ['draft'], { name })).toEqual([]);
    expect(await readCachePlain(['me'], { name })).toEqual([undefined]);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(name);
    // Dexie then opens it with its schema, and writes, as on a first run.
    const { DuhopDb } = await import('../../extension/utils/db.ts');
    const db = new DuhopDb(name);
    dbs.push(db);
    await db.drafts.put(rec({ id: 'first' }));
    expect((await readDraftsPlain(USER, ['draft'], { name })).map((r) => r.id)).toEqual(['first']);
  });

  it('reads while Dexie holds the database open, and leaves no connection behind', async () => {
    const db = freshDb();
    dbs.push(db);
    await db.drafts.put(rec({ id: 'open' }));
    expect((await readDraftsPlain(USER, ['draft'], { name: db.name })).map((r) => r.id)).toEqual([
      'open',
    ]);
    await db.drafts.put(rec({ id: 'after' })); // Dexie still writes: the plain read closed its own
    const plain = await openPlain(db.name);
    expect(plain?.objectStoreNames.contains('drafts')).toBe(true);
    plain?.close();
  });
});

const A = (cellId: string, meetingDay = 3): Assignment => ({
  cellId,
  cellName: `Chi bộ ${cellId}`,
  meetingDay,
});
const issue = (over: Partial<Issue>): Issue => ({
  id: crypto.randomUUID(),
  reportId: crypto.randomUUID(),
  authorId: USER,
  cellId: 'c1',
  cellName: 'Chi bộ c1',
  title: 'Đường làng hỏng',
  detail: '',
  category: 'ha_tang_giao_thong',
  urgency: 'normal',
  status: 'returned',
  responsibleBodyId: 'ubnd-xa',
  dueAt: '2026-11-20T00:00:00Z',
  overdue: false,
  closedAt: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-02T00:00:00Z',
  version: 2,
  ...over,
});

describe('home: what waits on the member, first', () => {
  const today = '2026-11-12'; // past the 10th: reports of the month are overdue
  const cells = [A('c1'), A('c2'), A('c3'), A('c4', 20)];
  const records = [
    rec({ data: filledDraft({ cellId: 'c2', meetingDate: '2026-11-03' }) }),
    rec({ status: 'submitted', data: filledDraft({ cellId: 'c3', meetingDate: '2026-11-03' }) }),
  ];
  const months = monthStatuses(cells, records, [], today);

  it('returned issues (longest waiting first), then reports owed: overdue first, then by due date', () => {
    const older = issue({ title: 'Cũ hơn', updatedAt: '2026-11-01T08:00:00Z' });
    const newer = issue({ title: 'Mới hơn', updatedAt: '2026-11-05T08:00:00Z' });
    const items = waitingItems(
      [newer, issue({ status: 'in_progress' }), older, issue({ status: 'resolved' })],
      months,
      today,
      USER,
    );
    expect(
      items.map((w) => (w.kind === 'clarify' ? w.issue.title : `${w.cell.cellId}:${w.overdue}`)),
    ).toEqual(['Cũ hơn', 'Mới hơn', 'c1:true', 'c2:true', 'c4:false']);
    // A cell with a draft continues it; one with none starts one.
    const c2 = items.find((w) => w.kind === 'report' && w.cell.cellId === 'c2');
    expect(c2?.kind === 'report' && c2.cell.draftId).toBe(records[0]!.id);
  });

  it('leaves out what does not wait on this member: queued or sent reports, off months, others’ issues', () => {
    const rota = monthStatuses(
      [
        A('c1'),
        { ...A('c5'), validFrom: '2026-10-01', validTo: null, frequency: 'every_n', every: 2 },
      ],
      [rec({ status: 'queued', data: filledDraft({ cellId: 'c1', meetingDate: '2026-11-03' }) })],
      [],
      today,
    );
    expect(waitingItems([issue({ authorId: OTHER })], rota, today, USER)).toEqual([]);
  });

  it('nothing waits: an empty list (home says so)', () => {
    expect(waitingItems([], [], today, USER)).toEqual([]);
  });
});

describe('server check (“Kiểm tra kết nối”)', () => {
  const json = (body: unknown, status = 200) =>
    (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

  it.each([
    [
      { status: 'ok', service: 'duhop', version: '0.1.0' },
      { ok: true, name: 'Dự họp', version: '0.1.0' },
    ],
    [
      { status: 'unavailable', service: 'duhop', version: '0.1.0', message: 'Hết dung lượng' },
      { ok: false, reason: 'unavailable', message: 'Hết dung lượng' },
    ],
    [{ status: 'ok' }, { ok: false, reason: 'not-duhop' }],
    [
      { service: 'other', version: '1' },
      { ok: false, reason: 'not-duhop' },
    ],
    [null, { ok: false, reason: 'not-duhop' }],
  ])('%j → %j', (body, expected) => {
    expect(healthAnswer(body)).toEqual(expected);
  });

  it('reads /health of the address; a page that is not JSON is not a duhop server', async () => {
    const asked: string[] = [];
    const ok = await checkServer('https://duhop.example.vn', {
      fetch: (async (url: string) => {
        asked.push(url);
        return new Response(JSON.stringify({ status: 'ok', service: 'duhop', version: '2.0.0' }));
      }) as typeof fetch,
    });
    expect(asked).toEqual(['https://duhop.example.vn/health']);
    expect(ok).toEqual({ ok: true, name: 'Dự họp', version: '2.0.0' });
    const html = (async () => new Response('<html>hello</html>')) as typeof fetch;
    expect(await checkServer('https://x.vn', { fetch: html })).toEqual({
      ok: false,
      reason: 'not-duhop',
    });
    expect(await checkServer('https://x.vn', { fetch: json({ a: 1 }, 404) })).toEqual({
      ok: false,
      reason: 'not-duhop',
    });
  });

  it('a refused connection is unreachable; no answer in time is a timeout', async () => {
    const refused = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await checkServer('http://127.0.0.1:9', { fetch: refused })).toEqual({
      ok: false,
      reason: 'unreachable',
    });
    const silent = ((_: string, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      )) as typeof fetch;
    expect(await checkServer('http://127.0.0.1:9', { fetch: silent, timeoutMs: 20 })).toEqual({
      ok: false,
      reason: 'timeout',
    });
  });
});
