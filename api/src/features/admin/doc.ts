import type { DescribeRouteOptions } from 'hono-openapi';
import { Slug } from '@duhop/shared';
import { type ZodType, z } from 'zod';
import { doc } from '../../lib/openapi.ts';

/** OpenAPI of an admin route (tagged `admin`). */
export const adminDoc = (
  summary: string,
  response: ZodType,
  opts: Parameters<typeof doc>[2] = {},
): DescribeRouteOptions => doc(summary, response, { tags: ['admin'], ...opts });

/** OpenAPI of a CSV upload: a `text/csv` body (UTF-8, header row first) and the `dryRun` switch. */
export function csvImportDoc(
  summary: string,
  response: ZodType,
  columns: string,
): DescribeRouteOptions {
  const base = adminDoc(summary, response);
  return {
    ...base,
    description: `CSV UTF-8 (a BOM and \`;\` separators are accepted), header row first: \`${columns}\`. One bad row → 422 with \`fields["rows.N.field"]\` and nothing imported; \`?dryRun=true\` returns the preview and the row errors with 200 and stores nothing.`,
    parameters: [{ name: 'dryRun', in: 'query', required: false, schema: { type: 'boolean' } }],
    requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
    responses: {
      ...base.responses,
      201: base.responses?.[200] ?? { description: 'Imported' },
      415: { description: 'Not text/csv, or a charset other than UTF-8' },
    },
  };
}

/** `?provinceId=`: the province an admin works on (their own when absent). */
export const ProvinceQuery = z.object({ provinceId: Slug.optional() });
