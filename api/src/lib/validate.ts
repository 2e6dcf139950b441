import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { createMiddleware } from 'hono/factory';
import { resolver, uniqueSymbol } from 'hono-openapi';
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

/** The parts of a request the OpenAPI generator documents: the JSON body, and the `parameters`. */
const DOCUMENTED_TARGETS: ReadonlySet<keyof ValidationTargets> = new Set([
  'json',
  'query',
  'param',
  'header',
  'cookie',
]);

/**
 * The one validation wrapper: zod-validator with the docs/api.md error shape (422 + fields).
 * JSON bodies must be sent as `application/json`; anything else is 415 rather than an empty object.
 *
 * The schema is also registered with hono-openapi's generator, the way its own `validator` does
 * (the `uniqueSymbol` entry `generateSpecs` reads): every query, path and header parameter the
 * route checks, and its JSON body, appear in /openapi.json from the schema that checks them, so
 * the two cannot drift. `doc({ body })` on the route adds the body's 413 and 415.
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) => {
  const middleware = zValidator(
    target,
    schema,
    (result) => {
      if (!result.success) throw validationError(zodFields(result.error.issues));
    },
    { validationFunction: parseSync as never },
  );
  if (!DOCUMENTED_TARGETS.has(target)) return middleware;
  return Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } });
};

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
