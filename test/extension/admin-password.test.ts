import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from '../../extension/utils/api.ts';
import { db } from '../../extension/utils/db.ts';
import { changePassword } from '../../extension/utils/auth/password-change.ts';
import { flagPasswordChange } from '../../extension/utils/auth/password-state.ts';
import { authExpiredItem, sessionItem, type Session } from '../../extension/utils/storage.ts';

const session = (mustChangePassword?: boolean): Session => ({
  token: 'tok_abcdefghijklmnopqrstuvwxyz',
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'dc.lan',
    displayName: 'Nguyễn Thị Lan',
    role: 'observer',
    orgUnitId: 'dien-chau',
    ...(mustChangePassword === undefined ? {} : { mustChangePassword }),
  },
  expiresAt: '2026-12-01T00:00:00+07:00',
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

describe('a password someone else set must be changed first', () => {
  it('any call answered 403 PASSWORD_CHANGE_REQUIRED flags the stored session (not a sign-in again)', async () => {
    await sessionItem.setValue(session());
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: 'Bạn cần đổi mật khẩu' } }),
      ),
    );
    const res = await request((c) => c.api.me.$get());
    expect(res).toMatchObject({ ok: false, status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect((await sessionItem.getValue())!.user.mustChangePassword).toBe(true);
    expect(await authExpiredItem.getValue()).toBe(false);
  });

  it('another 403 leaves the session alone', async () => {
    await sessionItem.setValue(session(false));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(403, { error: { code: 'FORBIDDEN', message: 'Không có quyền' } })),
    );
    await request((c) => c.api.me.$get());
    expect((await sessionItem.getValue())!.user.mustChangePassword).toBe(false);
  });

  it('flagging without a session does nothing', async () => {
    await flagPasswordChange();
    expect(await sessionItem.getValue()).toBeNull();
  });

  it('a successful change clears the flag and the expired state; a refused one keeps them and names the field', async () => {
    await sessionItem.setValue(session(true));
    await authExpiredItem.setValue(true);
    const calls: { url: string; body: unknown }[] = [];
    let answer = json(422, {
      error: {
        code: 'WRONG_PASSWORD',
        message: 'Mật khẩu hiện tại không đúng',
        fields: { currentPassword: ['Mật khẩu hiện tại không đúng'] },
      },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.endsWith('/api/me/password'))
          return json(404, { error: { code: 'ROUTE_NOT_FOUND', message: '' } });
        calls.push({
          url,
          body: JSON.parse(String(input instanceof Request ? await input.text() : init?.body)),
        });
        return answer.clone();
      }),
    );
    const refused = await changePassword('sai-roi-1', 'mat-khau-moi');
    expect(refused).toMatchObject({
      code: 'WRONG_PASSWORD',
      fields: { currentPassword: ['Mật khẩu hiện tại không đúng'] },
    });
    expect((await sessionItem.getValue())!.user.mustChangePassword).toBe(true);

    answer = json(200, { ok: true });
    expect(await changePassword('matkhau-01', 'mat-khau-moi')).toBeNull();
    expect(calls.at(-1)!.body).toEqual({
      currentPassword: 'matkhau-01',
      newPassword: 'mat-khau-moi',
    });
    expect((await sessionItem.getValue())!.user.mustChangePassword).toBe(false);
    expect(await authExpiredItem.getValue()).toBe(false);
  });
});
