// A small outside client of the duhop API, typed only by the OpenAPI document (schema.d.ts is
// generated from /openapi.json by openapi-typescript) and calling it with openapi-fetch: no cast,
// no hand-written type. It signs in, submits a report (and resends it), and pages the inbox with
// its cursor. test/api/openapi-client.test.ts runs it against a real HTTP server.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type DuhopClient = Client<paths>;
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type ReportSubmission = Json<paths['/api/reports']['post']['requestBody']>;
export type SubmittedReport = Json<paths['/api/reports']['post']['responses'][201]>;
export type InboxQuery = NonNullable<paths['/api/inbox']['get']['parameters']['query']>;
export type InboxIssue = Json<paths['/api/inbox']['get']['responses'][200]>['items'][number];
export type SignedInUser = Json<paths['/api/auth/login']['post']['responses'][200]>['user'];
export type ApiErrorBody = Json<paths['/api/reports']['post']['responses'][422]>;

/** A refusal of the API: the HTTP status and its `{error:{code,message,fields?}}` body. */
export class DuhopError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(`${status} ${body?.error.code ?? 'no error body'}: ${body?.error.message ?? ''}`);
    this.name = 'DuhopError';
  }
}

export interface ClientOptions {
  /** Runs on every response (the tests check each one against the document). */
  middleware?: Middleware[];
}

function client(baseUrl: string, token: string | undefined, opts: ClientOptions): DuhopClient {
  const c = createClient<paths>({
    baseUrl,
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
  });
  for (const m of opts.middleware ?? []) c.use(m);
  return c;
}

/** Signs in (`POST /api/auth/login`) and returns a client that sends the token on every call. */
export async function signIn(
  baseUrl: string,
  username: string,
  password: string,
  opts: ClientOptions = {},
): Promise<{ client: DuhopClient; token: string; user: SignedInUser }> {
  const { data, error, response } = await client(baseUrl, undefined, opts).POST('/api/auth/login', {
    body: { username, password },
  });
  if (!data) throw new DuhopError(response.status, error);
  return { client: client(baseUrl, data.token, opts), token: data.token, user: data.user };
}

/**
 * Submits a report. The id is made by the client, so a resend after a lost answer is safe: the
 * same content answers 200 with the stored report, nothing stored twice (201 the first time).
 */
export async function submitReport(
  api: DuhopClient,
  report: ReportSubmission,
): Promise<{ created: boolean; report: SubmittedReport }> {
  const { data, error, response } = await api.POST('/api/reports', { body: report });
  if (!data) throw new DuhopError(response.status, error);
  return { created: response.status === 201, report: data };
}

/** Every issue of the inbox, page by page: `nextCursor` of a page is the `cursor` of the next. */
export async function* inboxPages(
  api: DuhopClient,
  query: Omit<InboxQuery, 'cursor'> = {},
): AsyncGenerator<InboxIssue[]> {
  let cursor: string | undefined;
  do {
    const { data, error, response } = await api.GET('/api/inbox', {
      params: { query: { ...query, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) throw new DuhopError(response.status, error);
    yield data.items;
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
}
