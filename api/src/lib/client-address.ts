import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The address a request came from, for the login throttle. Behind a reverse proxy (`trustProxy`,
 * env TRUST_PROXY=true) it is the right-most `X-Forwarded-For` entry, the one the proxy itself
 * appended; the entries left of it are whatever the client sent and are never believed. Without
 * TRUST_PROXY the header is ignored and the socket's address is used.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return normalise(last);
  }
  try {
    return normalise(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'unknown'; // no socket (app.request in tests)
  }
}

/** `::ffff:10.0.0.1` is 10.0.0.1; at most 64 characters of whatever a proxy wrote. */
const normalise = (address: string) =>
  address
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')
    .toLowerCase()
    .slice(0, 64);
