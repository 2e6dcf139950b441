import type { ReportParsed, ReportResult } from '@duhop/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../extension/utils/api.ts';
import { createDraft, queueDraft } from '../../extension/utils/report/draft-store.ts';
import {
  applyOutcome,
  backoffMs,
  BACKOFF_MAX_MS,
  classify,
  flushOutbox,
} from '../../extension/utils/outbox/outbox.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { fakeClock, filledDraft, freshDb, resultFor, SET, USER } from './helpers/fixtures.ts';

const db = freshDb();
afterEach(async () => {
  await db.drafts.clear();
});

const fail = (
  status: number | null,
  code: string,
  extra: Partial<Extract<ApiResult<never>, { ok: false }>> = {},
) => ({ ok: false, status, code, message: code, ...extra }) as const;

/** A stand-in for the API's idempotent POST /api/reports: 201, then 200 for the same content, 409 for other content. */
function fakeServer() {
  const stored = new Map<string, string>();
  const script: ApiResult<ReportResult>[] = [];
  const calls: ReportParsed[] = [];
  const send = async (p: ReportParsed): Promise<ApiResult<ReportResult>> => {
    calls.push(p);
    const next = script.shift();
    if (next) return next;
    const body = JSON.stringify(p);
    const prev = stored.get(p.id);
    if (prev !== undefined && prev !== body)
      return fail(409, 'REPORT_CONFLICT', { message: 'Khác nội dung' });
    stored.set(p.id, body);
    return { ok: true, status: prev === undefined ? 201 : 200, data: resultFor(p.id) };
  };
  return { send, stored, script, calls };
}

async function queued(clock = fakeClock()) {
  const rec = await createDraft(USER, filledDraft(), { db, now: clock.now });
  const { payload } = validateDraft(rec.id, rec.data, SET);
  await queueDraft(rec.id, payload!, { db, now: clock.now });
  return rec.id;
}

const flush = (
  server: ReturnType<typeof fakeServer>,
  clock: ReturnType<typeof fakeClock>,
  force = false,
) => flushOutbox({ send: server.send, userId: USER, db, now: clock.now, random: () => 0.5, force });

describe('classify', () => {
  it.each([
    [{ ok: true, status: 201, data: resultFor('x') }, 'delivered'],
    [{ ok: true, status: 200, data: resultFor('x') }, 'delivered'],
    [fail(null, 'NETWORK_ERROR'), 'retry'],
    [fail(null, 'TIMEOUT'), 'retry'],
    [fail(500, 'INTERNAL_ERROR'), 'retry'],
    [fail(503, 'HTTP_503'), 'retry'],
    [fail(429, 'TOO_MANY_ATTEMPTS'), 'retry'],
    [fail(401, 'INVALID_TOKEN'), 'unauthorized'],
    [fail(409, 'REPORT_CONFLICT'), 'returned'],
    [fail(422, 'VALIDATION_FAILED', { fields: { 'attendance.present': ['x'] } }), 'returned'],
    [fail(403, 'FORBIDDEN'), 'returned'],
    [fail(413, 'PAYLOAD_TOO_LARGE'), 'returned'],
    [fail(403, 'PASSWORD_CHANGE_REQUIRED'), 'unauthorized'],
  ] as [ApiResult<ReportResult>, string][])('%j is %s', (res, kind) =>
    expect(classify(res).kind).toBe(kind),
  );
});

describe('backoff', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [10, BACKOFF_MAX_MS],
  ])('attempt %i waits %i ms (without jitter)', (n, ms) =>
    expect(backoffMs(n, () => 0.5)).toBe(ms),
  );
  it('jitters within ±20 %', () => {
    expect(backoffMs(1, () => 0)).toBe(4_000);
    expect(backoffMs(1, () => 1)).toBe(6_000);
  });
});

