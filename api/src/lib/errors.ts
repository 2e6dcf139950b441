import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldErrors = Record<string, string[]>;

/** An error a client caused: becomes `{error:{code,message,fields?}}` with its status. */
export class ApiError extends Error {
  /** Sent as `Retry-After` (429, 503). */
  retryAfterSeconds?: number;
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Không tìm thấy', code = 'NOT_FOUND') => new ApiError(404, code, what);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này') => new ApiError(403, 'FORBIDDEN', message);
export const validationError = (fields: FieldErrors, message = 'Dữ liệu không hợp lệ') =>
  new ApiError(422, 'VALIDATION_FAILED', message, fields);

export function errorJson(c: Context, err: ApiError) {
  const error: { code: string; message: string; fields?: FieldErrors; requestId?: string } = {
    code: err.code,
    message: err.message,
  };
  if (err.fields) error.fields = err.fields;
  const requestId = c.get('requestId' as never) as string | undefined;
  if (requestId) error.requestId = requestId;
  if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
  return c.json({ error }, err.status);
}

/** Adds a message to a field-error map. */
export function addFieldError(fields: FieldErrors, path: string, message: string): void {
  (fields[path] ??= []).push(message);
}

/** PostgreSQL's unique_violation, whichever driver raised it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
