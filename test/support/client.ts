import { ErrorBody } from '@duhop/shared';
import type { ClientResponse } from 'hono/client';
import { testClient } from 'hono/testing';
import type { App } from './app.ts';

/** The typed client over `app.request`, signed in with `token` when one is given. */
export function clientFor(app: App, token?: string, headers: Record<string, string> = {}) {
  return testClient(app, undefined, undefined, {
    headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
  });
}
export type TestClient = ReturnType<typeof clientFor>;

/**
 * One answer read whole: `body` is the route's success type (what the typed client promises);
 * on a refusal the API's `{error}` is in `error` (undefined otherwise). `status` is any number:
 * the routes' types list only their successes.
 */
export interface Reply<T> {
  status: number;
  body: T;
  error: ErrorBody['error'] | undefined;
  headers: Headers;
}

type BodyOf<R> = R extends ClientResponse<infer T, number, string> ? T : never;

/** Awaits a typed-client call and reads its body (JSON when it parses, else the text). */
export async function read<R extends ClientResponse<unknown, number, string>>(
  pending: Promise<R> | R,
): Promise<Reply<BodyOf<R>>> {
  return readResponse((await pending) as unknown as Response) as Promise<Reply<BodyOf<R>>>;
}

/** Any fetch `Response` read the same way, its body untyped (the raw calls). */
export async function readResponse(res: Response): Promise<Reply<unknown>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  const refused = res.ok ? null : ErrorBody.safeParse(body);
  return {
    status: res.status,
    body,
    error: refused?.success ? refused.data.error : undefined,
    headers: res.headers,
  };
}

/** A body the wire types refuse, sent on purpose to see the API refuse it (422 and the like). */
export const malformed = (body: unknown) => body as never;
