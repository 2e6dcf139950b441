import { signatureHeader } from './signature.ts';

/** How much of a receiver's answer is kept in the log. */
export const RESPONSE_KEEP_CHARS = 1000;

export interface PostResult {
  ok: boolean;
  /** null: no HTTP answer (timeout, refused connection, bad address). */
  httpStatus: number | null;
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

export interface WebhookRequest {
  url: string;
  secret: string;
  /** X-Duhop-Event */
  type: string;
  /** X-Duhop-Delivery */
  deliveryId: string;
  /** The exact bytes signed and sent. */
  body: string;
  now: Date;
  timeoutMs: number;
}

/** Reads at most `max` characters of a body, then stops reading (a huge answer is not downloaded). */
async function readSome(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length <= max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * One signed POST. 2xx is delivered; any other status (redirects are not followed: a 3xx is a
 * failure, the receiver must give its final address), a timeout or a connection error is not.
 * Never throws.
 */
export async function postWebhook(req: WebhookRequest): Promise<PostResult> {
  const t0 = performance.now();
  const t = Math.floor(req.now.getTime() / 1000);
  const elapsed = () => Math.round(performance.now() - t0);
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'duhop-webhooks/1',
        'x-duhop-event': req.type,
        'x-duhop-delivery': req.deliveryId,
        'x-duhop-signature': signatureHeader(req.secret, t, req.body),
      },
      body: req.body,
    });
    const responseBody = await readSome(res, RESPONSE_KEEP_CHARS).catch(() => null);
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      httpStatus: res.status,
      error: ok
        ? null
        : res.status >= 300 && res.status < 400
          ? `HTTP ${res.status}: chuyển hướng không được theo (redirect not followed)`
          : `HTTP ${res.status}`,
      responseBody,
      durationMs: elapsed(),
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    const error = timedOut
      ? `Hết thời gian chờ ${req.timeoutMs} ms (timeout)`
      : `Không kết nối được: ${e.cause?.code ?? e.cause?.message ?? e.message}`;
    return { ok: false, httpStatus: null, error, responseBody: null, durationMs: elapsed() };
  }
}
