import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../../extension/utils/i18n/translate.ts';
import {
  apiBaseItem,
  myFeedItem,
  myNotificationsItem,
  myUnseenItem,
  sessionItem,
} from '../../extension/utils/storage.ts';
import {
  noticesFor,
  planNotifications,
  withIssueUpdates,
  type FeedEvent,
} from '../../extension/utils/triage/my-events.ts';
import { pollSerial } from '../../extension/utils/triage/my-watch.ts';
import { USER } from './helpers/fixtures.ts';

const STAFF = '7a1c3f0e-1111-4c1b-9d3e-2f6a5b4c3d21';
const ISSUE_A = '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c01';
const ISSUE_B = '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c02';
const SINCE = Date.parse('2026-11-05T09:00:00+07:00');
let n = 0;
const ev = (over: Partial<FeedEvent>): FeedEvent => ({
  id: String(++n),
  issueId: ISSUE_A,
  issueTitle: 'Đường liên xóm xuống cấp',
  type: 'acknowledge',
  actorId: STAFF,
  actorName: 'Cán bộ xã',
  at: '2026-11-06T10:00:00.000+07:00',
  note: null,
  fromStatus: 'routed',
  toStatus: 'acknowledged',
  fromBodyId: 'hung-nguyen',
  toBodyId: 'hung-nguyen',
  ...over,
});
const ctx = { userId: USER, since: SINCE };

describe('which events notify the observer', () => {
  it.each<[FeedEvent['type'], boolean]>([
    ['resolve', true],
    ['schedule', true],
    ['explain', true],
    ['reject', true],
    ['return_for_clarification', true],
    ['acknowledge', false],
    ['start', false],
    ['forward', false],
    ['escalated', false],
    ['routed', false],
  ])('%s → %s', (type, notifies) => {
    expect(noticesFor([ev({ type })], ctx).length).toBe(notifies ? 1 : 0);
  });

  it('ignores what happened before the watch started and what the observer did', () => {
    expect(noticesFor([ev({ type: 'resolve', at: '2026-11-05T08:59:59.000+07:00' })], ctx)).toEqual(
      [],
    );
    expect(noticesFor([ev({ type: 'reopen', actorId: USER })], ctx)).toEqual([]);
  });

  it('gives one notice per issue, the latest, unless the observer already answered it', () => {
    const events = [
      ev({ type: 'return_for_clarification', note: 'Ghi rõ đoạn đường nào' }),
      ev({ type: 'clarify', actorId: USER }),
      ev({ issueId: ISSUE_B, type: 'forward' }),
      ev({ issueId: ISSUE_B, type: 'explain', note: 'Chưa có kinh phí' }),
      ev({ issueId: ISSUE_B, type: 'resolve', note: 'Đã sửa xong' }),
    ];
    const out = noticesFor(events, ctx);
    expect(out).toEqual([
      {
        issueId: ISSUE_B,
        issueTitle: 'Đường liên xóm xuống cấp',
        eventId: events[4]!.id,
        type: 'resolve',
        note: 'Đã sửa xong',
      },
    ]);
    // A return after the observer's own action still counts.
    expect(
      noticesFor([...events, ev({ type: 'return_for_clarification' })], ctx).map((x) => x.issueId),
    ).toEqual([ISSUE_B, ISSUE_A]);
  });

  it('words the notification, one per issue up to three, then one summary', () => {
    const t = translator('vi');
    const [one] = planNotifications(
      noticesFor([ev({ type: 'resolve', note: 'Đã sửa xong đoạn 300 m' })], ctx),
      t,
    );
    expect(one).toMatchObject({ title: 'Kiến nghị đã được trả lời', issueIds: [ISSUE_A] });
    expect(one!.message).toContain('Đường liên xóm xuống cấp');
    expect(one!.message).toContain('Đã sửa xong đoạn 300 m');
    const [ret] = planNotifications(
      noticesFor([ev({ type: 'return_for_clarification', note: 'x' })], ctx),
      t,
    );
    expect(ret!.title).toBe('Kiến nghị cần làm rõ');
    const many = Array.from({ length: 4 }, (_, i) =>
      ev({ issueId: `0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c1${i}`, type: 'explain' }),
    );
    const summary = planNotifications(noticesFor(many, ctx), t);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.title).toBe('4 kiến nghị có cập nhật');
    expect(summary[0]!.issueIds).toHaveLength(4);
  });

  it('shows the updates on the badge only when the outbox has nothing to say', () => {
    const t = translator('vi');
    const empty = { text: '', color: '#b45309', title: '' };
    expect(withIssueUpdates(empty, 2, t)).toEqual({
      text: '2',
      color: '#0969da',
      title: '2 kiến nghị của bạn có cập nhật',
    });
    expect(withIssueUpdates(empty, 0, t)).toBe(empty);
    const queued = { text: '1', color: '#b45309', title: '1 báo cáo đang chờ gửi' };
    expect(withIssueUpdates(queued, 3, t)).toBe(queued);
  });
});

