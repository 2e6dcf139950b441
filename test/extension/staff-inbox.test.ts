import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Issue, User } from '@duhop/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApp } from '../../api/src/app.ts';
import { translator } from '../../extension/utils/i18n/translate.ts';
import { refreshBadge } from '../../extension/utils/outbox/outbox-sender.ts';
import {
  adminProvinceWatchItem,
  apiBaseItem,
  sessionItem,
  staffInboxItem,
  staffNotifyItem,
} from '../../extension/utils/storage.ts';
import {
  planStaffNotifications,
  staffInboxStep,
  withStaffWork,
} from '../../extension/utils/triage/staff-inbox.ts';
import {
  staffNotificationTarget,
  staffPollSerial,
} from '../../extension/utils/triage/staff-watch.ts';
import { TestClock } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildReport } from '../support/reports.ts';

// Staff are told that work arrived: the badge and (opted in) a desktop notification for issues
// newly routed to their body and for those about to be overdue. Pure rules first, then the
// background poll against the real API (PGlite; PostgreSQL with TEST_DB_DRIVER=pg).

const NOW = Date.parse('2026-11-05T09:00:00+07:00');
const H = 3_600_000;
const issue = (id: string, over: Partial<Issue> = {}) =>
  ({
    id,
    title: `Kiến nghị ${id}`,
    cellName: 'Chi bộ xóm 1',
    status: 'routed',
    ackDueAt: new Date(NOW + 72 * H).toISOString(),
    dueAt: new Date(NOW + 15 * 24 * H).toISOString(),
    overdue: false,
    ...over,
  }) as Issue;
const ctx = { userId: 'u1', bodyId: 'hung-nguyen', now: NOW };

describe('what staff are told', () => {
  it('absorbs the inbox on the first poll, then announces each new issue once', () => {
    const first = staffInboxStep(null, ctx, [issue('a'), issue('b')], []);
    expect(first.notices).toEqual([]);
    expect(first.state).toMatchObject({ known: ['a', 'b'], awaiting: ['a', 'b'], soon: [] });

    const second = staffInboxStep(first.state, ctx, [issue('a'), issue('b'), issue('c')], []);
    expect(second.notices.map((n) => [n.kind, n.issueId])).toEqual([['arrived', 'c']]);
    expect(second.notices[0]).toMatchObject({ title: 'Kiến nghị c', cellName: 'Chi bộ xóm 1' });
    const third = staffInboxStep(second.state, ctx, [issue('a'), issue('b'), issue('c')], []);
    expect(third.notices).toEqual([]);

    // Acknowledged, it leaves; returned then clarified, it comes back: news again.
    const gone = staffInboxStep(third.state, ctx, [issue('a'), issue('b')], []);
    expect(gone.state.awaiting).toEqual(['a', 'b']);
    const back = staffInboxStep(gone.state, ctx, [issue('a'), issue('b'), issue('c')], []);
    expect(back.notices.map((n) => n.issueId)).toEqual(['c']);
  });

  it('warns once when the deadline that matters falls within a day', () => {
    const start = staffInboxStep(
      null,
      ctx,
      [issue('a')],
      [issue('x', { status: 'in_progress' })],
    ).state;
    // The acknowledgement deadline of an unacknowledged issue, the answer one of an acknowledged one.
    const later = { ...ctx, now: NOW + 50 * H };
    const ackSoon = staffInboxStep(start, later, [issue('a')], []);
    expect(ackSoon.notices).toMatchObject([
      { kind: 'soon', issueId: 'a', deadline: issue('a').ackDueAt },
    ]);
    expect(ackSoon.state.soon).toEqual(['a']);
    expect(staffInboxStep(ackSoon.state, later, [issue('a')], []).notices).toEqual([]);

    const answerSoon = staffInboxStep(
      start,
      { ...ctx, now: NOW + 15 * 24 * H - 2 * H },
      [],
      [issue('x', { status: 'in_progress', ackDueAt: null })],
    );
    expect(answerSoon.notices.map((n) => [n.kind, n.issueId])).toEqual([['soon', 'x']]);
    // Already overdue or more than a day away: nothing.
    expect(staffInboxStep(start, later, [issue('a', { overdue: true })], []).notices).toEqual([]);
    expect(staffInboxStep(start, { ...ctx, now: NOW + 47 * H }, [issue('a')], []).notices).toEqual(
      [],
    );
    // A new issue already close to its deadline is announced once, as new.
    const newSoon = staffInboxStep(
      start,
      later,
      [issue('a'), issue('n', { ackDueAt: issue('a').ackDueAt })],
      [],
    );
    expect(newSoon.notices.map((n) => [n.kind, n.issueId])).toEqual([
      ['arrived', 'n'],
      ['soon', 'a'],
    ]);
  });

  it('starts afresh for another user or body', () => {
    const s = staffInboxStep(null, ctx, [issue('a')], []).state;
    expect(
      staffInboxStep(s, { ...ctx, userId: 'u2' }, [issue('a'), issue('b')], []).notices,
    ).toEqual([]);
    expect(
      staffInboxStep(s, { ...ctx, bodyId: 'hn-other' }, [issue('a'), issue('b')], []).notices,
    ).toEqual([]);
  });

  it('words the notifications in Vietnamese with the cell and a dd/mm/yyyy deadline; a summary above three', () => {
    const t = translator('vi');
    const { notices } = staffInboxStep(
      staffInboxStep(null, ctx, [], []).state,
      ctx,
      [issue('a')],
      [],
    );
    const [one] = planStaffNotifications(notices, t, 'vi', NOW);
    expect(one).toMatchObject({
      id: 'duhop-inbox:arrived:a',
      title: 'Kiến nghị mới chuyển đến',
      issueId: 'a',
    });
    expect(one!.message).toBe('Kiến nghị a · Chi bộ xóm 1\nHạn: 09:00 08/11/2026');
    const many = staffInboxStep(
      staffInboxStep(null, ctx, [], []).state,
      { ...ctx, now: NOW + 50 * H },
      ['a', 'b', 'c', 'd'].map((id) => issue(id)),
      [],
    );
    const summary = planStaffNotifications(many.notices, t, 'vi', NOW);
    expect(summary).toEqual([
      {
        id: `duhop-inbox:many:${NOW}`,
        title: '4 kiến nghị cần xử lý',
        message: '4 kiến nghị mới, 0 sắp quá hạn. Mở Hộp kiến nghị để xem.',
        issueId: null,
      },
    ]);
    expect(staffNotificationTarget('duhop-inbox:arrived:a')).toBe('#/inbox/a');
    expect(staffNotificationTarget(summary[0]!.id)).toBe('#/inbox');
    expect(staffNotificationTarget('duhop-issue:a:1')).toBeNull();
  });

  it('the badge counts the waiting and soon-overdue issues once the outbox has nothing to say', () => {
    const t = translator('vi');
    const empty = { text: '', color: '#b45309', title: '' };
    const state = { userId: 'u1', awaiting: ['a', 'b'], soon: ['b', 'x'] };
    expect(withStaffWork(empty, state, 'u1', t)).toEqual({
      text: '3',
      color: '#b91c1c',
      title: '2 kiến nghị chờ tiếp nhận · 2 kiến nghị sắp quá hạn',
    });
    expect(withStaffWork(empty, { ...state, soon: [] }, 'u1', t)).toMatchObject({
      text: '2',
      color: '#0969da',
    });
    // Another user's state, or the outbox first.
    expect(withStaffWork(empty, state, 'u2', t)).toBe(empty);
    const queued = { text: '1', color: '#b45309', title: '1 báo cáo đang chờ gửi' };
    expect(withStaffWork(queued, state, 'u1', t)).toBe(queued);
  });
});

