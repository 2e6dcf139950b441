import { connect, type Socket } from 'node:net';

/** The request line, headers and body of an HTTP/1.1 request, as bytes on the wire. */
export function rawRequest(
  method: string,
  path: string,
  port: number,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Buffer {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (payload && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length'))
    lines.push(`Content-Length: ${payload.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
  return payload ? Buffer.concat([head, payload]) : head;
}

export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

export interface Trickle {
  /** Bytes written before the server closed the connection (or all of them). */
  written: number;
  total: number;
  /** What the server sent back, if anything (e.g. a 408). */
  response: string;
  closedByServer: boolean;
}

/**
 * Writes the first `atOnce` bytes, then the rest one at a time, `intervalMs` apart, and stops when the server closes the
 * connection. Resolves once the socket is closed (by the server, or after the last byte and the
 * server's answer).
 */
export async function trickle(
  port: number,
  bytes: Buffer,
  intervalMs: number,
  state: { open: number },
  atOnce = 0,
): Promise<Trickle> {
  const socket = await openSocket(port);
  state.open++;
  const result: Trickle = { written: 0, total: bytes.length, response: '', closedByServer: false };
  socket.on('data', (b: Buffer) => (result.response += b.toString('latin1')));
  socket.on('error', () => {});
  let closed = false;
  const gone = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      state.open--;
      resolve();
    }),
  );
  socket.once(
    'end',
    () => (result.closedByServer = result.written < bytes.length || result.closedByServer),
  );
  if (atOnce > 0) {
    socket.write(bytes.subarray(0, atOnce));
    result.written = atOnce;
  }
  for (let i = atOnce; i < bytes.length && !closed && !socket.destroyed; i++) {
    socket.write(bytes.subarray(i, i + 1));
    result.written++;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  if (!closed) {
    // Everything went out: give the server a moment to answer, then hang up ourselves.
    await Promise.race([gone, new Promise((r) => setTimeout(r, 2_000))]);
    if (!closed) socket.destroy();
  } else result.closedByServer = result.closedByServer || result.written < bytes.length;
  await gone;
  return result;
}
