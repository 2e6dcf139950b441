import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../extension/utils/db.ts';
import { createDraft, queueDraft } from '../../extension/utils/report/draft-store.ts';
import { BACKOFF_BASE_MS } from '../../extension/utils/outbox/outbox.ts';
import {
  cancelTimer,
  flushSerial,
  RETRY_ALARM,
} from '../../extension/utils/outbox/outbox-sender.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { apiBaseItem, authExpiredItem, sessionItem } from '../../extension/utils/storage.ts';
import { filledDraft, resultFor, SET, USER } from './helpers/fixtures.ts';

/** The background's sender end to end with WXT's fake browser: storage, alarms and badge, over a stubbed fetch. */
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const fetchMock = vi.fn<typeof fetch>();

beforeEach(async () => {
  vi.stubGlobal('fetch', fetchMock);
  await apiBaseItem.setValue('http://api.test');
  await sessionItem.setValue({
    token: 'x'.repeat(43),
    expiresAt: '2026-12-26T10:00:00.000+07:00',
    user: {
      id: USER,
      username: 'observer',
      displayName: 'Nguyễn Văn An',
      role: 'observer',
      orgUnitId: 'hung-nguyen',
    },
  });
});
afterEach(async () => {
  cancelTimer();
  fetchMock.mockReset();
  vi.unstubAllGlobals();
  await db.drafts.clear();
});

async function queued(): Promise<string> {
  const rec = await createDraft(USER, filledDraft());
  await queueDraft(rec.id, validateDraft(rec.id, rec.data, SET).payload!);
  return rec.id;
}

describe('background outbox sender', () => {
  it('posts the frozen payload with the bearer token, marks it submitted on 201 and clears the badge', async () => {
    const id = await queued();
    fetchMock.mockResolvedValueOnce(json(201, resultFor(id)));
    expect(await flushSerial()).toEqual({ sent: 1, waiting: 0 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('http://api.test/api/reports');
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${'x'.repeat(43)}`);
    expect(JSON.parse(String(init?.body))).toEqual((await db.drafts.get(id))!.payload);
    expect((await db.drafts.get(id))?.status).toBe('submitted');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('on a 5xx keeps the report, shows it on the badge and plans the retry with an alarm', async () => {
    const id = await queued();
    fetchMock.mockResolvedValueOnce(json(503, { error: { code: 'INTERNAL_ERROR', message: 'x' } }));
    const before = Date.now();
    expect(await flushSerial()).toEqual({ sent: 0, waiting: 1 });
    const alarm = await fakeBrowser.alarms.get(RETRY_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(before + BACKOFF_BASE_MS * 0.8);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Date.now() + BACKOFF_BASE_MS * 1.2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    // The alarm fires (forced here, as the wait has not really passed): delivered.
    fetchMock.mockResolvedValueOnce(json(200, resultFor(id)));
    expect(await flushSerial(true)).toEqual({ sent: 1, waiting: 0 });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('treats a dead network like a 5xx', async () => {
    await queued();
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await flushSerial()).toEqual({ sent: 0, waiting: 1 });
    expect((await db.drafts.toArray())[0]?.lastError).toMatchObject({
      kind: 'network',
      code: 'NETWORK_ERROR',
    });
  });

  it('on a 401 asks to sign in again, stops retrying, and sends once signed in', async () => {
    const id = await queued();
    fetchMock.mockResolvedValueOnce(
      json(401, { error: { code: 'INVALID_TOKEN', message: 'hết hạn' } }),
    );
    await flushSerial();
    expect(await authExpiredItem.getValue()).toBe(true);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    await flushSerial(); // still expired: nothing is sent
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await authExpiredItem.setValue(false); // signed in again
    fetchMock.mockResolvedValueOnce(json(201, resultFor(id)));
    expect(await flushSerial(true)).toEqual({ sent: 1, waiting: 0 });
  });

  it('on a 422 brings the draft back with the field errors and flags it on the badge', async () => {
    const id = await queued();
    const fields = {
      'attendance.present': ['Số có mặt không được vượt quá 29 (tổng số trừ miễn sinh hoạt)'],
    };
    fetchMock.mockResolvedValueOnce(
      json(422, { error: { code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', fields } }),
    );
    await flushSerial();
    expect(await db.drafts.get(id)).toMatchObject({ status: 'draft', serverErrors: fields });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
  });

  it('sends nothing while signed out', async () => {
    await queued();
    await sessionItem.setValue(null);
    expect(await flushSerial(true)).toEqual({ sent: 0, waiting: 1 });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