describe('background poll of GET /api/my/events', () => {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const fetchMock = vi.fn<typeof fetch>();
  const observer = {
    id: USER,
    username: 'observer',
    displayName: 'Nguyễn Văn An',
    role: 'observer' as const,
    orgUnitId: 'hung-nguyen',
  };

  beforeEach(async () => {
    vi.stubGlobal('fetch', fetchMock);
    await apiBaseItem.setValue('http://api.test');
    await sessionItem.setValue({
      token: 'x'.repeat(43),
      expiresAt: '2026-12-26T10:00:00.000+07:00',
      user: observer,
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('absorbs the history on the first poll, then notifies an answer, keeps the cursor and shows the badge', async () => {
    fetchMock.mockResolvedValueOnce(
      json({
        items: [ev({ id: '7', type: 'resolve', at: '2026-11-01T10:00:00.000+07:00' })],
        nextCursor: '7',
      }),
    );
    expect(await pollSerial(() => SINCE)).toEqual({ events: 1, notified: 0, unseen: 0 });
    expect(await myFeedItem.getValue()).toEqual({ userId: USER, cursor: '7', since: SINCE });
    expect(String(fetchMock.mock.calls[0]![0])).toBe('http://api.test/api/my/events?limit=100');

    fetchMock.mockResolvedValueOnce(
      json({
        items: [
          ev({
            id: '9',
            type: 'resolve',
            note: 'Đã sửa xong',
            at: '2026-11-06T10:00:00.000+07:00',
          }),
        ],
        nextCursor: '9',
      }),
    );
    expect(await pollSerial(() => SINCE + 1000)).toEqual({ events: 1, notified: 1, unseen: 1 });
    expect(String(fetchMock.mock.calls[1]![0])).toBe(
      'http://api.test/api/my/events?after=7&limit=100',
    );
    expect((await myFeedItem.getValue())?.cursor).toBe('9');
    expect(await myUnseenItem.getValue()).toEqual([ISSUE_A]);
    const records = await myNotificationsItem.getValue();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: `duhop-issue:${ISSUE_A}:9`,
      title: 'Kiến nghị đã được trả lời',
      issueIds: [ISSUE_A],
    });
  });

  it('starts afresh for another member and does nothing for staff or without a session', async () => {
    await myFeedItem.setValue({ userId: 'someone-else', cursor: '500', since: 0 });
    await myUnseenItem.setValue([ISSUE_B]);
    fetchMock.mockResolvedValueOnce(json({ items: [], nextCursor: null }));
    await pollSerial(() => SINCE);
    expect(await myFeedItem.getValue()).toEqual({ userId: USER, cursor: null, since: SINCE });
    expect(await myUnseenItem.getValue()).toEqual([]);
    expect(String(fetchMock.mock.calls[0]![0])).not.toContain('after=');

    await sessionItem.setValue({
      token: 'x'.repeat(43),
      expiresAt: '2026-12-26T10:00:00.000+07:00',
      user: { ...observer, role: 'staff' },
    });
    await pollSerial();
    await sessionItem.setValue(null);
    await pollSerial();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('keeps the cursor where it was when the server cannot be reached', async () => {
    await myFeedItem.setValue({ userId: USER, cursor: '12', since: SINCE });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await pollSerial()).toMatchObject({ events: 0, notified: 0 });
    expect((await myFeedItem.getValue())?.cursor).toBe('12');
  });
});
