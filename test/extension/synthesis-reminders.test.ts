import type { Assignment, MeResponse } from '@duhop/shared';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeFor } from '../../extension/utils/badge.ts';
import { db } from '../../extension/utils/db.ts';
import { translator } from '../../extension/utils/i18n/translate.ts';
import {
  apiBaseItem,
  deadlineRemindersItem,
  myUnseenItem,
  sessionItem,
} from '../../extension/utils/storage.ts';
import { refreshBadge } from '../../extension/utils/outbox/outbox-sender.ts';
import { checkSerial } from '../../extension/utils/synthesis/reminder-watch.ts';
import {
  deadlineLine,
  dueReminders,
  nextReminderState,
  reminderNotifications,
  stillDue,
  withDeadlineReminders,
  type DueCell,
} from '../../extension/utils/synthesis/reminders.ts';
import { withIssueUpdates } from '../../extension/utils/triage/my-events.ts';
import { USER } from './helpers/fixtures.ts';

const t = translator('vi');
const xom1: Assignment = {
  cellId: 'hn-xom-1',
  cellName: 'Chi bộ xóm 1',
  meetingDay: 3,
  validFrom: '2025-07-01',
  validTo: null,
};
const xom2: Assignment = {
  cellId: 'hn-xom-2',
  cellName: 'Chi bộ xóm 2',
  meetingDay: 3,
  validFrom: '2025-07-01',
  validTo: null,
};
const facts = (today: string, over: Partial<Parameters<typeof dueReminders>[0]> = {}) => ({
  assignments: [xom1, xom2],
  orgUnits: [],
  filed: [],
  today,
  ...over,
});
const cells = (due: DueCell[]) => due.map((d) => d.cellId);

describe('which cells get a deadline reminder', () => {
  it.each([
    ['2026-11-01', ['hn-xom-1', 'hn-xom-2']],
    ['2026-11-05', ['hn-xom-1', 'hn-xom-2']],
    ['2026-11-09', ['hn-xom-1', 'hn-xom-2']], // the last on-time day
    ['2026-11-10', []], // the deadline has passed: the panel says "Quá hạn" instead
    ['2026-11-25', []],
  ])('on %s: %j', (today, expected) => {
    expect(cells(dueReminders(facts(today)))).toEqual(expected);
  });

  it('names the due date: the 9th by default, the day before the province’s own deadline day otherwise', () => {
    expect(dueReminders(facts('2026-11-02'))[0]).toEqual({
      cellId: 'hn-xom-1',
      cellName: 'Chi bộ xóm 1',
      meetingDate: '2026-11-03',
      dueDate: '2026-11-09',
    });
    const cfg = { dueBeforeDay: 15, lateMeetingGraceDays: 5 };
    expect(cells(dueReminders(facts('2026-11-14', { reporting: cfg })))).toEqual([
      'hn-xom-1',
      'hn-xom-2',
    ]);
    expect(cells(dueReminders(facts('2026-11-15', { reporting: cfg })))).toEqual([]);
  });

  it('a cell meeting on or after the deadline day is due some days after its meeting', () => {
    const late = { ...xom1, meetingDay: 20 };
    expect(dueReminders(facts('2026-11-24', { assignments: [late] }))[0]?.dueDate).toBe(
      '2026-11-25',
    );
    expect(dueReminders(facts('2026-11-26', { assignments: [late] }))).toEqual([]);
  });

  it('leaves out cells with a report of the month, submitted or waiting in the outbox', () => {
    const filed = [
      { cellId: 'hn-xom-1', meetingDate: '2026-11-03' },
      { cellId: 'hn-xom-2', meetingDate: '2026-10-03' }, // last month's does not count
    ];
    expect(cells(dueReminders(facts('2026-11-05', { filed })))).toEqual(['hn-xom-2']);
  });

  it('expects nothing from an assignment starting after the meeting day, or a cell merged away before it', () => {
    const fresh = { ...xom1, validFrom: '2026-11-04' };
    expect(cells(dueReminders(facts('2026-11-05', { assignments: [fresh, xom2] })))).toEqual([
      'hn-xom-2',
    ]);
    const merged = [
      {
        id: 'hn-xom-2',
        name: 'Chi bộ xóm 2',
        kind: 'cell' as const,
        parentId: 'hung-nguyen',
        validFrom: '2025-07-01',
        validTo: '2026-11-02',
      },
    ];
    expect(cells(dueReminders(facts('2026-11-05', { orgUnits: merged })))).toEqual(['hn-xom-1']);
  });
});

