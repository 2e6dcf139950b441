import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Hono's `bodyLimit` with its common case answered first: a request that states its length
 * (Content-Length, no Transfer-Encoding) is judged on that header alone, as Hono does, but without
 * touching `c.req.raw.body`. On @hono/node-server that getter builds a full undici Request and a
 * web stream around the socket for every POST (about a tenth of a submission's CPU); left alone,
 * the body is read straight from the socket when a reader asks for it. Everything else (chunked
 * bodies counted while read, and every refusal) goes through Hono's middleware unchanged.
 */
export function bodyLimitFast(
  options: Required<Parameters<typeof bodyLimit>[0]>,
): MiddlewareHandler {
  const full = bodyLimit(options);
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const headers = c.req.raw.headers;
    const length = headers.get('content-length');
    if (length !== null && !headers.has('transfer-encoding')) {
      // A refusal goes through Hono's own path: it opens the body stream, so the socket keeps
      // reading what a proxy is still sending while the 413 goes out (answered from the header
      // alone, Caddy could meet a closed socket mid-upload and turn the 413 into a 502).
      return Number.parseInt(length || '0', 10) > options.maxSize ? full(c, next) : next();
    }
    return full(c, next);
  };
}
