import type { Assignment } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../extension/utils/badge.ts';
import type { DraftRecord } from '../../extension/utils/db.ts';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatSigned,
} from '../../extension/utils/format.ts';
import { errorText, translator } from '../../extension/utils/i18n/translate.ts';
import { monthStatuses } from '../../extension/utils/month-status.ts';
import { normalizeApiBase } from '../../extension/utils/storage.ts';
import { filledDraft, USER } from './helpers/fixtures.ts';

const A = (cellId: string): Assignment => ({ cellId, cellName: `Chi bộ ${cellId}`, meetingDay: 3 });
const rec = (
  over: Partial<DraftRecord> & { cellId: string; meetingDate: string },
): DraftRecord => ({
  id: crypto.randomUUID(),
  userId: USER,
  status: 'draft',
  createdAt: 0,
  updatedAt: 0,
  attempts: 0,
  ...over,
  data: filledDraft({ cellId: over.cellId, meetingDate: over.meetingDate }),
});

describe('monthStatuses', () => {
  const cells = [A('c1'), A('c2'), A('c3'), A('c4')];

  it('gives each cell its most advanced state this month, with the deadline before the 10th', () => {
    const today = '2026-11-05';
    const records = [
      rec({ cellId: 'c1', meetingDate: '2026-11-03' }),
      rec({ cellId: 'c2', meetingDate: '2026-11-03', status: 'queued' }),
      rec({ cellId: 'c2', meetingDate: '2026-11-03' }),
      rec({ cellId: 'c3', meetingDate: '2026-10-03', status: 'submitted' }), // last month: does not count
      rec({ cellId: 'c4', meetingDate: '2026-11-03', status: 'deleted' }),
    ];
    const out = monthStatuses(cells, records, [], today);
    expect(out.map((c) => c.status)).toEqual(['draft', 'queued', 'none', 'none']);
    expect(out.every((c) => c.dueDate === '2026-11-09' && !c.late)).toBe(true);
  });

  it('takes the server list as submitted, with its on-time verdict, and flags what is overdue', () => {
    const today = '2026-11-12';
    const server = [
      {
        id: 'r1',
        cellId: 'c1',
        cellName: 'x',
        meetingDate: '2026-11-03',
        score: 90,
        band: 'tot',
        onTime: false,
        submittedAt: '',
      },
    ];
    const out = monthStatuses(
      cells,
      [rec({ cellId: 'c1', meetingDate: '2026-11-03' })],
      server,
      today,
    );
    expect(out[0]).toMatchObject({
      status: 'submitted',
      onTime: false,
      late: true,
      reportId: 'r1',
    });
    expect(out[1]).toMatchObject({ status: 'none', late: true });
  });

  it('gives a meeting held after the 10th five days to report', () => {
    const out = monthStatuses(
      [A('c1')],
      [rec({ cellId: 'c1', meetingDate: '2026-11-12' })],
      [],
      '2026-11-15',
    );
    expect(out[0]).toMatchObject({ status: 'draft', dueDate: '2026-11-17', late: false });
  });
});

describe('badge', () => {
  const r = (
    status: DraftRecord['status'],
    kind?: 'auth' | 'rejected' | 'network',
  ): DraftRecord => ({
    ...rec({ cellId: 'c1', meetingDate: '2026-11-03', status }),
    ...(kind ? { lastError: { kind, status: null, code: 'X', message: 'x' } } : {}),
  });
  it.each([
    [[], ''],
    [[r('queued'), r('queued', 'network'), r('draft')], '2'],
    [[r('draft', 'rejected')], '!'],
    [[r('submitted')], ''],
  ])('%#: says %j', (records, text) => expect(badgeFor(records as DraftRecord[]).text).toBe(text));
  it('turns red when the queue waits for a sign-in', () => {
    expect(badgeFor([r('queued', 'auth')])).toMatchObject({
      text: '1',
      color: '#b91c1c',
      title: '1 báo cáo chờ đăng nhập lại để gửi',
    });
  });
});

describe('formatting and texts', () => {
  it('formats the Vietnamese way, in the province time zone', () => {
    expect(formatDate('2026-11-03')).toBe('03/11/2026');
    expect(formatDateTime('2026-11-02T17:30:00Z')).toContain('03/11/2026');
    expect(formatNumber(92.5)).toBe('92,5');
    expect(formatPercent((26 * 100) / 29)).toMatch(/^89,7\s?%$/);
    expect(formatSigned(-2.5)).toBe('−2,5');
    expect(formatNumber(92.5, 'en')).toBe('92.5');
  });

  it('maps API error codes to text, falling back to the server message', () => {
    const t = translator('vi');
    expect(errorText(t, 'INVALID_CREDENTIALS')).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(errorText(t, 'HTTP_502')).toBe(errorText(t, 'INTERNAL_ERROR'));
    expect(errorText(t, 'SOMETHING_NEW', 'Thông báo của máy chủ')).toBe('Thông báo của máy chủ');
    expect(errorText(translator('en'), 'NETWORK_ERROR')).toMatch(/Cannot reach the server/);
    expect(translator('en')('duration', { n: 95 })).toBe('Duration: 95 min');
  });

  it.each([
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    [' https://duhop.nghean.gov.vn/api ', 'https://duhop.nghean.gov.vn'],
    ['ftp://x', null],
    ['127.0.0.1:8787', null],
  ])('normalises the API address %j', (input, out) => expect(normalizeApiBase(input)).toBe(out));
});
