import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentClient, request } from '../../extension/utils/api.ts';
import {
  changeApiBase,
  checkApiAddress,
  getApiBase,
  getConnection,
} from '../../extension/utils/api-address.ts';
import { db } from '../../extension/utils/db.ts';
import { createDraft, queueDraft } from '../../extension/utils/report/draft-store.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { deviceReports, signIn, signOut } from '../../extension/utils/session.ts';
import { apiBaseItem, DEFAULT_API_BASE, sessionItem } from '../../extension/utils/storage.ts';
import { filledDraft, SET, USER } from './helpers/fixtures.ts';

// Issue 13, extension items: only https or loopback addresses; a change of API address (by the
// user or by the organisation's policy) signs out and the token never reaches the new origin;
// "Đăng xuất" removes this device's drafts when asked, unsent reports only when asked again.

/** A real HTTP server that records every request's path and Authorization header. */
interface Recorder {
  origin: string;
  seen: { path: string; auth: string | null }[];
  server: Server;
}
async function recorder(): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', auth: req.headers.authorization ?? null });
    res.setHeader('content-type', 'application/json');
    if (req.url === '/api/auth/login') {
      res.end(
        JSON.stringify({
          token: 't'.repeat(43),
          expiresAt: '2026-12-26T10:00:00.000+07:00',
          user: USER_RECORD,
        }),
      );
    } else if (req.url === '/api/auth/logout') {
      res.statusCode = 204;
      res.end();
    } else if (req.url === '/api/me') {
      // GET /api/me as the API answers it (MeResponse): the reference refresh reads the assignments.
      res.end(JSON.stringify({ user: USER_RECORD, assignments: [] }));
    } else res.end(JSON.stringify({ items: [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}
const USER_RECORD = {
  id: USER,
  username: 'observer',
  displayName: 'Nguyễn Văn An',
  role: 'observer',
  orgUnitId: 'hung-nguyen',
};

let A: Recorder;
let B: Recorder;
beforeEach(async () => {
  A = await recorder();
  B = await recorder();
});
afterEach(async () => {
  for (const r of [A, B]) await new Promise((done) => r.server.close(done));
  await db.drafts.clear();
});

async function signedInAt(r: Recorder) {
  await apiBaseItem.setValue(r.origin);
  expect(await signIn('observer', 'secret')).toBeNull();
  expect((await sessionItem.getValue())?.apiBase).toBe(r.origin);
}

describe('which API addresses are accepted', () => {
  it.each([
    ['https://duhop.example.vn', { ok: true, origin: 'https://duhop.example.vn' }],
    ['  https://duhop.example.vn/  ', { ok: true, origin: 'https://duhop.example.vn' }],
    ['https://duhop.example.vn:8443', { ok: true, origin: 'https://duhop.example.vn:8443' }],
    ['http://127.0.0.1:8787', { ok: true, origin: 'http://127.0.0.1:8787' }],
    ['http://localhost:8787', { ok: true, origin: 'http://localhost:8787' }],
    ['http://[::1]:8787', { ok: true, origin: 'http://[::1]:8787' }],
    ['http://duhop.example.vn', { ok: false, reason: 'insecure' }],
    ['http://192.168.1.10:8787', { ok: false, reason: 'insecure' }],
    ['http://127.0.0.1.evil.example', { ok: false, reason: 'insecure' }],
    ['https://duhop.example.vn/api', { ok: false, reason: 'invalid' }],
    ['https://user:pw@duhop.example.vn', { ok: false, reason: 'invalid' }],
    ['ftp://duhop.example.vn', { ok: false, reason: 'invalid' }],
    ['duhop.example.vn', { ok: false, reason: 'invalid' }],
    ['', { ok: false, reason: 'invalid' }],
  ])('%j → %j', (input, out) => expect(checkApiAddress(input)).toEqual(out));

  it('the built-in address of a development build is the local API', () => {
    expect(DEFAULT_API_BASE).toBe('http://127.0.0.1:8787');
  });
});

describe('a change of API address signs out', () => {
  it('changed on the options page: the token is revoked at the old address and never sent to the new one', async () => {
    await signedInAt(A);
    const token = (await sessionItem.getValue())!.token;
    expect(await changeApiBase(B.origin)).toEqual({ signedOut: true, managed: false });
    expect(await sessionItem.getValue()).toBeNull();
    await vi.waitFor(() =>
      expect(A.seen).toContainEqual({ path: '/api/auth/logout', auth: `Bearer ${token}` }),
    );
    const res = await request((c) => c.api.me.$get());
    expect(res.ok).toBe(true);
    expect(B.seen.length).toBeGreaterThan(0);
    expect(B.seen.every((r) => r.auth === null)).toBe(true);
  });

  it('saving the same address keeps the session', async () => {
    await signedInAt(A);
    expect(await changeApiBase(A.origin)).toEqual({ signedOut: false, managed: false });
    expect(await sessionItem.getValue()).not.toBeNull();
  });

  it("changed by the organisation's policy: the next request goes to the new address without the token", async () => {
    await signedInAt(A);
    await fakeBrowser.storage.managed.set({ apiUrl: B.origin });
    expect(await getApiBase()).toBe(B.origin);
    const client = await currentClient();
    await client.api.me.$get();
    expect(B.seen).toEqual([{ path: '/api/me', auth: null }]);
    expect(await sessionItem.getValue()).toBeNull();
    await vi.waitFor(() => expect(A.seen.some((r) => r.path === '/api/auth/logout')).toBe(true));
  });

  it('a policy address wins over the saved one, cannot be changed here, and an insecure one is ignored', async () => {
    await apiBaseItem.setValue(A.origin);
    await fakeBrowser.storage.managed.set({ apiUrl: `${B.origin}/` });
    expect((await getConnection()).base).toBe(B.origin);
    expect(await changeApiBase('https://other.example.vn')).toEqual({
      signedOut: false,
      managed: true,
    });
    expect(await apiBaseItem.getValue()).toBe(A.origin);
    await fakeBrowser.storage.managed.set({ apiUrl: 'http://duhop.example.vn' });
    expect(await getApiBase()).toBe(A.origin);
  });

  it('a session kept before sessions recorded their origin belongs to the saved address', async () => {
    await apiBaseItem.setValue(A.origin);
    await sessionItem.setValue({
      token: 'o'.repeat(43),
      expiresAt: '2026-12-26T10:00:00.000+07:00',
      user: USER_RECORD as never,
    });
    expect((await getConnection()).session?.token).toBe('o'.repeat(43));
    await changeApiBase(B.origin);
    expect((await getConnection()).session).toBeNull();
    await vi.waitFor(() =>
      expect(A.seen).toContainEqual({ path: '/api/auth/logout', auth: `Bearer ${'o'.repeat(43)}` }),
    );
  });
});

describe('Đăng xuất and this device’s reports', () => {
  async function fill() {
    const draft = await createDraft(USER, filledDraft());
    const queued = await createDraft(USER, filledDraft());
    await queueDraft(queued.id, validateDraft(queued.id, queued.data, SET).payload!);
    const others = await createDraft('someone-else', filledDraft());
    return { draft: draft.id, queued: queued.id, others: others.id };
  }

  it('counts what is held, and keeps everything unless asked', async () => {
    await signedInAt(A);
    const ids = await fill();
    expect(await deviceReports(USER)).toEqual({ local: 1, unsent: 1 });
    await signOut('none');
    expect(await sessionItem.getValue()).toBeNull();
    expect((await db.drafts.toArray()).map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
  });

  it("'drafts' removes the user's drafts but keeps unsent reports (they go out at the next sign-in)", async () => {
    await signedInAt(A);
    const ids = await fill();
    await signOut('drafts');
    expect((await db.drafts.toArray()).map((r) => r.id).sort()).toEqual(
      [ids.queued, ids.others].sort(),
    );
    expect(A.seen.some((r) => r.path === '/api/auth/logout')).toBe(true);
  });

  it("'all' removes the unsent reports too, and never another user's", async () => {
    await signedInAt(A);
    const ids = await fill();
    await signOut('all');
    expect((await db.drafts.toArray()).map((r) => r.id)).toEqual([ids.others]);
  });
});
