import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loginHttp,
  processData,
  startApiProcess,
  TSX_MAIN,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { rawRequest, openSocket } from '../support/raw-http.ts';

// Issue 13: "a 413 is sent with Connection: keep-alive and the socket then closed, so a keep-alive
// client's next request fails ('other side closed')". An answer sent before the request body was
// read (413, and 401/415/404 on a POST with a body) must either say `Connection: close` or leave
// the connection usable: a keep-alive client's next request on the same pool works.
let data: ProcessData;
let api: ApiProcess;
let token: string;

beforeAll(async () => {
  data = await processData();
  // The one process of the suite on the development entry through tsx (`npm run dev:api`).
  api = await startApiProcess(data, {}, { args: TSX_MAIN });
  token = await loginHttp(api.url, 'observer');
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await data?.destroy();
}, 30_000);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the request went out on a socket an earlier request had used. */
  reused: boolean;
}

/** One request through `agent` (a keep-alive pool of one socket), the body written as given. */
function send(
  agent: Agent,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: Buffer; chunked?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body && !opts.chunked) headers['content-length'] = String(opts.body.length);
    const req = request(`${api.url}${path}`, { method, agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body, reused: req.reusedSocket }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body && opts.chunked) {
      // Transfer-Encoding: chunked, in 64 KB pieces: the server only learns the size by reading.
      for (let i = 0; i < opts.body.length; i += 65_536)
        req.write(opts.body.subarray(i, i + 65_536));
      req.end();
    } else req.end(opts.body);
  });
}

const big = (bytes: number) => Buffer.from(JSON.stringify({ suggestions: 'x'.repeat(bytes) }));
const json = { 'content-type': 'application/json' };

/**
 * Either the answer says `Connection: close` (the body was not read), or it keeps the connection
 * and the next request really goes out on the same socket and is answered.
 */
async function expectHonest(agent: Agent, a: Answer) {
  const next = await send(agent, 'GET', '/api/me', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(next.status).toBe(200);
  if (a.headers.connection?.toLowerCase() !== 'close')
    expect(
      next.reused,
      `answered ${a.status} with "Connection: ${a.headers.connection}" but the socket was closed`,
    ).toBe(true);
  return next;
}

interface Case {
  path: string;
  body: Buffer;
  auth: boolean;
  chunked?: boolean;
  type?: string;
}

describe('answers sent before the body is read, on a keep-alive pool', () => {
  it.each<[string, Case, number, string]>([
    [
      '413, Content-Length over the limit',
      { path: '/api/reports', body: big(3_000_000), auth: true },
      413,
      'close',
    ],
    [
      '413, chunked over the limit',
      { path: '/api/reports', body: big(3_000_000), auth: true, chunked: true },
      413,
      'close',
    ],
    [
      '404 for a path outside the API, body unread',
      { path: '/nowhere', body: big(900_000), auth: false },
      404,
      'close',
    ],
    [
      '401 on the API (the body is read first, for the text check)',
      { path: '/api/reports', body: big(900_000), auth: false },
      401,
      'keep-alive',
    ],
    [
      '415 on the API (the body is read first)',
      { path: '/api/reports', body: big(900_000), auth: true, type: 'text/plain' },
      415,
      'keep-alive',
    ],
  ])(
    '%s: an honest Connection header, and the next request on the pool works',
    async (_what, c, status, connection) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        // Warm the pool so the request under test runs on a socket that was reused.
        expect((await send(agent, 'GET', '/health')).status).toBe(200);
        for (let round = 0; round < 3; round++) {
          const headers: Record<string, string> = {
            ...json,
            ...(c.type ? { 'content-type': c.type } : {}),
            ...(c.auth ? { authorization: `Bearer ${token}` } : {}),
          };
          const answer = await send(agent, 'POST', c.path, {
            headers,
            body: c.body,
            chunked: c.chunked,
          });
          expect(answer.status).toBe(status);
          expect(JSON.parse(answer.body).error.code).toEqual(expect.any(String));
          expect(answer.headers.connection).toBe(connection);
          await expectHonest(agent, answer);
        }
      } finally {
        agent.destroy();
      }
    },
    60_000,
  );

  it('fetch (undici, keep-alive by default): 413 then the next requests work', async () => {
    for (let round = 0; round < 3; round++) {
      const res = await fetch(`${api.url}/api/reports`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: big(3_000_000),
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
      const me = await fetch(`${api.url}/api/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.status).toBe(200);
      await me.arrayBuffer();
    }
  }, 60_000);

  it('a request whose body was read keeps its connection alive', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, 'POST', '/api/auth/login', {
        headers: json,
        body: Buffer.from(JSON.stringify({ username: 'observer', password: 'sai-mat-khau' })),
      });
      expect(first.status).toBe(401);
      expect(first.headers.connection).toBe('keep-alive');
      const second = await send(agent, 'GET', '/health');
      expect(second.status).toBe(200);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('on the wire: the 413 head says Connection: close and the server then closes', async () => {
    const socket = await openSocket(api.port);
    let received = '';
    socket.on('data', (b: Buffer) => (received += b.toString('latin1')));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    const head = rawRequest('POST', '/api/reports', api.port, {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'content-length': '3000000',
    })
      .toString('latin1')
      .replace('Connection: close\r\n', 'Connection: keep-alive\r\n');
    socket.write(head);
    socket.write(Buffer.alloc(100_000, 0x20));
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/\r\nconnection: close\r\n/i);
  }, 30_000);
});