describe('one notification per cell and month', () => {
  const due = dueReminders(facts('2026-11-05'));

  it('notifies the new cells only, and again in the next month or for another member', () => {
    const first = nextReminderState(null, USER, '2026-11-05', due);
    expect(cells(first.notify)).toEqual(['hn-xom-1', 'hn-xom-2']);
    const again = nextReminderState(first.state, USER, '2026-11-06', due);
    expect(again.notify).toEqual([]);
    expect(again.state.notified).toEqual(['hn-xom-1', 'hn-xom-2']);
    const december = nextReminderState(
      again.state,
      USER,
      '2026-12-02',
      dueReminders(facts('2026-12-02')),
    );
    expect(cells(december.notify)).toEqual(['hn-xom-1', 'hn-xom-2']);
    expect(cells(nextReminderState(first.state, 'someone-else', '2026-11-06', due).notify)).toEqual(
      ['hn-xom-1', 'hn-xom-2'],
    );
  });

  it('a cell filed and then due again (a report deleted on the server) is not notified twice', () => {
    const first = nextReminderState(null, USER, '2026-11-05', due.slice(0, 1));
    const later = nextReminderState(first.state, USER, '2026-11-07', due);
    expect(cells(later.notify)).toEqual(['hn-xom-2']);
  });

  it('says which cell and until when, with an id naming month and cell', () => {
    expect(reminderNotifications(due.slice(0, 1), t)).toEqual([
      {
        id: 'duhop-deadline:2026-11:hn-xom-1',
        title: 'Nhắc nộp báo cáo tháng 11/2026',
        message: 'Chi bộ xóm 1: chưa có báo cáo, hạn nộp 09/11/2026.',
      },
    ]);
  });
});

describe('the badge', () => {
  const due = dueReminders(facts('2026-11-05'));

  it('counts the cells due only when the outbox and the issue updates have nothing to show', () => {
    expect(withDeadlineReminders(badgeFor([], t), due, t)).toMatchObject({
      text: '2',
      title: '2 chi bộ chưa có báo cáo tháng này (hạn 09/11/2026)',
    });
    expect(withDeadlineReminders(withIssueUpdates(badgeFor([], t), 3, t), due, t).text).toBe('3');
    expect(withDeadlineReminders(badgeFor([], t), [], t).text).toBe('');
  });

  it('a stored state counts only for its member, its month and until each cell’s due date', () => {
    const state = nextReminderState(null, USER, '2026-11-05', due).state;
    expect(stillDue(state, USER, '2026-11-09')).toHaveLength(2);
    expect(stillDue(state, USER, '2026-11-10')).toEqual([]);
    expect(stillDue(state, 'other', '2026-11-05')).toEqual([]);
    expect(stillDue(state, USER, '2026-12-01')).toEqual([]);
    expect(stillDue(null, USER, '2026-11-05')).toEqual([]);
  });
});

describe('the panel’s deadline line', () => {
  const row = (cellName: string, status: string, dueDate = '2026-11-09') => ({
    cellName,
    status,
    dueDate,
  });
  it.each([
    ['2026-11-05', 4, ['Chi bộ xóm 2']],
    ['2026-11-09', 0, ['Chi bộ xóm 2']],
    ['2026-11-10', -1, []],
  ])('on %s: %s days left, pending %j', (today, days, pending) => {
    expect(
      deadlineLine([row('Chi bộ xóm 1', 'submitted'), row('Chi bộ xóm 2', 'draft')], today),
    ).toEqual({ dueDate: '2026-11-09', daysLeft: days, pending });
  });
  it('is absent without cells', () => {
    expect(deadlineLine([], '2026-11-05')).toBeNull();
  });
});