describe('background poll of the staff inbox against the real API', () => {
  let database: TestDatabase;
  let server: ServerType;
  let url: string;
  const apiClock = new TestClock(new Date(NOW));

  const tokens = new Map<string, { token: string; user: User }>();
  // One sign-in per account (the API limits sign-in attempts).
  const login = async (username: string) => {
    const known = tokens.get(username);
    if (known) return known;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    const out = (await res.json()) as { token: string; user: User };
    tokens.set(username, out);
    return out;
  };
  const signIn = async (username: string) => {
    const { token, user } = await login(username);
    await sessionItem.setValue({
      token,
      user,
      expiresAt: '2026-12-26T10:00:00.000+07:00',
      apiBase: url,
    });
    return { token, user };
  };
  const submit = async (title: string) => {
    const { token } = await login('observer');
    const report = buildReport({
      issues: [
        {
          id: crypto.randomUUID(),
          title,
          detail: 'Đoạn đường từ xóm 1 đi xóm 2 bị sụt lún sau mưa lũ, đề nghị xã sửa chữa.',
          category: 'ha_tang_giao_thong',
          urgency: 'normal',
        },
      ],
    });
    const res = await fetch(`${url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(report),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { issues: Issue[] }).issues[0]!;
  };

  beforeAll(async () => {
    database = await openTestDatabase('seeded');
    const app = createApp({ database, now: apiClock.now });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.destroy();
  });
  let created: { mock: { calls: unknown[][] }; mockRestore: () => void };
  beforeEach(async () => {
    await apiBaseItem.setValue(url);
    created = vi
      .spyOn(fakeBrowser.notifications, 'create')
      .mockImplementation((async (id: string) => id) as never);
  });
  afterEach(() => created.mockRestore());

  it('announces an issue routed to the body, then the one about to be overdue, and counts them on the badge', async () => {
    const staff = await signIn('commune');
    const first = await staffPollSerial(() => NOW);
    expect(first.notices).toEqual([]);
    const before = first.awaiting;

    // Opted out: counted on the badge, no desktop notification.
    const road = await submit('Cống thoát nước xóm 1 bị tắc');
    expect(road.responsibleBodyId).toBe(staff.user.orgUnitId);
    const quiet = await staffPollSerial(() => NOW);
    expect(quiet.notices.map((n) => [n.kind, n.title])).toEqual([
      ['arrived', 'Cống thoát nước xóm 1 bị tắc'],
    ]);
    expect(quiet).toMatchObject({ notified: 0, awaiting: before + 1 });
    expect(created).not.toHaveBeenCalled();
    await refreshBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe(String(before + 1 + quiet.soon));
    expect(await fakeBrowser.action.getTitle({})).toContain('chờ tiếp nhận');

    // Opted in: the next new issue raises a notification naming it and its cell.
    await staffNotifyItem.setValue(true);
    const lamp = await submit('Đèn đường xóm 1 hỏng');
    const loud = await staffPollSerial(() => NOW);
    expect(loud.notified).toBe(1);
    expect(created.mock.calls[0]![0]).toBe(`duhop-inbox:arrived:${lamp.id}`);
    const opts = created.mock.calls[0]![1] as { title: string; message: string };
    expect(opts.title).toBe('Kiến nghị mới chuyển đến');
    expect(opts.message).toContain('Đèn đường xóm 1 hỏng');
    expect(opts.message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);

    // Two hours before its acknowledgement deadline: about to be overdue, announced once.
    const seen = (await (
      await fetch(`${url}/api/issues/${lamp.id}`, {
        headers: { authorization: `Bearer ${staff.token}` },
      })
    ).json()) as Issue;
    const soonAt = Date.parse(seen.ackDueAt!) - 2 * H;
    apiClock.set(new Date(soonAt));
    // Days later the token has expired: the same staff member signs in again.
    tokens.clear();
    const again = await signIn('commune');
    const soon = await staffPollSerial(() => soonAt);
    expect(soon.notices.filter((n) => n.issueId === lamp.id)).toMatchObject([{ kind: 'soon' }]);
    expect(created.mock.calls.map((c) => c[0])).toContain(`duhop-inbox:soon:${lamp.id}`);
    const calls = created.mock.calls.length;
    await staffPollSerial(() => soonAt);
    expect(created.mock.calls.length).toBe(calls);
    await refreshBadge();
    expect(await fakeBrowser.action.getTitle({})).toContain('sắp quá hạn');

    // Acknowledged: it leaves the count.
    const ack = await fetch(`${url}/api/issues/${lamp.id}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${again.token}` },
      body: JSON.stringify({ type: 'acknowledge', expectedVersion: seen.version }),
    });
    expect(ack.status).toBe(200);
    const after = await staffPollSerial(() => soonAt);
    expect(after.awaiting).toBe(soon.awaiting - 1);
    expect((await staffInboxItem.getValue())?.awaiting).not.toContain(lamp.id);
    apiClock.set(new Date(NOW));
    // A hang guard, not a budget: sign-ins and reports over HTTP on a loaded machine.
  }, 120_000);

  it('an administrator watches the whole province (the body named), unless turned off', async () => {
    await staffNotifyItem.setValue(true);
    await adminProvinceWatchItem.setValue(true);
    const admin = await signIn('admin');
    const first = await staffPollSerial(() => NOW);
    expect(first.notices).toEqual([]);
    expect((await staffInboxItem.getValue())?.bodyId).toBe(`province:${admin.user.orgUnitId}`);
    // Routed to the commune committee, not the admin's unit: still the admin's (the province's).
    const pond = await submit('Ao làng xóm 1 ô nhiễm');
    expect(pond.responsibleBodyId).not.toBe(admin.user.orgUnitId);
    const news = await staffPollSerial(() => NOW);
    expect(news.notices.map((n) => [n.kind, n.issueId, n.bodyName])).toEqual([
      ['arrived', pond.id, 'Đảng ủy xã Hưng Nguyên'],
    ]);
    expect(news).toMatchObject({ notified: 1, awaiting: first.awaiting + 1 });
    const opts = created.mock.calls.at(-1)![1] as { title: string; message: string };
    expect(opts.title).toBe('Kiến nghị mới trong tỉnh');
    expect(opts.message).toContain('Ao làng xóm 1 ô nhiễm · Chi bộ xóm 1 → Đảng ủy xã Hưng Nguyên');
    await refreshBadge();
    expect(await fakeBrowser.action.getTitle({})).toContain('chờ tiếp nhận');

    // Turned off on the options page: nothing on the badge, no request answered as news.
    await adminProvinceWatchItem.setValue(false);
    expect(await staffPollSerial(() => NOW)).toMatchObject({ awaiting: 0, notices: [] });
    expect(await staffInboxItem.getValue()).toBeNull();
    await adminProvinceWatchItem.setValue(true);
    await staffNotifyItem.setValue(false);
  }, 120_000);

  it('does nothing for an observer and clears a previous staff state', async () => {
    await staffInboxItem.setValue({
      userId: 'someone',
      bodyId: 'hung-nguyen',
      known: ['a'],
      warned: [],
      awaiting: ['a'],
      soon: [],
    });
    await signIn('observer');
    expect(await staffPollSerial(() => NOW)).toMatchObject({ awaiting: 0, notices: [] });
    expect(await staffInboxItem.getValue()).toBeNull();
  }, 60_000);
});
