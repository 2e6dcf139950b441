import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';

// The login throttle's client address in a real server: the socket's (getConnInfo) unless
// TRUST_PROXY=true, and then the right-most X-Forwarded-For entry.
let data: ProcessData;
let api: ApiProcess | undefined;

beforeAll(async () => {
  data = await processData();
}, 30_000);

afterAll(async () => {
  await api?.stop();
  await data?.destroy();
}, 30_000);

async function login(username: string, password: string, xff: string) {
  const res = await fetch(`${api!.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('client address of the login throttle in a real server', () => {
  it('without TRUST_PROXY a forged X-Forwarded-For does not escape the throttle (the socket address counts)', async () => {
    api = await startApiProcess(data);
    for (let i = 0; i < 5; i++)
      expect(await login('commune', `guess-${i}`, `203.0.113.${i}`)).toBe(401);
    expect(await login('commune', 'demo1234', '198.51.100.7')).toBe(429);
    await api.stop();
  }, 60_000);

  it('with TRUST_PROXY=true the proxy’s address counts: another address signs in', async () => {
    api = await startApiProcess(data, { TRUST_PROXY: 'true' });
    for (let i = 0; i < 5; i++)
      expect(await login('province', `guess-${i}`, '203.0.113.9')).toBe(401);
    expect(await login('province', 'demo1234', '203.0.113.9')).toBe(429);
    expect(await login('province', 'demo1234', '198.51.100.7')).toBe(200);
  }, 60_000);
});
