import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DuhopError,
  inboxPages,
  signIn,
  submitReport,
  type InboxIssue,
  type ReportSubmission,
} from '../client/client.ts';
import { useHarness } from '../support/app.ts';
import { buildReport } from '../support/reports.ts';

// Issue 16: a client generated from /openapi.json (openapi-typescript + openapi-fetch, no casts:
// test/client/client.ts) signs in, submits a report and pages the inbox against a real HTTP
// server on the test database; every answer it gets is checked against the document with Ajv.

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
}

const h = useHarness();
let server: ServerType;
let baseUrl: string;
let document: OpenApiDoc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const seen: string[] = [];
const failures: string[] = [];
const validators = new Map<string, ValidateFunction>();

/** JSON pointer segment, then URI fragment encoding (paths hold `/` and `{id}`). */
const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

/** Checks each answer against the document: its status is documented, its JSON body matches. */
const conformance: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const method = request.method.toLowerCase();
    const status = String(response.status);
    const where = `${request.method} ${schemaPath} → ${status}`;
    seen.push(where);
    const documented = document.paths[schemaPath]?.[method]?.responses[status];
    if (!documented) {
      failures.push(`${where}: status not in /openapi.json`);
      return;
    }
    const key = `${schemaPath} ${method} ${status}`;
    let validate = validators.get(key);
    if (!validate) {
      const ref = `openapi#/${pointer('paths', schemaPath, method, 'responses', status, 'content', 'application/json', 'schema')}`;
      validate = ajv.compile({ $ref: ref });
      validators.set(key, validate);
    }
    const body: unknown = await response.clone().json();
    if (!validate(body))
      failures.push(`${where}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`);
  },
};

beforeAll(async () => {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The document as the running server serves it.
  // No idle keep-alive socket left behind for the client's first call to meet as it closes.
  const res = await fetch(`${baseUrl}/openapi.json`, { headers: { connection: 'close' } });
  document = (await res.json()) as OpenApiDoc;
  ajv.addSchema(document, 'openapi');
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  failures.length = 0;
});

describe('the generated client against a running API', () => {
  it('signs in, submits a report (201, then 200 on the identical resend), pages the inbox with its cursor', async () => {
    const observer = await signIn(baseUrl, 'observer', 'demo1234', { middleware: [conformance] });
    const report: ReportSubmission = buildReport({
      issues: [0, 1, 2].map((i) => ({
        ...buildReport().issues[i % 2]!,
        id: crypto.randomUUID(),
        title: `Kiến nghị số ${i + 1} về đường liên xóm`,
      })),
    });
    const first = await submitReport(observer.client, report);
    expect(first.created).toBe(true);
    expect(first.report.issues).toHaveLength(3);
    const again = await submitReport(observer.client, report);
    expect(again.created).toBe(false);
    expect(again.report).toEqual(first.report);

    const commune = await signIn(baseUrl, 'commune', 'demo1234', { middleware: [conformance] });
    const mine = first.report.issues
      .filter((i) => i.responsibleBodyId === commune.user.orgUnitId)
      .map((i) => i.id);
    expect(mine.length).toBeGreaterThan(1);
    const pages: InboxIssue[][] = [];
    for await (const page of inboxPages(commune.client, { limit: 1 })) pages.push(page);
    expect(pages.length).toBe(mine.length);
    expect(
      pages
        .flat()
        .map((i) => i.id)
        .sort(),
    ).toEqual([...mine].sort());

    expect(seen).toContain('GET /api/inbox → 200');
    expect(seen).toContain('POST /api/reports → 201');
    expect(seen).toContain('POST /api/reports → 200');
    expect(failures).toEqual([]);
    // The check has teeth: an empty object is not a sign-in answer.
    expect(validators.get('/api/auth/login post 200')?.({})).toBe(false);
  });

  it('refusals come back typed, with documented statuses and the error shape', async () => {
    const wrong = await signIn(baseUrl, 'observer', 'not-the-password', {
      middleware: [conformance],
    }).catch((err: unknown) => err);
    expect(wrong).toBeInstanceOf(DuhopError);
    expect(wrong instanceof DuhopError && wrong.body?.error.code).toBe('INVALID_CREDENTIALS');

    const observer = await signIn(baseUrl, 'observer', 'demo1234', { middleware: [conformance] });
    const report = buildReport();
    await submitReport(observer.client, report);
    const conflict = await submitReport(observer.client, { ...report, suggestions: 'Khác' }).catch(
      (err: unknown) => err,
    );
    expect(conflict instanceof DuhopError && conflict.status).toBe(409);
    const invalid = await submitReport(observer.client, {
      ...buildReport(),
      attendance: { ...report.attendance, present: 99 },
    }).catch((err: unknown) => err);
    expect(invalid instanceof DuhopError && invalid.status).toBe(422);

    expect(seen).toEqual([
      'POST /api/auth/login → 401',
      'POST /api/auth/login → 200',
      'POST /api/reports → 201',
      'POST /api/reports → 409',
      'POST /api/reports → 422',
    ]);
    expect(failures).toEqual([]);
  });
});
