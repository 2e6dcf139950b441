import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../extension/utils/db.ts';
import { keepSessionRoles } from '../../extension/utils/auth/password-state.ts';
import { refreshReference } from '../../extension/utils/reference-data.ts';
import { sessionItem, type Session } from '../../extension/utils/storage.ts';

// One account, several roles: what the side panel and the workspace show follows the roles the
// API last gave, without signing in again.
const user = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'truongban',
  displayName: 'Ngô Văn Tâm',
  role: 'observer' as const,
  orgUnitId: 'dien-chau',
};
// A session stored by a version without `roles`.
const session: Session = { token: 'tok_abcdefghijklmnopqrstuvwxyz', user, expiresAt: '2099-01-01' };
const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

describe('the stored session keeps the roles of /api/me', () => {
  it('a role granted since sign-in reaches the stored session at the next refresh', async () => {
    await sessionItem.setValue(session);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes('/api/me'))
          return json({ user: { ...user, roles: ['observer', 'staff'] }, assignments: [] });
        return json({ items: [], nextCursor: null });
      }),
    );
    expect(await refreshReference()).toBeNull();
    expect((await sessionItem.getValue())!.user).toMatchObject({
      role: 'observer',
      roles: ['observer', 'staff'],
      username: 'truongban',
    });
  });

  it('another user’s answer, or the same roles, leave the session alone', async () => {
    await sessionItem.setValue(session);
    await keepSessionRoles({ id: '00000000-0000-4000-8000-000000000002', role: 'admin' });
    expect((await sessionItem.getValue())!.user.role).toBe('observer');
    await keepSessionRoles({ id: user.id, role: 'observer', roles: ['observer'] });
    expect((await sessionItem.getValue())!.user.roles).toBeUndefined();
    // A role taken away.
    await sessionItem.setValue({ ...session, user: { ...user, roles: ['observer', 'staff'] } });
    await keepSessionRoles({ id: user.id, role: 'observer', roles: ['observer'] });
    expect((await sessionItem.getValue())!.user.roles).toEqual(['observer']);
  });
});
