import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context.ts';
import type { Metrics } from './metrics.ts';

/**
 * Handlers still running. A client that hangs up closes its socket, and `server.close()` then
 * resolves, while its handler may still be writing: shutdown waits for `idle()` before the
 * database is closed.
 */
export class InFlight {
  count = 0;
  private waiters: (() => void)[] = [];

  enter(): void {
    this.count++;
  }

  leave(): void {
    this.count--;
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when no handler runs, or after `timeoutMs`; true when it really went idle. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

/** The route pattern that answered (`/api/reports/:id`), never the raw URL; `unmatched` otherwise. */
export function routePattern(c: Context): string {
  try {
    const routes = matchedRoutes(c);
    for (let i = routes.length - 1; i >= 0; i--)
      if (routes[i]!.method !== 'ALL') return routes[i]!.path;
  } catch {
    /* no match result (e.g. an error before routing) */
  }
  return 'unmatched';
}

export interface ObserveOptions {
  /** Where each request's JSON line goes (the server: stdout); undefined logs nothing. */
  log?: (line: string) => void;
  metrics?: Metrics;
  inFlight?: InFlight;
}

/**
 * One JSON line per request: time, request id, method, route pattern, status, milliseconds and
 * the user id when signed in. Never the query string, a header, a body or anything typed in one.
 */
export function observeRequests(opts: ObserveOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const t0 = performance.now();
    opts.inFlight?.enter();
    if (opts.metrics) opts.metrics.inFlight++;
    try {
      await next();
    } finally {
      opts.inFlight?.leave();
      if (opts.metrics) opts.metrics.inFlight--;
      const ms = performance.now() - t0;
      const route = routePattern(c);
      const status = c.res?.status ?? 500;
      opts.metrics?.observeRequest(c.req.method, route, status, ms / 1000);
      if (opts.log) {
        const user = c.get('user') as { id?: string } | undefined;
        // The client hung up before its answer (its socket is gone).
        const socket = (c.env as { incoming?: { socket?: { destroyed?: boolean } } } | undefined)
          ?.incoming?.socket;
        opts.log(
          JSON.stringify({
            time: new Date().toISOString(),
            level: 'info',
            requestId: c.get('requestId'),
            method: c.req.method,
            route,
            status,
            ms: Math.round(ms * 10) / 10,
            userId: user?.id ?? null,
            ...(socket?.destroyed ? { clientGone: true } : {}),
          }),
        );
      }
    }
  });
}

interface ErrFields {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  severity?: unknown;
  routine?: unknown;
  cause?: unknown;
}

/**
 * An error reduced to what helps an operator: name, message, SQLSTATE, stack frames, and the same
 * for its causes. Drizzle's "Failed query: … params: …" message, the `params`/`parameters`/`query`
 * properties of the drivers, and PostgreSQL's `detail` (which quotes row values) are dropped: they
 * carry report content.
 */
export function sanitizeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: String(err) };
  const e = err as ErrFields;
  const rawMessage = typeof e.message === 'string' ? e.message : '';
  const message = redactMessage(rawMessage);
  const frames =
    typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  const out: Record<string, unknown> = {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message,
  };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.severity === 'string') out.severity = e.severity;
  if (typeof e.routine === 'string') out.routine = e.routine;
  if (frames.length) out.stack = frames.map((l) => l.trim()).join('\n');
  if (e.cause && depth < 4) out.cause = sanitizeError(e.cause, depth + 1);
  return out;
}

/** Removes parameter lists and quoted values from a database error message. */
export function redactMessage(message: string): string {
  let m = message;
  // drizzle: "Failed query: <sql>\nparams: <values>"; keep the SQL text (placeholders only).
  const params = /\n\s*params:[\s\S]*$/i.exec(m);
  if (params) {
    const query = m.slice(0, params.index);
    m = `${query.length > 1500 ? `${query.slice(0, 1500)}…` : query}\nparams: [redacted]`;
  }
  // PostgreSQL messages that quote a value: invalid input syntax for type uuid: "…", value too long…
  m = m.replace(/(invalid input (?:syntax|value)[^:]*: )"[\s\S]*"/gi, '$1"[redacted]"');
  m = m.replace(/(Key \([^)]*\)=)\([\s\S]*?\)/g, '$1([redacted])');
  return m.length > 2000 ? `${m.slice(0, 2000)}…` : m;
}

/** The JSON line for an unexpected error of a request. */
export function errorLogLine(err: unknown, requestId: string, c?: Context): string {
  return JSON.stringify({
    time: new Date().toISOString(),
    level: 'error',
    requestId,
    ...(c ? { method: c.req.method, route: routePattern(c) } : {}),
    error: sanitizeError(err),
  });
}
