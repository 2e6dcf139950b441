import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { defaultConfig } from '../../api/src/context.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import { users } from '../../api/src/db/schema.ts';
import { parseEnv } from '../../api/src/env.ts';
import {
  currentScryptParams,
  hashPassword,
  needsRehash,
  OWASP_SCRYPT,
  verifyPassword,
} from '../../api/src/lib/crypto.ts';
import { ErrorBody } from '@duhop/shared';
import { useHarness } from '../support/app.ts';

// Issue 13: five wrong passwords for a username locked the right one out for everybody for 15
// minutes; a spray over usernames grew login_failures forever; scrypt ran at N=2^14.
const h = useHarness('2026-11-05T09:00:00+07:00');

/** The same API behind a proxy that appends the client's address to X-Forwarded-For. */
let proxied: ReturnType<typeof createApp> | undefined;
const behindProxy = () =>
  (proxied ??= createApp({ database: h.database, now: h.clock.now, config: { trustProxy: true } }));

async function loginFrom(address: string, username: string, password: string, xff = address) {
  const res = await behindProxy().request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
    body: JSON.stringify({ username, password }),
  });
  const refused = ErrorBody.safeParse(await res.json());
  return {
    status: res.status,
    retryAfter: Number(res.headers.get('retry-after')),
    error: refused.success ? refused.data.error : undefined,
  };
}

