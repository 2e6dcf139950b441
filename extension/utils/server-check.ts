/**
 * "Kiểm tra kết nối": asks an address's `GET /health` whether a duhop server answers there, and
 * which version. A browser does not tell a refused connection from a DNS failure or an HTTPS
 * certificate it rejects (all are one network error to a page), so those share one answer.
 */
export type ServerCheck =
  | { ok: true; name: string; version: string }
  | { ok: false; reason: 'unreachable' | 'timeout' | 'not-duhop' }
  | { ok: false; reason: 'unavailable'; message: string };

export const CHECK_TIMEOUT_MS = 8_000;

export async function checkServer(
  origin: string,
  opts: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<ServerCheck> {
  const doFetch = opts.fetch ?? fetch;
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, opts.timeoutMs ?? CHECK_TIMEOUT_MS);
  try {
    let res: Response;
    try {
      res = await doFetch(`${origin}/health`, {
        signal: ctrl.signal,
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      return { ok: false, reason: timedOut ? 'timeout' : 'unreachable' };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, reason: timedOut ? 'timeout' : 'not-duhop' };
    }
    return healthAnswer(body);
  } finally {
    clearTimeout(timer);
  }
}

/** What a `/health` body says: a duhop server (ready or not), or something else. */
export function healthAnswer(body: unknown): ServerCheck {
  if (!body || typeof body !== 'object') return { ok: false, reason: 'not-duhop' };
  const b = body as Record<string, unknown>;
  if (b.service !== 'duhop' || typeof b.version !== 'string')
    return { ok: false, reason: 'not-duhop' };
  if (b.status === 'ok') return { ok: true, name: 'Dự họp', version: b.version };
  if (b.status === 'unavailable')
    return {
      ok: false,
      reason: 'unavailable',
      message: typeof b.message === 'string' ? b.message : '',
    };
  return { ok: false, reason: 'not-duhop' };
}