describe('flushOutbox', () => {
  it('marks a report submitted only on the server answer, and sends it once', async () => {
    const clock = fakeClock();
    const server = fakeServer();
    const id = await queued(clock);
    const out = await flush(server, clock);
    expect(out).toMatchObject({ delivered: 1, waiting: 0, nextAttemptAt: null });
    const rec = await db.drafts.get(id);
    expect(rec).toMatchObject({ status: 'submitted', result: { id, band: 'kha' } });
    expect(rec?.lastError).toBeUndefined();
    await flush(server, clock, true);
    expect(server.calls).toHaveLength(1);
  });

  it('retries a 5xx and a dead network with growing delays, then delivers the same body', async () => {
    const clock = fakeClock();
    const server = fakeServer();
    const id = await queued(clock);
    server.script.push(fail(500, 'INTERNAL_ERROR'), fail(null, 'NETWORK_ERROR'));

    let out = await flush(server, clock);
    expect(out).toMatchObject({ delivered: 0, waiting: 1, nextAttemptAt: clock.now() + 5_000 });
    expect(await db.drafts.get(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: { kind: 'server', status: 500 },
    });

    await flush(server, clock); // not due yet: nothing sent
    expect(server.calls).toHaveLength(1);

    clock.advance(5_000);
    out = await flush(server, clock);
    expect(out.nextAttemptAt).toBe(clock.now() + 10_000);
    expect(await db.drafts.get(id)).toMatchObject({
      status: 'queued',
      attempts: 2,
      lastError: { kind: 'network' },
    });

    clock.advance(10_000);
    out = await flush(server, clock);
    expect(out).toMatchObject({ delivered: 1, waiting: 0 });
    expect(new Set(server.calls.map((c) => JSON.stringify(c))).size).toBe(1);
    expect((await db.drafts.get(id))?.status).toBe('submitted');
  });

  it('treats an answer lost on the way back as delivered on the retry (200, stored once)', async () => {
    const clock = fakeClock();
    const server = fakeServer();
    const id = await queued(clock);
    const lost = server.send; // the server stores it, the answer never arrives
    server.script.length = 0;
    await lost((await db.drafts.get(id))!.payload!);
    server.calls.length = 0;
    const out = await flush(server, clock);
    expect(out.delivered).toBe(1);
    expect(server.stored.size).toBe(1);
    expect((await db.drafts.get(id))?.status).toBe('submitted');
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const clock = fakeClock();
    const server = fakeServer();
    await queued(clock);
    server.script.push(fail(429, 'TOO_MANY_ATTEMPTS', { retryAfterMs: 60_000 }));
    expect((await flush(server, clock)).nextAttemptAt).toBe(clock.now() + 60_000);
  });

  it.each([
    [422, 'VALIDATION_FAILED', { 'attendance.present': ['Số có mặt không được vượt quá 29'] }],
    [409, 'REPORT_CONFLICT', undefined],
  ])(
    'brings a %i back as a draft with the field errors, keeping every word',
    async (status, code, fields) => {
      const clock = fakeClock();
      const server = fakeServer();
      const id = await queued(clock);
      const before = (await db.drafts.get(id))!.data;
      server.script.push(fail(status, code, fields ? { fields } : {}));
      const out = await flush(server, clock);
      expect(out).toMatchObject({ returned: 1, waiting: 0 });
      const rec = await db.drafts.get(id);
      expect(rec).toMatchObject({
        status: 'draft',
        attempts: 0,
        lastError: { kind: 'rejected', status, code },
      });
      expect(rec?.payload).toBeUndefined();
      expect(rec?.data).toEqual(before);
      expect(rec?.serverErrors).toEqual(fields ?? { id: [code] });
    },
  );

  it('keeps reports queued on 401 and stops sending until the member signs in', async () => {
    const clock = fakeClock();
    const server = fakeServer();
    const a = await queued(clock);
    clock.advance(1);
    const b = await queued(clock);
    server.script.push(fail(401, 'INVALID_TOKEN'));
    const out = await flush(server, clock);
    expect(out).toMatchObject({
      unauthorized: true,
      delivered: 0,
      waiting: 2,
      nextAttemptAt: null,
    });
    expect(server.calls).toHaveLength(1);
    expect(await db.drafts.get(a)).toMatchObject({ status: 'queued', lastError: { kind: 'auth' } });
    expect((await db.drafts.get(b))?.status).toBe('queued');

    // signed in again: the page asks for a forced flush
    const after = await flush(server, clock, true);
    expect(after).toMatchObject({ delivered: 2, waiting: 0 });
  });

  it("sends only the signed-in member's reports", async () => {
    const clock = fakeClock();
    const server = fakeServer();
    const id = await queued(clock);
    await db.drafts.update(id, { userId: 'someone-else' });
    const out = await flushOutbox({ send: server.send, userId: USER, db, now: clock.now });
    expect(out).toMatchObject({ delivered: 0, waiting: 1 });
    expect(server.calls).toHaveLength(0);
  });

  it('ignores an outcome for a record that is no longer queued', async () => {
    const clock = fakeClock();
    const rec = await createDraft(USER, filledDraft(), { db, now: clock.now });
    const next = applyOutcome(
      { ...rec, status: 'queued' },
      { kind: 'delivered', result: resultFor(rec.id) },
      clock.now(),
    );
    expect(next.status).toBe('submitted');
    expect((await db.drafts.get(rec.id))?.status).toBe('draft');
  });
});
