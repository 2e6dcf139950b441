import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { malformed, read } from '../support/client.ts';

const h = useHarness();

describe('auth', () => {
  it('signs in with the demo password and returns the user without secrets', async () => {
    const res = await read(
      h.as().api.auth.login.$post({ json: { username: 'observer', password: 'demo1234' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.user).toMatchObject({
      username: 'observer',
      role: 'observer',
      orgUnitId: 'hung-nguyen',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('accepts the username in any case', async () => {
    expect(
      (
        await read(
          h.as().api.auth.login.$post({ json: { username: 'Commune', password: 'demo1234' } }),
        )
      ).status,
    ).toBe(200);
  });

  it.each([
    ['wrong password', { username: 'observer', password: 'nope' }],
    ['unknown user', { username: 'ghost', password: 'demo1234' }],
  ])('refuses a %s with 401 INVALID_CREDENTIALS', async (_, body) => {
    const res = await read(h.as().api.auth.login.$post({ json: body }));
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles repeated failures with 429 and a Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++)
      await read(h.as().api.auth.login.$post({ json: { username: 'commune', password: 'bad' } }));
    const res = await read(
      h.as().api.auth.login.$post({ json: { username: 'commune', password: 'demo1234' } }),
    );
    expect(res.status).toBe(429);
    expect(res.error?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not affected, and the window passes.
    expect(
      (
        await read(
          h.as().api.auth.login.$post({ json: { username: 'province', password: 'demo1234' } }),
        )
      ).status,
    ).toBe(200);
    h.clock.advance(16 * 60_000);
    expect(
      (
        await read(
          h.as().api.auth.login.$post({ json: { username: 'commune', password: 'demo1234' } }),
        )
      ).status,
    ).toBe(200);
  });

  it('validates the login body (422 with fields)', async () => {
    const res = await read(h.as().api.auth.login.$post({ json: malformed({ username: '' }) }));
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.error?.fields ?? {})).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
  });

  it('refuses missing, malformed, revoked and expired tokens with 401', async () => {
    expect((await read(h.as().api.me.$get())).error?.code).toBe('UNAUTHENTICATED');
    expect((await read(h.as(undefined, { authorization: 'Bearer x' }).api.me.$get())).status).toBe(
      401,
    );
    expect((await read(h.as('a'.repeat(43)).api.me.$get())).error?.code).toBe('INVALID_TOKEN');

    const token = await h.login('observer');
    expect((await read(h.as(token).api.me.$get())).status).toBe(200);
    expect((await read(h.as(token).api.auth.logout.$post())).status).toBe(200);
    expect((await read(h.as(token).api.me.$get())).status).toBe(401);

    const other = await h.login('observer');
    h.clock.advance(31 * 24 * 3600_000);
    expect((await read(h.as(other).api.me.$get())).status).toBe(401);
  });

  it('GET /api/me lists the assignments in force with the cells’ names', async () => {
    const token = await h.login('observer');
    const res = await read(h.as(token).api.me.$get());
    expect(res.status).toBe(200);
    expect(res.body.user.displayName).toBe('Nguyễn Văn An');
    expect(res.body.assignments.map((a) => a.cellId).sort()).toEqual([
      'hn-th',
      'hn-xom-1',
      'hn-xom-2',
    ]);
    expect(res.body.assignments[0]).toMatchObject({
      meetingDay: 3,
      cellName: expect.stringContaining('Chi bộ'),
    });
  });
});
