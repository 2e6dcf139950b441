import { resolver, type DescribeRouteOptions } from 'hono-openapi';
import { ErrorBody } from '@duhop/shared';
import type { ZodType } from 'zod';

const json = (schema: ZodType) => ({ 'application/json': { schema: resolver(schema) } });
const errorResponse = (description: string) => ({ description, content: json(ErrorBody) });

/**
 * The OpenAPI description of a route, from the same zod schemas that validate it:
 * the success body, the request body if any, and the error shape of docs/api.md.
 */
export function doc(
  summary: string,
  response: ZodType,
  opts: { body?: ZodType; auth?: boolean; status?: 200 | 201; tags?: string[] } = {},
): DescribeRouteOptions {
  const responses: NonNullable<DescribeRouteOptions['responses']> = {
    [opts.status ?? 200]: { description: 'OK', content: json(response) },
    400: errorResponse('Malformed JSON'),
    422: errorResponse('Validation failed (`fields` names the offending paths)'),
  };
  if (opts.auth !== false) {
    responses[401] = errorResponse('Missing, expired or revoked token');
    responses[403] = errorResponse('Not allowed for this role');
    responses[404] = errorResponse('Not found, or outside the caller’s scope');
  }
  return {
    summary,
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.auth === false ? {} : { security: [{ bearer: [] }] }),
    ...(opts.body ? { requestBody: { required: true, content: json(opts.body) } } : {}),
    responses,
  };
}
