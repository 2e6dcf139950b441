import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { createMiddleware } from 'hono/factory';
import { core, type ZodType } from 'zod';
import { ApiError, validationError, type FieldErrors } from './errors.ts';

/** Turns zod issues into `{ "attendance.present": ["…"] }`. */
export function zodFields(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/**
 * zod's synchronous parse, the same result as zod-validator's default `safeParseAsync` without its
 * promise machinery (about a tenth of a submission's CPU went to the async parse); a schema with
 * an async refinement, if one is ever written, still gets the async parse.
 */
function parseSync(schema: ZodType, value: unknown) {
  try {
    return schema.safeParse(value);
  } catch (err) {
    if (err instanceof core.$ZodAsyncError) return schema.safeParseAsync(value);
    throw err;
  }
}

/**
 * The one validation wrapper: zod-validator with the docs/api.md error shape (422 + fields).
 * JSON bodies must be sent as `application/json`; anything else is 415 rather than an empty object.
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) =>
  zValidator(
    target,
    schema,
    (result) => {
      if (!result.success) throw validationError(zodFields(result.error.issues));
    },
    { validationFunction: parseSync as never },
  );

export const requireJson = createMiddleware(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Nội dung phải là JSON (Content-Type: application/json)',
    );
  }
  await next();
});

/** JSON body: content-type check, then validation. */
export const jsonBody = <T extends ZodType>(schema: T) =>
  [requireJson, validate('json', schema)] as const;
