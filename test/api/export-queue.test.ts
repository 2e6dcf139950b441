import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/src/lib/errors.ts';
import { MAX_WORKERS, queueLimits, queueState, runInWorker } from '../../api/src/lib/in-worker.ts';
import { requestScope } from '../../api/src/lib/request-scope.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';

// Issue 13: 20 abandoned DOCX exports of one user sat in the single export worker and another
// commune's XLSX waited 80 s; work for clients that had hung up still ran.
const h = useHarness('2026-11-20T09:00:00+07:00');
const SLOW = '../../../test/support/slow-task.ts'; // relative to api/src/lib

const waitFor = async (condition: () => boolean, what: string) => {
  const end = Date.now() + 25_000;
  while (!condition()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(queueState())}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const idle = () =>
  waitFor(() => queueState().running === 0 && queueState().queued === 0, 'an idle export queue');

/** A job as a request of `userId` would submit it; `abort` is that client hanging up. */
function job(userId: string, ms = 120_000, value = 1) {
  const client = new AbortController();
  const result = requestScope.run({ signal: client.signal, userId }, () =>
    runInWorker<number>(SLOW, { ms, value }),
  );
  const settled = result.then(
    (v) => ({ ok: true as const, value: v }),
    (e: unknown) => ({ ok: false as const, error: e as Error }),
  );
  return { abort: () => client.abort(), settled };
}

const saved = { ...queueLimits };
afterEach(async () => {
  Object.assign(queueLimits, saved);
  await idle();
});

describe('export queue', () => {
  it('one user: one job runs, two wait, the next is refused with 429 and a Retry-After', async () => {
    const jobs = [job('user-a'), job('user-a'), job('user-a')];
    await waitFor(
      () => queueState().running === 1 && queueState().queued === 2,
      'one running and two waiting',
    );
    const refused = await job('user-a').settled;
    expect(refused.ok).toBe(false);
    const err = (refused as unknown as { error: ApiError }).error;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code]).toEqual([429, 'TOO_MANY_EXPORTS']);
    expect(err.message).toMatch(/quá nhiều yêu cầu xuất tệp/);
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    for (const j of jobs) j.abort();
    await Promise.all(jobs.map((j) => j.settled));
  });

  it('a client that hangs up takes its job along: dropped from the queue, or its worker terminated', async () => {
    const before = queueState().cancelled;
    const running = job('user-a');
    const waiting = job('user-a');
    await waitFor(
      () => queueState().running === 1 && queueState().queued === 1,
      'one running and one waiting',
    );
    waiting.abort();
    expect((await waiting.settled).ok).toBe(false);
    expect(queueState()).toMatchObject({ running: 1, queued: 0 });
    running.abort();
    const out = await running.settled;
    expect(out.ok).toBe(false);
    expect((out as { error: Error }).error.name).toBe('AbortError');
    expect(queueState()).toMatchObject({ running: 0, queued: 0, cancelled: before + 2 });
  });

  it('another user is served next, ahead of the first user’s waiting jobs', async () => {
    // Every worker busy (holder-0 is user A); then A queues two more jobs, and user B one.
    const holders = Array.from({ length: MAX_WORKERS }, (_, i) => job(`holder-${i}`));
    await waitFor(() => queueState().running === MAX_WORKERS, 'every worker busy');
    const done: string[] = [];
    const track = (name: string, j: ReturnType<typeof job>) => {
      void j.settled.then(() => done.push(name));
      return j;
    };
    const a1 = track('a1', job('holder-0', 10));
    const a2 = track('a2', job('holder-0', 10));
    const b = track('b', job('user-b', 10, 42));
    await waitFor(() => queueState().queued === 3, 'three waiting');
    holders[0]!.abort(); // A's running job ends: one worker frees up
    expect(await b.settled).toEqual({ ok: true, value: 42 });
    await Promise.all([a1.settled, a2.settled]);
    expect(done).toEqual(['b', 'a1', 'a2']);
    for (const j of holders) j.abort();
    await Promise.all(holders.map((j) => j.settled));
  });

  it('the queue is bounded: when full, 503 EXPORT_QUEUE_FULL with a Retry-After', async () => {
    queueLimits.queued = 2;
    const users = Array.from({ length: MAX_WORKERS + 2 }, (_, i) => job(`user-${i}`));
    await waitFor(
      () => queueState().running === MAX_WORKERS && queueState().queued === 2,
      'workers busy and the queue full',
    );
    const refused = await job('user-late').settled;
    const err = (refused as unknown as { error: ApiError }).error;
    expect([err.status, err.code]).toEqual([503, 'EXPORT_QUEUE_FULL']);
    expect(err.message).toMatch(/Máy chủ đang bận xuất tệp/);
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(5);
    for (const j of users) j.abort();
    await Promise.all(users.map((j) => j.settled));
  });
});

describe('export routes', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('a DOCX export whose client hangs up over real HTTP is cancelled, not finished for nobody', async () => {
    const token = await h.login('commune');
    const before = queueState();
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/synthesis/export?month=2026-11&format=docx',
      headers: { authorization: `Bearer ${token}` },
    });
    req.on('error', () => {});
    req.end();
    await waitFor(() => queueState().started > before.started, 'the export started');
    req.destroy(); // the client hangs up
    await waitFor(() => queueState().cancelled > before.cancelled, 'the export cancelled');
    await idle();
    expect(queueState().completed).toBe(before.completed);
  });

  it('a 429 from the queue reaches the client as JSON with Retry-After', async () => {
    queueLimits.perUserQueued = 0;
    const token = await h.login('commune');
    const path = '/api/synthesis/export?month=2026-11&format=docx';
    const first = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      headers: { authorization: `Bearer ${token}` },
    });
    first.on('error', () => {});
    first.end();
    const before = queueState().started;
    await waitFor(() => queueState().started > before, 'the first export started');
    const res = await read(
      h.as(token).api.synthesis.export.$get({ query: { month: '2026-11', format: 'docx' } }),
    );
    expect(res.status).toBe(429);
    expect(res.error?.code).toBe('TOO_MANY_EXPORTS');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    first.destroy();
  });
});
