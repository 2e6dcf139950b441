import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Hono } from 'hono';
import { describeRoute, generateSpecs } from 'hono-openapi';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_CODES } from '../../api/src/db/health.ts';
import { ApiError, errorJson } from '../../api/src/lib/errors.ts';
import { doc } from '../../api/src/lib/openapi.ts';
import { jsonBody, validate } from '../../api/src/lib/validate.ts';
import { generateSchema, openApiDocument, SCHEMA_FILE } from '../client/generate.ts';

// Issue 16: /openapi.json as a contract. Redocly CLI lints it (test/redocly.yaml), every route's
// parameters and statuses are in it, and docs/integrators.md agrees with it and with the code.

const ROOT = resolve(import.meta.dirname, '../..');

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; headers?: Record<string, unknown> }>;
}
interface Document {
  info: { version: string; contact?: unknown };
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, unknown> };
}

let document: Document;
const operations = () =>
  Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );

beforeAll(async () => {
  document = (await openApiDocument()) as unknown as Document;
});

describe('/openapi.json', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('passes Redocly CLI lint (recommended-strict) with no problem', async () => {
    dir = await mkdtemp(join(tmpdir(), 'duhop-openapi-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const run = await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/redocly'),
      ['lint', file, '--config', join(ROOT, 'test/redocly.yaml'), '--format', 'json'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((err: { stdout?: string; stderr?: string; code?: number }) => err);
    const out = JSON.parse(run.stdout ?? '{}') as {
      totals?: { errors: number; warnings: number };
      problems?: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    const problems = (out.problems ?? []).map(
      (p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`,
    );
    expect(problems).toEqual([]);
    expect(out.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('has the info block, servers and security schemes an integrator needs', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(document.info.version).toBe(pkg.version);
    expect(document.info.contact).toBeTruthy();
    expect(document.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(Object.keys(document.components.securitySchemes ?? {}).sort()).toEqual([
      'bearer',
      'metricsToken',
    ]);
  });

  it('says for every operation who may call it, and every 4xx and 503 with the error shape', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.summary) missing.push(`${where}: no summary (describeRoute(doc(…)))`);
      if (!Array.isArray(op.security)) missing.push(`${where}: no security ([] when public)`);
      const statuses = Object.keys(op.responses);
      if (path.startsWith('/api/')) {
        for (const s of ['400', '422', '503'])
          if (!statuses.includes(s)) missing.push(`${where}: no ${s}`);
        const isPublic = op.security?.length === 0;
        if (!isPublic && !statuses.includes('401')) missing.push(`${where}: no 401`);
        if (op.requestBody && !['413', '415'].every((s) => statuses.includes(s)))
          missing.push(`${where}: a body without 413/415`);
      } else if (path !== '/health' && !statuses.some((s) => s.startsWith('4'))) {
        missing.push(`${where}: no 4xx`);
      }
      for (const s of ['429', '503'])
        if (
          op.responses[s] &&
          path.startsWith('/api/') &&
          !op.responses[s].headers?.['Retry-After']
        )
          missing.push(`${where}: ${s} without Retry-After`);
    }
    expect(missing).toEqual([]);
  });

  it('documents the statuses integrators meet: login, resends, actions, throttles', () => {
    const statuses = (method: string, path: string) =>
      Object.keys(document.paths[path]?.[method]?.responses ?? {});
    expect(document.paths['/api/auth/login']?.post?.security).toEqual([]);
    expect(statuses('post', '/api/auth/login')).toEqual(
      expect.arrayContaining(['200', '401', '429']),
    );
    expect(statuses('post', '/api/reports')).toEqual(
      expect.arrayContaining(['200', '201', '409', '413', '415', '422', '429']),
    );
    expect(statuses('post', '/api/issues/{id}/actions')).toEqual(
      expect.arrayContaining(['404', '409']),
    );
    expect(statuses('post', '/api/me/password')).toContain('429');
    expect(statuses('get', '/api/synthesis/export')).toEqual(
      expect.arrayContaining(['429', '503']),
    );
    for (const path of ['/health', '/extension/update.xml', '/extension/duhop.crx'])
      expect(document.paths[path]?.get?.security).toEqual([]);
    expect(document.paths['/metrics']?.get?.security).toEqual([{ metricsToken: [] }]);
  });

  it('lists the query parameters each route validates (no query?: never in a generated client)', () => {
    const query = (method: string, path: string) =>
      Object.fromEntries(
        (document.paths[path]?.[method]?.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => [p.name, !!p.required]),
      );
    expect(query('get', '/api/inbox')).toMatchObject({
      status: false,
      q: false,
      overdue: false,
      sort: false,
      scope: false,
      cursor: false,
      limit: false,
      bodyId: false,
    });
    expect(query('get', '/api/criteria-sets/current')).toEqual({ cellId: true, date: false });
    expect(query('get', '/api/admin/users')).toMatchObject({ provinceId: false, cursor: false });
    expect(query('get', '/api/compliance')).toEqual({ month: true, bodyId: false });
    expect(query('post', '/api/admin/users/import')).toEqual({ dryRun: false });
    // Path parameters: required strings.
    expect(document.paths['/api/issues/{id}']?.get?.parameters).toContainEqual(
      expect.objectContaining({ in: 'path', name: 'id', required: true }),
    );
  });

  it('test/client/schema.d.ts is what openapi-typescript makes of the current document', async () => {
    // Committed so that `tsc -b` compiles the client without starting anything; regenerate with
    // `npm run client:generate -w test` after changing a route or a wire schema.
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await generateSchema());
  });

  it('a new route documents what validate() checks, with nothing else to write', async () => {
    const app = new Hono();
    app.onError((err, c) => (err instanceof ApiError ? errorJson(c, err) : c.text('', 500)));
    app.get(
      '/things/:id',
      describeRoute(doc('A thing', z.object({ ok: z.boolean() }))),
      validate('param', z.object({ id: z.uuid() })),
      validate(
        'query',
        z.object({ page: z.coerce.number().int().min(1).default(1), q: z.string() }),
      ),
      validate('header', z.object({ 'x-trace': z.string().optional() })),
      (c) => c.json({ ok: true }),
    );
    app.post(
      '/things',
      describeRoute(doc('Add a thing', z.object({ ok: z.boolean() }))),
      ...jsonBody(z.object({ name: z.string().max(10) })),
      (c) => c.json({ ok: true }),
    );
    const spec = await generateSpecs(app, { defaultValidationErrorResponse: false });
    const op = spec.paths['/things/{id}']?.get;
    expect(op?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'path', name: 'id', required: true }),
        expect.objectContaining({ in: 'query', name: 'q', required: true }),
        expect.objectContaining({
          in: 'query',
          name: 'page',
          schema: expect.objectContaining({ default: 1 }),
        }),
        expect.objectContaining({ in: 'header', name: 'x-trace' }),
      ]),
    );
    expect(op?.parameters?.find((p) => 'name' in p && p.name === 'page')).not.toHaveProperty(
      'required',
    );
    // The JSON body too, from the schema jsonBody() checks.
    expect(spec.paths['/things']?.post?.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { properties: { name: { type: 'string', maxLength: 10 } }, required: ['name'] },
        },
      },
    });
    // The runtime is unchanged: 422 with `fields` naming the parameter, a valid request passes.
    const bad = await app.request('/things/not-a-uuid?q=x');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty('id');
    const good = await app.request(`/things/${crypto.randomUUID()}?q=x`);
    expect(good.status).toBe(200);
    const long = await app.request('/things', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'far too long a name' }),
    });
    expect(long.status).toBe(422);
    const notJson = await app.request('/things', { method: 'POST', body: 'name=x' });
    expect(notJson.status).toBe(415);
  });
});

/** The codes the API can answer: every `new ApiError(status, 'CODE'…` in api/src, and the database faults. */
async function codesInSource(): Promise<Set<string>> {
  const codes = new Set<string>(FAULT_CODES);
  const files = (await readdir(join(ROOT, 'api/src'), { recursive: true })).filter((f) =>
    f.endsWith('.ts'),
  );
  for (const f of files) {
    const text = await readFile(join(ROOT, 'api/src', f), 'utf8');
    for (const m of text.matchAll(/new ApiError\(/g)) {
      // The literals right after the status, up to the first message (a code is UPPER_SNAKE; a
      // message is Vietnamese or a template): `malformed ? 'MALFORMED_JSON' : 'BAD_REQUEST'` gives both.
      const args = text.slice(m.index + m[0].length, m.index + m[0].length + 160);
      for (const lit of args.matchAll(/'([^'\\]*)'|`/g)) {
        if (lit[1] === undefined || !/^[A-Z][A-Z0-9_]{2,}$/.test(lit[1])) break;
        codes.add(lit[1]);
      }
    }
  }
  return codes;
}

describe('docs/integrators.md', () => {
  let text: string;
  beforeAll(async () => {
    text = await readFile(join(ROOT, 'docs/integrators.md'), 'utf8');
  });

  it('lists exactly the error codes the API can answer, with their status', async () => {
    const table = new Map(
      [...text.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\| (\d{3}) +\|/gm)].map((m) => [m[1]!, m[2]!]),
    );
    const source = await codesInSource();
    expect([...table.keys()].sort()).toEqual([...source].sort());
    // Each status is one the document describes for some route (or 500, described nowhere on purpose).
    const documented = new Set(operations().flatMap(({ op }) => Object.keys(op.responses)));
    for (const [code, status] of table)
      if (status !== '500') expect(documented.has(status), `${code} ${status}`).toBe(true);
  });

  it('names only routes that exist in /openapi.json', () => {
    const named = [...text.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^\s`?]*)/g)].map(
      (m) => [m[1]!.toLowerCase(), m[2]!.replace(/:(\w+)/g, '{$1}')] as const,
    );
    expect(named.length).toBeGreaterThan(8);
    // The document does not describe itself.
    const unknown = named.filter(
      ([method, path]) => path !== '/openapi.json' && !document.paths[path]?.[method],
    );
    expect(unknown).toEqual([]);
  });
});