const failures = async () =>
  (
    await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from login_failures`,
    )
  )[0]!.n;

describe('login throttle per username and client address', () => {
  it('five wrong passwords from one address do not lock the right password out from another address', async () => {
    for (let i = 0; i < 5; i++)
      expect((await loginFrom('203.0.113.9', 'commune', `guess-${i}`)).status).toBe(401);
    const attacker = await loginFrom('203.0.113.9', 'commune', 'demo1234');
    expect(attacker.status).toBe(429);
    expect(attacker.error?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(attacker.retryAfter).toBeGreaterThan(0);
    expect((await loginFrom('198.51.100.7', 'commune', 'demo1234')).status).toBe(200);
  });

  it('believes only the right-most X-Forwarded-For address, the one the proxy appended', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await loginFrom('203.0.113.9', 'commune', `guess-${i}`, `10.9.9.${i}, 203.0.113.9`))
          .status,
      ).toBe(401);
    // Whatever the client puts on the left, the proxy's entry is the same address.
    expect(
      (await loginFrom('203.0.113.9', 'commune', 'demo1234', '198.51.100.7, 203.0.113.9')).status,
    ).toBe(429);
  });

  it('without TRUST_PROXY the header is ignored: every request is from the socket address', async () => {
    const login = (xff: string, password: string) =>
      h.raw('POST', '/api/auth/login', {
        body: { username: 'commune', password },
        headers: { 'x-forwarded-for': xff },
      });
    for (let i = 0; i < 5; i++) expect((await login('203.0.113.9', `guess-${i}`)).status).toBe(401);
    expect((await login('198.51.100.7', 'demo1234')).status).toBe(429);
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(() => parseEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('the right password from the same address waits a growing delay, not a 15-minute lock', async () => {
    const at = '203.0.113.9';
    for (let i = 0; i < 5; i++) await loginFrom(at, 'commune', `guess-${i}`);
    const first = await loginFrom(at, 'commune', 'demo1234');
    expect(first.status).toBe(429);
    expect(first.retryAfter).toBe(defaultConfig.loginDelaySeconds);
    h.clock.advance(first.retryAfter * 1000);
    expect((await loginFrom(at, 'commune', 'guess-6')).status).toBe(401);
    // One more failure: the next wait doubles.
    const second = await loginFrom(at, 'commune', 'demo1234');
    expect(second.status).toBe(429);
    expect(second.retryAfter).toBe(2 * defaultConfig.loginDelaySeconds);
    h.clock.advance(second.retryAfter * 1000);
    expect((await loginFrom(at, 'commune', 'demo1234')).status).toBe(200);
    // A success forgets the failures of that username and address.
    expect((await loginFrom(at, 'commune', 'guess-7')).status).toBe(401);
    expect((await loginFrom(at, 'commune', 'demo1234')).status).toBe(200);
  });

  it('caps one address over all usernames (a spray); other addresses are not affected', async () => {
    const at = '203.0.113.50';
    for (let i = 0; i < defaultConfig.loginMaxFailuresPerAddress; i++)
      expect((await loginFrom(at, `user-${i}`, 'demo1234')).status).toBe(401);
    const capped = await loginFrom(at, 'observer', 'demo1234');
    expect(capped.status).toBe(429);
    expect(capped.retryAfter).toBeGreaterThan(60);
    expect((await loginFrom('198.51.100.7', 'observer', 'demo1234')).status).toBe(200);
    h.clock.advance(defaultConfig.loginWindowMinutes * 60_000 + 1000);
    expect((await loginFrom(at, 'observer', 'demo1234')).status).toBe(200);
  });

  it('many addresses guessing one username: unknown addresses wait, an address the user signed in from before does not', async () => {
    expect((await loginFrom('198.51.100.7', 'commune', 'demo1234')).status).toBe(200); // the user's office
    for (let i = 0; i < defaultConfig.loginMaxFailuresPerUser; i++)
      expect((await loginFrom(`203.0.113.${100 + i}`, 'commune', 'guess')).status).toBe(401);
    const unknown = await loginFrom('192.0.2.1', 'commune', 'demo1234');
    expect(unknown.status).toBe(429);
    expect((await loginFrom('198.51.100.7', 'commune', 'demo1234')).status).toBe(200);
  });

  it('failure rows expire: a spray does not make login_failures grow for ever', async () => {
    for (let i = 0; i < 40; i++) await loginFrom(`203.0.113.${i}`, `sprayed-${i}`, 'x');
    expect(await failures()).toBe(120); // per username and address, per address, per username
    h.clock.advance(defaultConfig.loginWindowMinutes * 60_000 + 61_000);
    expect((await loginFrom('198.51.100.7', 'observer', 'wrong')).status).toBe(401);
    expect(await failures()).toBe(3); // only the attempt just made
  });
});

describe('password hashing', () => {
  it('defaults to OWASP’s scrypt parameters (N=2^17, r=8, p=1); SCRYPT_N is the one way to change them', async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    expect(parseEnv({}).SCRYPT_N).toBe(131072);
    expect(parseEnv({ SCRYPT_N: '4096' }).SCRYPT_N).toBe(4096);
    expect(() => parseEnv({ SCRYPT_N: '5000' })).toThrow(/SCRYPT_N/);
    expect(() => parseEnv({ SCRYPT_N: '256' })).toThrow(/SCRYPT_N/);
    const saved = process.env.SCRYPT_N;
    try {
      delete process.env.SCRYPT_N;
      expect(currentScryptParams()).toEqual(OWASP_SCRYPT);
    } finally {
      process.env.SCRYPT_N = saved;
    }
  });

  it('hashes at OWASP’s cost verify (the memory limit is raised for them)', async () => {
    const hash = await hashPassword('mật khẩu dài', OWASP_SCRYPT);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('mật khẩu dài', hash)).toBe(true);
    expect(await verifyPassword('mật khẩu khác', hash)).toBe(false);
    expect(needsRehash(hash, OWASP_SCRYPT)).toBe(false);
  });

  it('a hash made with older parameters is redone at the next sign-in, transparently', async () => {
    const old = await hashPassword('demo1234', { N: 1024, r: 8, p: 1 });
    await h.database.db.update(users).set({ passwordHash: old }).where(sql`username = 'observer2'`);
    try {
      expect(
        (
          await h.raw('POST', '/api/auth/login', {
            body: { username: 'observer2', password: 'demo1234' },
          })
        ).status,
      ).toBe(200);
      const [row] = await h.database.db
        .select({ hash: users.passwordHash })
        .from(users)
        .where(sql`username = 'observer2'`);
      expect(row!.hash).not.toBe(old);
      expect(row!.hash.startsWith(`scrypt$${currentScryptParams().N}$8$1$`)).toBe(true);
      expect(needsRehash(row!.hash)).toBe(false);
      expect(
        (
          await h.raw('POST', '/api/auth/login', {
            body: { username: 'observer2', password: 'demo1234' },
          })
        ).status,
      ).toBe(200);
    } finally {
      await h.database.db
        .update(users)
        .set({ passwordHash: await hashPassword('demo1234') })
        .where(sql`username = 'observer2'`);
    }
  });
});

describe('sessions', () => {
  const me = (token: string) => h.raw('GET', '/api/me', { token });

  it('end after SESSION_IDLE_MINUTES without a request (default 8 hours)', async () => {
    expect(parseEnv({}).SESSION_IDLE_MINUTES).toBe(480);
    expect(defaultConfig.sessionIdleMinutes).toBe(480);
    const token = await h.login('observer');
    h.clock.advance(8 * 3600_000 - 1000);
    expect((await me(token)).status).toBe(200);
    // That request counted as use: another 8 hours from there.
    h.clock.advance(8 * 3600_000 - 1000);
    expect((await me(token)).status).toBe(200);
    h.clock.advance(8 * 3600_000 + 1000);
    const idle = await me(token);
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('INVALID_TOKEN');
  });

  it('touch the last use at most once a minute, not on every request', async () => {
    const token = await h.login('observer');
    const lastUsed = async () =>
      (
        await queryRows<{ at: string }>(
          h.database.db,
          sql`select last_used_at::text as at from sessions`,
        )
      )[0]!.at;
    const first = await lastUsed();
    h.clock.advance(30_000);
    for (let i = 0; i < 5; i++) expect((await me(token)).status).toBe(200);
    expect(await lastUsed()).toBe(first);
    h.clock.advance(31_000);
    expect((await me(token)).status).toBe(200);
    expect(await lastUsed()).not.toBe(first);
  });

  it('still end at their absolute lifetime however busy', async () => {
    const token = await h.login('observer');
    const ttl = defaultConfig.tokenTtlHours * 3600_000;
    for (let t = 0; t + 6 * 3600_000 < ttl; t += 6 * 3600_000) {
      h.clock.advance(6 * 3600_000);
      expect((await me(token)).status).toBe(200);
    }
    h.clock.set(new Date(new Date('2026-11-05T09:00:00+07:00').getTime() + ttl));
    expect((await me(token)).status).toBe(401);
  });
});
