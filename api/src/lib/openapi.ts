import { resolver, type DescribeRouteOptions } from 'hono-openapi';
import { ErrorBody } from '@duhop/shared';
import type { ZodType } from 'zod';

type Responses = NonNullable<DescribeRouteOptions['responses']>;

const json = (schema: ZodType) => ({ 'application/json': { schema: resolver(schema) } });

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer' as const, minimum: 1 },
  },
};

/**
 * What each error status of the API means, with the codes a route may answer (lib/errors.ts,
 * throttle.ts, body-limit.ts, db/health.ts). docs/integrators.md lists the same codes; a test
 * (test/api/openapi-contract.test.ts) checks the two against each other.
 */
export const ERROR_STATUSES = {
  400: 'Malformed JSON (`MALFORMED_JSON`), or the connection closed before the body arrived (`REQUEST_ABORTED`)',
  401: 'Missing, expired or revoked token (`UNAUTHENTICATED`, `SESSION_EXPIRED`)',
  403: 'Not allowed for this role (`FORBIDDEN`), or a reset password must be changed first (`PASSWORD_CHANGE_REQUIRED`)',
  404: 'Not found, or outside the caller’s scope (`*_NOT_FOUND`: the same answer for both)',
  409: 'Conflict with the stored state (a stale `expectedVersion`, a transition the status does not allow, an id already used with other content, a duplicate)',
  413: 'Body larger than the server’s limit (`PAYLOAD_TOO_LARGE`, `BODY_LIMIT_KB`)',
  415: 'Body not sent as `application/json` (`UNSUPPORTED_MEDIA_TYPE`)',
  422: 'Validation failed (`VALIDATION_FAILED` and other codes; `fields` names the offending paths)',
  429: 'Rate limited; wait `Retry-After` seconds',
  503: 'The database cannot serve now (`DATABASE_UNAVAILABLE`, `DATABASE_TIMEOUT`, `DATABASE_FAILED`, `STORAGE_FULL`); wait `Retry-After` seconds',
} as const;

export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** An error response with the docs/api.md shape; 429 and 503 carry `Retry-After`. */
export const errorResponse = (
  status: ErrorStatus,
  description: string = ERROR_STATUSES[status],
) => ({
  description,
  content: json(ErrorBody),
  ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
});

export interface DocOptions {
  /**
   * The request body's schema (the route's `jsonBody()` registers the same one): documents the
   * body's 413 (too large) and 415 (not JSON).
   */
  body?: ZodType;
  /** `false` on public routes: `security: []`, and no 401/403/404 unless listed in `extra`. */
  auth?: boolean;
  /** The success status (default 200). */
  status?: 200 | 201;
  tags?: string[];
  /**
   * Further statuses the route can answer: 409, 429… With `status: 201`, a `200` here is the
   * identical resend of an idempotent creation (same body, nothing stored twice).
   */
  extra?: readonly (ErrorStatus | 200)[];
  /** Per-status descriptions replacing the generic ones (e.g. which 409 codes this route has). */
  describe?: Partial<Record<ErrorStatus | 200, string>>;
  description?: string;
}

/**
 * The OpenAPI description of a route, from the same zod schemas that validate it: the success
 * body, the request body if any, and every error status it can answer with the docs/api.md error
 * shape. The parameters and the JSON body come from `validate()` (lib/validate.ts) on the route.
 */
export function doc(
  summary: string,
  response: ZodType,
  opts: DocOptions = {},
): DescribeRouteOptions {
  const status = opts.status ?? 200;
  const statuses = new Set<ErrorStatus>([400, 422, 503]);
  if (opts.auth !== false) for (const s of [401, 403, 404] as const) statuses.add(s);
  if (opts.body) {
    statuses.add(413);
    statuses.add(415);
  }
  const responses: Responses = { [status]: { description: 'OK', content: json(response) } };
  for (const s of opts.extra ?? []) {
    if (s === 200) {
      if (status !== 200)
        responses[200] = {
          description:
            opts.describe?.[200] ??
            'Identical resend: the stored representation, nothing stored twice',
          content: json(response),
        };
    } else statuses.add(s);
  }
  for (const s of [...statuses].sort((a, b) => a - b))
    responses[s] = errorResponse(s, opts.describe?.[s]);
  return {
    summary,
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
    security: opts.auth === false ? [] : [{ bearer: [] }],
    ...(opts.body ? { requestBody: { required: true, content: json(opts.body) } } : {}),
    responses,
  };
}
