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

/**
 * Every 404 of the API, one per entity, defined here once. An unknown id, a malformed one and one
 * outside the caller's scope read the same, so nobody learns what exists beyond their reach.
 */
export const notFoundErrors = {
  route: () => new ApiError(404, 'ROUTE_NOT_FOUND', 'Không có đường dẫn này'),
  issue: () => new ApiError(404, 'ISSUE_NOT_FOUND', 'Không tìm thấy kiến nghị'),
  report: () => new ApiError(404, 'REPORT_NOT_FOUND', 'Không tìm thấy báo cáo'),
  template: () => new ApiError(404, 'TEMPLATE_NOT_FOUND', 'Không tìm thấy mẫu trả lời'),
  assignment: () => new ApiError(404, 'ASSIGNMENT_NOT_FOUND', 'Không tìm thấy phân công'),
  user: () => new ApiError(404, 'USER_NOT_FOUND', 'Không tìm thấy tài khoản'),
  orgUnit: () => new ApiError(404, 'ORG_UNIT_NOT_FOUND', 'Không tìm thấy đơn vị'),
  body: () =>
    new ApiError(404, 'BODY_NOT_FOUND', 'Không tìm thấy đơn vị, hoặc đơn vị ngoài phạm vi của bạn'),
  cell: () => new ApiError(404, 'CELL_NOT_FOUND', 'Không tìm thấy chi bộ'),
  criteriaSet: () => new ApiError(404, 'CRITERIA_SET_NOT_FOUND', 'Không tìm thấy bộ tiêu chí'),
  /** No set of the cell's province is in force on the date asked for. */
  criteriaSetOnDate: () =>
    new ApiError(404, 'CRITERIA_SET_NOT_FOUND', 'Chưa có bộ tiêu chí áp dụng cho ngày này'),
  extensionNotHosted: () =>
    new ApiError(
      404,
      'EXTENSION_NOT_HOSTED',
      'Máy chủ này không phát hành tiện ích (chưa đặt EXTENSION_DIR)',
    ),
  extensionFile: (name: string) =>
    new ApiError(
      404,
      'EXTENSION_NOT_PACKAGED',
      `Chưa có tệp ${name} trong EXTENSION_DIR (chạy npm run package)`,
    ),
} as const;

export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này') =>
  new ApiError(403, 'FORBIDDEN', message);
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
  if (err.retryAfterSeconds !== undefined)
    c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
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
