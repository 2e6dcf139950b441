import type { DescribeRouteOptions } from 'hono-openapi';
import { z } from 'zod';
import { doc, type DocOptions } from './openapi.ts';

/**
 * A route that answers with a file (`Content-Disposition: attachment`) in one of `contentTypes`.
 * Its query parameters come from the route's `validate('query', …)`, as for every route.
 */
export function fileDoc(
  summary: string,
  contentTypes: readonly string[],
  opts: DocOptions = {},
): DescribeRouteOptions {
  const base = doc(summary, z.object({}), opts);
  const content = Object.fromEntries(
    contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
  );
  return {
    ...base,
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

/** The statuses of a file made in the export queue (lib/in-worker.ts): 429 `TOO_MANY_EXPORTS` per user. */
export const exportQueue: DocOptions = {
  extra: [429],
  describe: {
    429: 'Too many exports of this user in progress (`TOO_MANY_EXPORTS`); wait `Retry-After` seconds',
    503: 'The export queue is full (`EXPORT_QUEUE_FULL`) or the database cannot serve now; wait `Retry-After` seconds',
  },
};
