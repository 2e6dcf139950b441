import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

type CorsOptions = Omit<NonNullable<Parameters<typeof cors>[0]>, 'origin' | 'exposeHeaders'> & {
  origin: (origin: string, c: Context) => string | null;
  exposeHeaders: string[];
};

/**
 * Hono's `cors` with the same headers, written on the final response instead of before the
 * handler. Hono's version touches `c.res` before `next()`; the handler's response is then merged
 * into that one, and on @hono/node-server the merge reads its body, which builds an undici
 * Response and a web stream for every answer (and the body is then streamed out, not written in
 * one go). Preflights (OPTIONS) still go through Hono's middleware. The request id header
 * (`requestId()` sets it on prepared headers, which a handler's own `new Response` does not get)
 * is written here too, so every answer keeps it.
 */
export function corsAfter(options: CorsOptions): MiddlewareHandler {
  const preflight = cors(options);
  const expose = options.exposeHeaders.join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const headers = c.res.headers;
    const requestId = c.get('requestId') as string | undefined;
    if (requestId) headers.set('X-Request-Id', requestId);
    const allowOrigin = options.origin(c.req.header('origin') || '', c);
    if (allowOrigin) headers.set('Access-Control-Allow-Origin', allowOrigin);
    if (expose) headers.set('Access-Control-Expose-Headers', expose);
    headers.append('Vary', 'Origin');
  };
}
