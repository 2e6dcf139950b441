import type { AppType } from '@duhop/api';
import type { ErrorBody } from '@duhop/shared';
import { hc, type ClientResponse } from 'hono/client';
import { flagPasswordChange } from './auth/password-state.ts';
import { getConnection } from './api-address.ts';
import { authExpiredItem } from './storage.ts';

/** A request that did not succeed: `status` null when the server was never reached. */
export interface ApiFailure {
  ok: false;
  status: number | null;
  code: string;
  message: string;
  fields?: Record<string, string[]>;
  /** From `Retry-After` (429, 503). */
  retryAfterMs?: number;
}
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

type SuccessOf<R> =
  R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 ? T : never) : never;

export const REQUEST_TIMEOUT_MS = 20_000;

/** The typed client for one API address and token. Only types come from the API package. */
export function makeClient(base: string, token?: string | null, timeoutMs = REQUEST_TIMEOUT_MS) {
  return hc<AppType>(base, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
}
export type Client = ReturnType<typeof makeClient>;

/** The client for the configured address and the signed-in user (or anonymous). */
export async function currentClient(): Promise<Client> {
  const { base, session } = await getConnection();
  return makeClient(base, session?.token);
}

/**
 * Runs a request and folds every outcome into ApiResult: network failures and timeouts become
 * `status: null`, non-2xx bodies are read as the API's `{error:{code,message,fields}}`.
 */
export async function call<R extends ClientResponse<unknown, number, 'json'>>(
  run: () => Promise<R>,
): Promise<ApiResult<SuccessOf<R>>> {
  let res: R;
  try {
    res = await run();
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    const timeout = name === 'TimeoutError' || name === 'AbortError';
    return {
      ok: false,
      status: null,
      code: timeout ? 'TIMEOUT' : 'NETWORK_ERROR',
      message: String(err),
    };
  }
  return readResponse(res as unknown as Response);
}

/**
 * The API's error body `{error:{code,message,fields?}}` (shared ErrorBody), checked by hand: the
 * pages then load no zod for reading answers.
 */
export function errorBodyOf(
  body: unknown,
): { success: true; data: ErrorBody } | { success: false } {
  const error = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return { success: false };
  const { code, message, fields, requestId } = error;
  if (typeof code !== 'string' || typeof message !== 'string') return { success: false };
  if (requestId !== undefined && typeof requestId !== 'string') return { success: false };
  if (fields !== undefined) {
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return { success: false };
    for (const v of Object.values(fields))
      if (!Array.isArray(v) || v.some((m) => typeof m !== 'string')) return { success: false };
  }
  return { success: true, data: body as ErrorBody };
}

/** Reads a fetch Response into ApiResult (exported for the outbox and tests). */
export async function readResponse<T>(res: Response): Promise<ApiResult<T>> {
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const parsed = errorBodyOf(body);
  const retryAfter = Number(res.headers.get('Retry-After'));
  return {
    ok: false,
    status: res.status,
    code: parsed.success ? parsed.data.error.code : `HTTP_${res.status}`,
    message: parsed.success ? parsed.data.error.message : res.statusText,
    ...(parsed.success && parsed.data.error.fields ? { fields: parsed.data.error.fields } : {}),
    ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

/** `call` with the current client, recording a refused token so every page asks to sign in again. */
export async function request<R extends ClientResponse<unknown, number, 'json'>>(
  run: (client: Client) => Promise<R>,
): Promise<ApiResult<SuccessOf<R>>> {
  const client = await currentClient();
  const result = await call(() => run(client));
  if (!result.ok && result.status === 401) await authExpiredItem.setValue(true);
  if (!result.ok && result.code === 'PASSWORD_CHANGE_REQUIRED') await flagPasswordChange();
  return result;
}
