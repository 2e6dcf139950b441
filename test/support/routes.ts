import { createApp } from '../../api/src/app.ts';
import type { Database } from '../../api/src/db/client.ts';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form, e.g. `/api/issues/{id}/actions`. */
  path: string;
  auth: boolean;
  hasBody: boolean;
  query: string[];
}

/**
 * Every route of the API as /openapi.json lists it. The document is built from the route table
 * alone, so a stub database is enough and the list is known when the test file is collected.
 */
export async function apiRoutes(): Promise<RouteInfo[]> {
  const app = createApp({ database: {} as Database });
  const doc = (await (await app.request('/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { security?: unknown[]; requestBody?: unknown; parameters?: { in: string; name: string }[] }
      >
    >;
  };
  const routes: RouteInfo[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      routes.push({
        method: method.toUpperCase() as RouteInfo['method'],
        path,
        // A user's token (`bearer`); /metrics has its own METRICS_TOKEN scheme, not a session.
        auth: !!op.security?.some((s) => typeof s === 'object' && s !== null && 'bearer' in s),
        hasBody: !!op.requestBody,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return routes;
}

/** `/api/issues/{id}/actions` with `{id}` replaced (URL-encoded unless `raw`; lone surrogates become U+FFFD). */
export function fillPath(path: string, value: (name: string) => string, raw = false): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    raw ? value(name) : encodeURIComponent(Buffer.from(value(name)).toString()),
  );
}
