import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  http,
  loginHttp,
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { rawRequest, trickle } from '../support/raw-http.ts';

// Slow clients (slowloris): headers or a body sent one byte at a time must be cut off by the
// server's timeouts, and must not stop it from serving everyone else meanwhile.
let data: ProcessData;
let api: ApiProcess;

beforeAll(async () => {
  data = await processData();
  api = await startApiProcess(data, { HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' });
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await data?.destroy();
}, 30_000);

/**
 * A request whose trickling takes ~15 s at 100 ms a byte: far beyond the timeouts set below (1 s, 2 s),
 * yet shorter than the 30 s between Node's default timeout sweeps, so that a server enforcing its
 * timeouts only at those sweeps lets the whole request through and the test fails.
 */
const slowHeaders = (port: number) =>
  rawRequest('GET', '/api/me', port, { 'x-padding': 'a'.repeat(80) });

describe('slow clients', () => {
  it('headers trickled byte by byte are cut off by the headers timeout while others are served', async () => {
    const state = { open: 0 };
    const slow = Array.from({ length: 20 }, () =>
      trickle(api.port, slowHeaders(api.port), 100, state),
    );
    await new Promise((r) => setTimeout(r, 300));
    // While 20 connections dribble, ordinary requests are answered, before any of them is cut off.
    const openBefore = state.open;
    const health = await http(api.url, 'GET', '/health');
    const token = await loginHttp(api.url, 'observer');
    const me = await http(api.url, 'GET', '/api/me', { token });
    const openAfter = state.open;
    expect(openBefore).toBe(20);
    expect([health.status, me.status]).toEqual([200, 200]);
    expect(openAfter).toBe(20);

    const results = await Promise.all(slow);
    for (const r of results) {
      expect(r.closedByServer).toBe(true);
      expect(r.written).toBeLessThan(r.total);
    }
    // Node answers 408 to a request whose headers did not arrive in time, before it closes: every
    // connection must have read it (the next byte goes out 100 ms later), none may pass unchecked.
    expect(results.map((r) => r.response.slice(0, 12))).toEqual(results.map(() => 'HTTP/1.1 408'));
  }, 55_000);

  it('a body trickled byte by byte is cut off by the request timeout', async () => {
    const state = { open: 0 };
    const body = JSON.stringify({ username: 'observer', password: `demo1234${' '.repeat(120)}` });
    const bytes = rawRequest(
      'POST',
      '/api/auth/login',
      api.port,
      { 'content-type': 'application/json' },
      body,
    );
    const headerEnd = bytes.indexOf('\r\n\r\n') + 4;
    // Headers at once, then the body one byte per 100 ms (~16 s for the whole of it).
    const slow = Array.from({ length: 10 }, () => trickle(api.port, bytes, 100, state, headerEnd));
    await new Promise((r) => setTimeout(r, 300));
    const health = await http(api.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(state.open).toBe(10);
    const results = await Promise.all(slow);
    for (const r of results) {
      expect(r.closedByServer).toBe(true);
      expect(r.written).toBeGreaterThan(headerEnd);
      expect(r.written).toBeLessThan(r.total);
    }
    // The server still answers and signs in as usual afterwards.
    expect((await http(api.url, 'GET', '/health')).status).toBe(200);
    await loginHttp(api.url, 'observer');
  }, 55_000);
});