describe('the background check', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const me: MeResponse = {
    user: {
      id: USER,
      username: 'observer',
      displayName: 'Nguyễn Văn An',
      role: 'observer',
      orgUnitId: 'hung-nguyen',
    },
    assignments: [xom1, xom2],
    reporting: { dueBeforeDay: 10, lateMeetingGraceDays: 5 },
  };
  const serve = (reports: unknown[]) =>
    fetchMock.mockImplementation(async (input) =>
      String(input).includes('/api/me') ? json(me) : json({ items: reports }),
    );
  const at = (iso: string) => () => Date.parse(iso);

  beforeEach(async () => {
    vi.stubGlobal('fetch', fetchMock);
    await apiBaseItem.setValue('http://api.test');
    await sessionItem.setValue({
      token: 'x'.repeat(43),
      expiresAt: '2026-12-26T10:00:00.000+07:00',
      user: me.user,
    });
  });
  afterEach(async () => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    await db.cache.clear();
    await db.drafts.clear();
  });

  it('notifies each due cell once, remembers it, and the badge shows the count', async () => {
    serve([
      {
        id: 'r1',
        cellId: 'hn-xom-1',
        cellName: 'Chi bộ xóm 1',
        meetingDate: '2026-11-03',
        score: 90,
        band: 'tot',
        onTime: true,
        submittedAt: '2026-11-04T10:00:00.000+07:00',
      },
    ]);
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    const due = await checkSerial({ fetch: true, now: at('2026-11-09T20:00:00+07:00') });
    expect(due.map((d) => d.cellId)).toEqual(['hn-xom-2']);
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0]![0]).toBe('duhop-deadline:2026-11:hn-xom-2');
    expect(await deadlineRemindersItem.getValue()).toMatchObject({
      userId: USER,
      month: '2026-11',
      notified: ['hn-xom-2'],
    });

    await checkSerial({ fetch: true, now: at('2026-11-09T21:00:00+07:00') });
    expect(created).toHaveBeenCalledTimes(1);

    created.mockRestore();
  });

  it('the badge shows the cells due, unless answered issues wait to be seen', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-09T20:00:00+07:00'));
    try {
      serve([]);
      await checkSerial({ fetch: true, now: at('2026-11-09T20:00:00+07:00') });
      await refreshBadge();
      expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
      await myUnseenItem.setValue(['i1']);
      await refreshBadge();
      expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
      expect(await fakeBrowser.action.getTitle({})).toContain('cập nhật');
      // The next day the deadline has passed: the stored state no longer counts.
      await myUnseenItem.setValue([]);
      vi.setSystemTime(new Date('2026-11-10T08:00:00+07:00'));
      await refreshBadge();
      expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  it('after the deadline (the 10th, local time) there is nothing to remind', async () => {
    serve([]);
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    expect(await checkSerial({ fetch: true, now: at('2026-11-10T00:30:00+07:00') })).toEqual([]);
    expect(created).not.toHaveBeenCalled();
    created.mockRestore();
  });

  it('a staff account gets no reminder and the stored state is cleared', async () => {
    await deadlineRemindersItem.setValue({
      userId: USER,
      month: '2026-11',
      due: [],
      notified: ['hn-xom-1'],
    });
    await sessionItem.setValue({
      token: 'x'.repeat(43),
      expiresAt: '2026-12-26T10:00:00.000+07:00',
      user: { ...me.user, role: 'staff' },
    });
    expect(await checkSerial({ fetch: true, now: at('2026-11-05T09:00:00+07:00') })).toEqual([]);
    expect(await deadlineRemindersItem.getValue()).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
