import type { DescribeRouteOptions } from 'hono-openapi';
import { Slug } from '@duhop/shared';
import { type ZodType, z } from 'zod';
import { doc, errorResponse } from '../../lib/openapi.ts';

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
    requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
    responses: {
      ...base.responses,
      201: base.responses?.[200] ?? { description: 'Imported' },
      409: errorResponse(
        409,
        'A username or unit id was taken meanwhile (`USERNAME_TAKEN`), or the admin has no province (`NO_PROVINCE`)',
      ),
      413: errorResponse(413),
      415: errorResponse(
        415,
        'Not text/csv, or a charset other than UTF-8 (`UNSUPPORTED_MEDIA_TYPE`)',
      ),
    },
  };
}

/** `?provinceId=`: the province an admin works on (their own when absent). */
export const ProvinceQuery = z.object({ provinceId: Slug.optional() });

/** 409 of a route that works on the admin's own province when none is named. */
export const NO_PROVINCE = 'The admin account has no province and none was named (`NO_PROVINCE`)';

/** 409 of a change racing another admin's closure of the same unit. */
export const ORG_UNIT_CLOSED =
  'The unit is closed already, or was closed meanwhile (`ORG_UNIT_CLOSED`)';
