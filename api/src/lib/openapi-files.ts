import type { DescribeRouteOptions } from 'hono-openapi';
import { z, type ZodObject } from 'zod';
import { doc } from './openapi.ts';

type Parameters = NonNullable<DescribeRouteOptions['parameters']>;

/** OpenAPI query parameters from the zod object that validates the query string. */
export function queryParameters(schema: ZodObject): Parameters {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query' as const,
    required: json.required?.includes(name) ?? false,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  })) as Parameters;
}

/** A route that answers with a file (`Content-Disposition: attachment`) in one of `contentTypes`. */
export function fileDoc(
  summary: string,
  contentTypes: readonly string[],
  query?: ZodObject,
): DescribeRouteOptions {
  const base = doc(summary, z.object({}));
  const content = Object.fromEntries(
    contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
  );
  return {
    ...base,
    ...(query ? { parameters: queryParameters(query) } : {}),
    responses: {
      ...base.responses,
      200: {
        description: 'The file, with `Content-Disposition: attachment; filename=…`',
        headers: {
          'Content-Disposition': {
            schema: { type: 'string' },
            description: 'attachment; filename="…"',
          },
        },
        content,
      },
    },
  } as DescribeRouteOptions;
}
