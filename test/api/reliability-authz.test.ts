import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';
import { apiRoutes } from '../support/routes.ts';
import { tokenFor } from '../support/tokens.ts';

// Authorization matrix: every route × every demo account × objects inside and outside the
// caller's scope. `truongban` holds two roles (observer of two Diễn Châu cells, staff of the Diễn
// Châu committee): allowed wherever one of them allows, refused elsewhere. Each row names the route it covers, the request, and the status each account
// must get; every response body is also searched for the ids and titles of objects the account
// may not see. To cover a new route, add a row (a test below fails while a route has none).
const h = useHarness('2026-11-05T09:00:00+07:00');
const routes = await apiRoutes();

const WHO = [
  'observer',
  'observer2',
  'observer3',
  'commune',
  'commune2',
  'province',
  'admin',
  'truongban',
] as const;
type Who = (typeof WHO)[number];
type Expected = Record<Who, number>;

/** Shorthand: `only(200, {observer: 403})` = 200 for everyone unless named. */
const all = (status: number, except: Partial<Expected> = {}): Expected =>
  ({ ...Object.fromEntries(WHO.map((w) => [w, status])), ...except }) as Expected;
const STAFF: Partial<Expected> = {
  commune: 200,
  commune2: 200,
  province: 200,
  admin: 200,
  truongban: 200,
};
const ADMIN_ONLY = (status: number) => all(403, { admin: status });

interface Fixture {
  reports: Record<'R1' | 'R2' | 'R3' | 'R4', string>;
  issues: Record<'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6', { id: string; title: string }>;
  template: string;
  tokens: Record<Who, string>;
}

// R1 by observer (hn-xom-1): I1 → the commune committee (Hưng Nguyên), I2 → Ban Nội chính (rule).
// R2 by observer2 (hn-yen-ho): I5 → Hưng Nguyên. R3 by observer3 (tv-yen-giang): I3 → Trường Vinh,
// I4 → Trường Vinh's economic office (area rule). R4 by truongban (dc-bac-son): I6 → Diễn Châu,
// the body truongban is staff of (author and holder at once). A template of Hưng Nguyên's committee.
const VISIBLE: Record<
  Who,
  { reports: (keyof Fixture['reports'])[]; issues: (keyof Fixture['issues'])[] }
> = {
  observer: { reports: ['R1'], issues: ['I1', 'I2'] },
  observer2: { reports: ['R2'], issues: ['I5'] },
  observer3: { reports: ['R3'], issues: ['I3', 'I4'] },
  commune: { reports: ['R1', 'R2'], issues: ['I1', 'I5'] },
  commune2: { reports: ['R3'], issues: ['I3'] },
  province: { reports: ['R1'], issues: ['I2'] },
  admin: { reports: ['R1', 'R2', 'R3', 'R4'], issues: ['I1', 'I2', 'I3', 'I4', 'I5', 'I6'] },
  truongban: { reports: ['R4'], issues: ['I6'] },
};
const ISSUES_OF = { R1: ['I1', 'I2'], R2: ['I5'], R3: ['I3', 'I4'], R4: ['I6'] } as const;

async function buildFixture(): Promise<Fixture> {
  const tokens = Object.fromEntries(
    await Promise.all(WHO.map(async (w) => [w, await tokenFor(h.database, w)] as const)),
  ) as Record<Who, string>;
  const tag = randomUUID().slice(0, 8);
  const issue = (name: string, category: string) => ({
    id: randomUUID(),
    title: `MARK-${tag}-${name}`,
    detail: `Chi tiết ${name}`,
    category: category as never,
    urgency: 'normal' as const,
  });
  const i = {
    I1: issue('I1', 'dat_dai'),
    I2: issue('I2', 'an_ninh_trat_tu'),
    I3: issue('I3', 'dat_dai'),
    I4: issue('I4', 'ha_tang_giao_thong'),
    I5: issue('I5', 'moi_truong'),
    I6: issue('I6', 'dat_dai'),
  };
  const submit = async (who: Who, cellId: string, issues: (typeof i)[keyof typeof i][]) => {
    const report = buildReport({ cellId, issues });
    const res = await read(h.as(tokens[who]).api.reports.$post({ json: report }));
    if (res.status !== 201)
      throw new Error(`fixture report: ${res.status} ${JSON.stringify(res.body)}`);
    return report.id;
  };
  const reports = {
    R1: await submit('observer', 'hn-xom-1', [i.I1, i.I2]),
    R2: await submit('observer2', 'hn-yen-ho', [i.I5]),
    R3: await submit('observer3', 'tv-yen-giang', [i.I3, i.I4]),
    R4: await submit('truongban', 'dc-bac-son', [i.I6]),
  };
  const t = await read(
    h
      .as(tokens.commune)
      .api['answer-templates'].$post({ json: { title: `MARK-${tag}-T`, text: 'Đã tiếp nhận' } }),
  );
  if (t.status !== 201) throw new Error(`fixture template: ${t.status}`);
  return {
    reports,
    issues: { I1: i.I1, I2: i.I2, I3: i.I3, I4: i.I4, I5: i.I5, I6: i.I6 },
    template: t.body.id,
    tokens,
  };
}

/** Ids and titles of the fixture objects `who` may not see. */
function forbidden(f: Fixture, who: Who): string[] {
  const seenReports = VISIBLE[who].reports;
  const seenIssues = new Set<string>([
    ...VISIBLE[who].issues,
    ...seenReports.flatMap((r) => ISSUES_OF[r]),
  ]);
  const out: string[] = [];
  for (const [name, id] of Object.entries(f.reports))
    if (!seenReports.includes(name as never)) out.push(id);
  for (const [name, x] of Object.entries(f.issues))
    if (!seenIssues.has(name)) out.push(x.id, x.title);
  if (who !== 'commune' && who !== 'admin') out.push(f.template);
  return out;
}

interface Row {
  /** The route as /openapi.json names it. */
  route: string;
  name?: string;
  request: (f: Fixture, who: Who) => { path: string; body?: unknown };
  expect: Expected;
  /** Changes state: each account gets fresh fixtures. */
  mutates?: boolean;
  /** Moves the clock before the request (e.g. past a deadline). */
  advanceMs?: number;
  /** Extra check of a 2xx body. */
  check?: (body: unknown, who: Who, f: Fixture) => void;
}

const DAY = 86_400_000;
const ack = { type: 'acknowledge', expectedVersion: 1 };
const MATRIX: Row[] = [
  { route: 'GET /health', request: () => ({ path: '/health' }), expect: all(200) },
  // METRICS_TOKEN is not set here: the route does not exist for anyone (a session token is not the metrics token).
  { route: 'GET /metrics', request: () => ({ path: '/metrics' }), expect: all(404) },
  // No EXTENSION_DIR here: the packaged extension is not hosted, for anyone (public routes, no token needed).
  {
    route: 'GET /extension/update.xml',
    request: () => ({ path: '/extension/update.xml' }),
    expect: all(404),
  },
  {
    route: 'GET /extension/duhop.crx',
    request: () => ({ path: '/extension/duhop.crx' }),
    expect: all(404),
  },
  { route: 'GET /openapi.json', request: () => ({ path: '/openapi.json' }), expect: all(200) },
  {
    route: 'POST /api/auth/login',
    request: (_, who) => ({
      path: '/api/auth/login',
      body: { username: who, password: 'demo1234' },
    }),
    expect: all(200),
  },
  {
    route: 'POST /api/auth/logout',
    request: () => ({ path: '/api/auth/logout' }),
    expect: all(200),
    mutates: true,
  },
  { route: 'GET /api/me', request: () => ({ path: '/api/me' }), expect: all(200) },
  {
    route: 'POST /api/me/password',
    request: () => ({
      path: '/api/me/password',
      body: { currentPassword: 'wrong-password', newPassword: 'a-new-password-1' },
    }),
    expect: all(422),
  },
  { route: 'GET /api/org-units', request: () => ({ path: '/api/org-units' }), expect: all(200) },
  {
    route: 'GET /api/criteria-sets',
    request: () => ({ path: '/api/criteria-sets' }),
    expect: all(200),
  },
  {
    route: 'GET /api/criteria-sets/current',
    request: () => ({ path: '/api/criteria-sets/current?cellId=hn-xom-1' }),
    expect: all(200),
  },
  {
    route: 'GET /api/criteria-sets/{id}',
    request: () => ({ path: '/api/criteria-sets/hd42-2025' }),
    expect: all(200),
  },
  {
    route: 'GET /api/routing-rules',
    request: () => ({ path: '/api/routing-rules' }),
    expect: all(200),
  },

  // Reports: the author, the bodies its issues went to, the admin.
  {
    route: 'POST /api/reports',
    name: 'own cell',
    request: () => ({ path: '/api/reports', body: buildReport() }),
    expect: all(403, { observer: 201, observer2: 422, observer3: 422, truongban: 422 }),
  },
  {
    route: 'POST /api/reports',
    name: 'a cell of another commune',
    request: () => ({ path: '/api/reports', body: buildReport({ cellId: 'tv-yen-giang' }) }),
    expect: all(403, { observer: 422, observer2: 422, observer3: 201, truongban: 422 }),
  },
  {
    route: 'POST /api/reports',
    name: 'a cell of the multi-role member (staff alone may not submit)',
    request: () => ({ path: '/api/reports', body: buildReport({ cellId: 'dc-bac-son' }) }),
    expect: all(403, { observer: 422, observer2: 422, observer3: 422, truongban: 201 }),
  },
  { route: 'GET /api/reports', request: () => ({ path: '/api/reports' }), expect: all(200) },
  {
    route: 'GET /api/reports/{id}',
    name: 'R1',
    request: (f) => ({ path: `/api/reports/${f.reports.R1}` }),
    expect: all(404, { observer: 200, commune: 200, province: 200, admin: 200 }),
  },
  {
    route: 'GET /api/reports/{id}',
    name: 'R2',
    request: (f) => ({ path: `/api/reports/${f.reports.R2}` }),
    expect: all(404, { observer2: 200, commune: 200, admin: 200 }),
  },
  {
    route: 'GET /api/reports/{id}',
    name: 'R3',
    request: (f) => ({ path: `/api/reports/${f.reports.R3}` }),
    expect: all(404, { observer3: 200, commune2: 200, admin: 200 }),
  },
  {
    route: 'GET /api/reports/{id}',
    name: 'R4, by the multi-role member',
    request: (f) => ({ path: `/api/reports/${f.reports.R4}` }),
    expect: all(404, { truongban: 200, admin: 200 }),
  },
  {
    route: 'GET /api/report-exports/{id}',
    name: 'R1',
    request: (f) => ({ path: `/api/report-exports/${f.reports.R1}` }),
    expect: all(404, { observer: 200, commune: 200, province: 200, admin: 200 }),
  },
  {
    route: 'GET /api/report-exports/{id}',
    name: 'R3',
    request: (f) => ({ path: `/api/report-exports/${f.reports.R3}` }),
    expect: all(404, { observer3: 200, commune2: 200, admin: 200 }),
  },
  {
    route: 'GET /api/report-exports/{id}',
    name: 'R4',
    request: (f) => ({ path: `/api/report-exports/${f.reports.R4}` }),
    expect: all(404, { truongban: 200, admin: 200 }),
  },

  // Issues: the author, the body holding it, a body above it once overdue, the admin.
  {
    route: 'GET /api/issues/{id}',
    name: 'I1',
    request: (f) => ({ path: `/api/issues/${f.issues.I1.id}` }),
    expect: all(404, { observer: 200, commune: 200, admin: 200 }),
  },
  {
    route: 'GET /api/issues/{id}',
    name: 'I2',
    request: (f) => ({ path: `/api/issues/${f.issues.I2.id}` }),
    expect: all(404, { observer: 200, province: 200, admin: 200 }),
  },
  {
    route: 'GET /api/issues/{id}',
    name: 'I3',
    request: (f) => ({ path: `/api/issues/${f.issues.I3.id}` }),
    expect: all(404, { observer3: 200, commune2: 200, admin: 200 }),
  },
  {
    route: 'GET /api/issues/{id}',
    name: 'I4 before its deadline',
    request: (f) => ({ path: `/api/issues/${f.issues.I4.id}` }),
    expect: all(404, { observer3: 200, admin: 200 }),
  },
  {
    route: 'GET /api/issues/{id}',
    name: 'I4 overdue: the committee above sees it',
    advanceMs: 60 * DAY,
    request: (f) => ({ path: `/api/issues/${f.issues.I4.id}` }),
    expect: all(404, { observer3: 200, commune2: 200, admin: 200 }),
  },
  {
    route: 'GET /api/issues/{id}',
    name: 'I6',
    request: (f) => ({ path: `/api/issues/${f.issues.I6.id}` }),
    expect: all(404, { truongban: 200, admin: 200 }),
  },
  // Related issues (issue 16): hints for a cell the caller writes for (or staff above it).
  {
    route: 'GET /api/issues/related',
    request: () => ({ path: '/api/issues/related?text=karaoke%20gay%20on&cellId=hn-xom-1' }),
    expect: all(404, { observer: 200, commune: 200, admin: 200 }),
  },
  {
    route: 'GET /api/issues/{id}/related',
    name: 'I1',
    request: (f) => ({ path: `/api/issues/${f.issues.I1.id}/related` }),
    expect: all(404, { observer: 200, commune: 200, admin: 200 }),
  },
  {
    route: 'PUT /api/issues/{id}/duplicate-of',
    name: 'I1 as a duplicate of I2',
    mutates: true,
    request: (f) => ({
      path: `/api/issues/${f.issues.I1.id}/duplicate-of`,
      body: { originalId: f.issues.I2.id, expectedVersion: 1 },
    }),
    // The commune holds I1 but cannot read I2 (at the province): 422 on originalId, no leak.
    expect: all(404, { observer: 403, commune: 422, admin: 200 }),
  },
  {
    route: 'DELETE /api/issues/{id}/duplicate-of',
    name: 'I1 (not a duplicate)',
    request: (f) => ({ path: `/api/issues/${f.issues.I1.id}/duplicate-of?expectedVersion=1` }),
    expect: all(404, { observer: 403, commune: 409, admin: 409 }),
  },
  {
    route: 'POST /api/issues/{id}/actions',
    name: 'acknowledge I1',
    mutates: true,
    request: (f) => ({ path: `/api/issues/${f.issues.I1.id}/actions`, body: ack }),
    expect: all(404, { observer: 403, commune: 200, admin: 200 }),
  },
  {
    route: 'POST /api/issues/{id}/actions',
    name: 'acknowledge I6: its author is also staff of the body holding it',
    mutates: true,
    request: (f) => ({ path: `/api/issues/${f.issues.I6.id}/actions`, body: ack }),
    expect: all(404, { truongban: 200, admin: 200 }),
  },
  {
    route: 'POST /api/issues/{id}/actions',
    name: 'acknowledge I3',
    mutates: true,
    request: (f) => ({ path: `/api/issues/${f.issues.I3.id}/actions`, body: ack }),
    expect: all(404, { observer3: 403, commune2: 200, admin: 200 }),
  },
  {
    route: 'POST /api/issues/{id}/actions',
    name: 'acknowledge I4 overdue',
    mutates: true,
    advanceMs: 60 * DAY,
    request: (f) => ({ path: `/api/issues/${f.issues.I4.id}/actions`, body: ack }),
    expect: all(404, { observer3: 403, commune2: 200, admin: 200 }),
  },
  {
    route: 'POST /api/issues/bulk-actions',
    name: 'I1, I3 and I6 at once: each checked on its own',
    mutates: true,
    request: (f) => ({
      path: '/api/issues/bulk-actions',
      body: {
        type: 'acknowledge',
        items: [f.issues.I1, f.issues.I3, f.issues.I6].map((x) => ({
          id: x.id,
          expectedVersion: 1,
        })),
      },
    }),
    expect: all(200),
    check: (body, who) => {
      const per: Record<Who, [number, number, number]> = {
        observer: [403, 404, 404],
        observer2: [404, 404, 404],
        observer3: [404, 403, 404],
        commune: [200, 404, 404],
        commune2: [404, 200, 404],
        province: [404, 404, 404],
        admin: [200, 200, 200],
        truongban: [404, 404, 200],
      };
      expect(
        (body as { results: { status: number }[] }).results.map((r) => r.status),
        who,
      ).toEqual(per[who]);
    },
  },
  { route: 'GET /api/inbox', request: () => ({ path: '/api/inbox' }), expect: all(403, STAFF) },
  {
    route: 'GET /api/inbox',
    name: "another body's inbox",
    request: () => ({ path: '/api/inbox?bodyId=truong-vinh' }),
    expect: all(403, STAFF),
  },
  {
    route: 'GET /api/inbox',
    name: 'escalated, after deadlines',
    advanceMs: 60 * DAY,
    request: () => ({ path: '/api/inbox?scope=escalated' }),
    expect: all(403, STAFF),
  },
  { route: 'GET /api/my/issues', request: () => ({ path: '/api/my/issues' }), expect: all(200) },
  { route: 'GET /api/my/events', request: () => ({ path: '/api/my/events' }), expect: all(200) },

  // Answer templates: staff of the body, the admin.
  {
    route: 'GET /api/answer-templates',
    request: () => ({ path: '/api/answer-templates' }),
    expect: all(403, STAFF),
  },
  {
    route: 'GET /api/answer-templates',
    name: "another body's",
    request: () => ({ path: '/api/answer-templates?bodyId=hung-nguyen' }),
    expect: all(403, { commune: 200, commune2: 403, province: 403, admin: 200 }),
  },
  {
    route: 'POST /api/answer-templates',
    mutates: true,
    request: () => ({ path: '/api/answer-templates', body: { title: 'Mẫu', text: 'Nội dung' } }),
    expect: all(403, { commune: 201, commune2: 201, province: 201, admin: 201, truongban: 201 }),
  },
  {
    route: 'POST /api/answer-templates',
    name: 'for another body',
    mutates: true,
    request: () => ({
      path: '/api/answer-templates',
      body: { title: 'Mẫu', text: 'Nội dung', bodyId: 'hung-nguyen' },
    }),
    expect: all(403, { commune: 201, admin: 201 }),
  },
  {
    route: 'PUT /api/answer-templates/{id}',
    mutates: true,
    request: (f) => ({
      path: `/api/answer-templates/${f.template}`,
      body: { title: 'Sửa', text: 'Nội dung' },
    }),
    expect: all(403, { commune: 200, commune2: 404, province: 404, admin: 200, truongban: 404 }),
  },
  {
    route: 'DELETE /api/answer-templates/{id}',
    mutates: true,
    request: (f) => ({ path: `/api/answer-templates/${f.template}` }),
    expect: all(403, { commune: 200, commune2: 404, province: 404, admin: 200, truongban: 404 }),
  },

  // Figures and assignments of a body: its staff (and those above it), the admin.
  {
    route: 'GET /api/compliance',
    request: () => ({ path: '/api/compliance?month=2026-10' }),
    expect: all(403, STAFF),
  },
  {
    route: 'GET /api/compliance',
    name: 'another commune',
    request: () => ({ path: '/api/compliance?month=2026-10&bodyId=truong-vinh' }),
    expect: all(403, { commune: 404, commune2: 200, province: 404, admin: 200, truongban: 404 }),
  },
  {
    route: 'GET /api/synthesis',
    request: () => ({ path: '/api/synthesis?month=2026-10' }),
    expect: all(403, STAFF),
  },
  {
    route: 'GET /api/synthesis',
    name: 'another commune',
    request: () => ({ path: '/api/synthesis?month=2026-10&bodyId=truong-vinh' }),
    expect: all(403, { commune: 404, commune2: 200, province: 404, admin: 200, truongban: 404 }),
  },
  {
    route: 'GET /api/synthesis/export',
    request: () => ({ path: '/api/synthesis/export?month=2026-10&format=csv' }),
    expect: all(403, STAFF),
  },
  {
    route: 'GET /api/synthesis/export',
    name: 'another commune',
    request: () => ({ path: '/api/synthesis/export?month=2026-10&format=csv&bodyId=truong-vinh' }),
    expect: all(403, { commune: 404, commune2: 200, province: 404, admin: 200, truongban: 404 }),
  },
  {
    route: 'GET /api/year-view',
    request: () => ({ path: '/api/year-view?year=2026' }),
    expect: all(403, STAFF),
  },
  {
    route: 'GET /api/year-view',
    name: 'another commune',
    request: () => ({ path: '/api/year-view?year=2026&bodyId=truong-vinh' }),
    expect: all(403, { commune: 404, commune2: 200, province: 404, admin: 200, truongban: 404 }),
  },
  {
    route: 'GET /api/year-view/export',
    request: () => ({ path: '/api/year-view/export?year=2026&format=csv' }),
    expect: all(403, STAFF),
  },
  {
    route: 'GET /api/year-view/export',
    name: 'another commune',
    request: () => ({ path: '/api/year-view/export?year=2026&format=csv&bodyId=truong-vinh' }),
    expect: all(403, { commune: 404, commune2: 200, province: 404, admin: 200, truongban: 404 }),
  },
  // One's own year: everyone signed in.
  {
    route: 'GET /api/me/year',
    request: () => ({ path: '/api/me/year?year=2026' }),
    expect: all(200),
  },
  {
    route: 'GET /api/assignments',
    request: () => ({ path: '/api/assignments' }),
    expect: all(403, { commune: 200, commune2: 200, admin: 200, truongban: 200 }),
  },
  {
    route: 'GET /api/assignments',
    name: 'another commune',
    request: () => ({ path: '/api/assignments?bodyId=truong-vinh' }),
    expect: all(403, { commune: 404, commune2: 200, admin: 200, truongban: 404 }),
  },
  {
    route: 'GET /api/assignments/export',
    request: () => ({ path: '/api/assignments/export' }),
    expect: all(403, { commune: 200, commune2: 200, admin: 200, truongban: 200 }),
  },
  {
    route: 'POST /api/assignments',
    request: () => ({ path: '/api/assignments', body: {} }),
    expect: all(403, { commune: 422, commune2: 422, admin: 422, truongban: 422 }),
  },
  {
    route: 'POST /api/assignments/import',
    request: () => ({ path: '/api/assignments/import', body: {} }),
    expect: all(403, { commune: 415, commune2: 415, admin: 415, truongban: 415 }),
  },
  {
    route: 'PATCH /api/assignments/{id}',
    request: () => ({ path: `/api/assignments/${randomUUID()}`, body: { validTo: '2026-12-31' } }),
    expect: all(403, { commune: 404, commune2: 404, admin: 404, truongban: 404 }),
  },

  // Residence members (đảng viên 76): commune staff and the province's admin keep the register of
  // the cells under them; the members assigned to a cell read its list and record assessments.
  {
    route: 'GET /api/residence/members',
    request: () => ({ path: '/api/residence/members' }),
    expect: all(403, { commune: 200, commune2: 200, admin: 200, truongban: 200 }),
  },
  {
    route: 'GET /api/residence/members',
    name: 'one cell',
    request: () => ({ path: '/api/residence/members?cellId=hn-xom-1' }),
    expect: all(404, { observer: 200, commune: 200, admin: 200 }),
  },
  {
    route: 'POST /api/residence/members',
    request: () => ({ path: '/api/residence/members', body: {} }),
    expect: all(403, { commune: 422, commune2: 422, admin: 422, truongban: 422 }),
  },
  {
    route: 'POST /api/residence/members/import',
    request: () => ({ path: '/api/residence/members/import', body: {} }),
    expect: all(403, { commune: 415, commune2: 415, admin: 415, truongban: 415 }),
  },
  {
    route: 'PATCH /api/residence/members/{id}',
    request: () => ({ path: `/api/residence/members/${randomUUID()}`, body: { fullName: 'X' } }),
    expect: all(403, { commune: 404, commune2: 404, admin: 404, truongban: 404 }),
  },
  {
    route: 'POST /api/residence/members/{id}/assessments',
    request: () => ({
      path: `/api/residence/members/${randomUUID()}/assessments`,
      body: { year: 2026, rating: 'good' },
    }),
    expect: all(404),
  },
  {
    route: 'PATCH /api/residence/members/{id}/assessments/{year}',
    request: () => ({
      path: `/api/residence/members/${randomUUID()}/assessments/2026`,
      body: { rating: 'good' },
    }),
    expect: all(404),
  },
  {
    route: 'GET /api/residence/workplaces',
    request: () => ({ path: '/api/residence/workplaces?year=2026' }),
    expect: all(403, { commune: 200, commune2: 200, admin: 200, truongban: 200 }),
  },
  {
    // Sở Y tế has members in Hưng Nguyên only; the admin's own body is the province (not a commune).
    route: 'GET /api/residence/letter',
    request: () => ({ path: '/api/residence/letter?year=2026&workplace=unit:na-syt' }),
    expect: all(403, { commune: 200, commune2: 422, admin: 422, truongban: 422 }),
  },
  {
    route: 'GET /api/residence/export',
    request: () => ({ path: '/api/residence/export?format=csv' }),
    expect: all(403, { commune: 200, commune2: 200, admin: 200, truongban: 200 }),
  },

  // Administration: the admin only.
  {
    route: 'GET /api/admin/users',
    request: () => ({ path: '/api/admin/users' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'POST /api/admin/users',
    request: () => ({ path: '/api/admin/users', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'POST /api/admin/users/import',
    request: () => ({ path: '/api/admin/users/import', body: {} }),
    expect: ADMIN_ONLY(415),
  },
  {
    route: 'PATCH /api/admin/users/{id}',
    request: () => ({ path: `/api/admin/users/${randomUUID()}`, body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'POST /api/admin/users/{id}/reset-password',
    request: () => ({ path: `/api/admin/users/${randomUUID()}/reset-password`, body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'GET /api/admin/org-units',
    request: () => ({ path: '/api/admin/org-units' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'POST /api/admin/org-units',
    request: () => ({ path: '/api/admin/org-units', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'POST /api/admin/org-units/import',
    request: () => ({ path: '/api/admin/org-units/import', body: {} }),
    expect: ADMIN_ONLY(415),
  },
  {
    route: 'POST /api/admin/org-units/merge',
    request: () => ({ path: '/api/admin/org-units/merge', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'PATCH /api/admin/org-units/{id}',
    request: () => ({ path: '/api/admin/org-units/no-such-unit', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'POST /api/admin/org-units/{id}/close',
    request: () => ({ path: '/api/admin/org-units/no-such-unit/close', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'GET /api/admin/org-units/{id}/document-config',
    request: () => ({ path: '/api/admin/org-units/hung-nguyen/document-config' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'PUT /api/admin/org-units/{id}/document-config',
    request: () => ({ path: '/api/admin/org-units/no-such-unit/document-config', body: {} }),
    expect: ADMIN_ONLY(404),
  },
  {
    route: 'GET /api/admin/routing-rules',
    request: () => ({ path: '/api/admin/routing-rules' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'PUT /api/admin/routing-rules',
    request: () => ({ path: '/api/admin/routing-rules', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'POST /api/admin/routing-rules/test',
    request: () => ({ path: '/api/admin/routing-rules/test', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'GET /api/admin/criteria-sets',
    request: () => ({ path: '/api/admin/criteria-sets' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'POST /api/admin/criteria-sets',
    request: () => ({ path: '/api/admin/criteria-sets', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'PATCH /api/admin/criteria-sets/{id}',
    request: () => ({ path: '/api/admin/criteria-sets/no-such-set', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'POST /api/admin/criteria-sets/{id}/adopt',
    request: () => ({ path: '/api/admin/criteria-sets/nghe-an-08-2021/adopt', body: {} }),
    expect: ADMIN_ONLY(422),
  },
  {
    route: 'GET /api/admin/province-settings',
    request: () => ({ path: '/api/admin/province-settings' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'GET /api/admin/audit',
    request: () => ({ path: '/api/admin/audit' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'GET /api/admin/backup',
    request: () => ({ path: '/api/admin/backup' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'GET /api/me/notification-settings',
    request: () => ({ path: '/api/me/notification-settings' }),
    expect: all(200),
  },
  {
    route: 'PUT /api/me/notification-settings',
    request: () => ({
      path: '/api/me/notification-settings',
      body: { email: null, immediate: false, digest: false, digestHour: 7, ownIssues: false },
    }),
    expect: all(200),
    mutates: true,
  },
  {
    route: 'GET /api/admin/deliveries',
    request: () => ({ path: '/api/admin/deliveries' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'POST /api/admin/deliveries/{id}/retry',
    request: () => ({ path: '/api/admin/deliveries/999999/retry' }),
    expect: ADMIN_ONLY(404),
    mutates: true,
  },
  {
    route: 'GET /api/admin/webhooks',
    request: () => ({ path: '/api/admin/webhooks' }),
    expect: ADMIN_ONLY(200),
  },
  {
    route: 'POST /api/admin/webhooks',
    request: () => ({
      path: '/api/admin/webhooks',
      body: { name: 'Hệ thống một cửa', url: 'https://example.org/hook', events: ['issue.routed'] },
    }),
    expect: ADMIN_ONLY(201),
    mutates: true,
  },
  {
    route: 'GET /api/admin/webhooks/{id}',
    request: () => ({ path: '/api/admin/webhooks/00000000-0000-4000-8000-000000000000' }),
    expect: ADMIN_ONLY(404),
  },
  {
    route: 'PATCH /api/admin/webhooks/{id}',
    request: () => ({
      path: '/api/admin/webhooks/00000000-0000-4000-8000-000000000000',
      body: { name: 'Tên khác' },
    }),
    expect: ADMIN_ONLY(404),
    mutates: true,
  },
  {
    route: 'DELETE /api/admin/webhooks/{id}',
    request: () => ({ path: '/api/admin/webhooks/00000000-0000-4000-8000-000000000000' }),
    expect: ADMIN_ONLY(404),
    mutates: true,
  },
  {
    route: 'POST /api/admin/webhooks/{id}/test',
    request: () => ({ path: `${'/api/admin/webhooks/00000000-0000-4000-8000-000000000000'}/test` }),
    expect: ADMIN_ONLY(404),
    mutates: true,
  },
  {
    route: 'GET /api/admin/webhooks/{id}/deliveries',
    request: () => ({
      path: `${'/api/admin/webhooks/00000000-0000-4000-8000-000000000000'}/deliveries`,
    }),
    expect: ADMIN_ONLY(404),
  },
];

let fixture: Fixture;
beforeEach(async () => {
  fixture = await buildFixture();
});

describe('authorization matrix', () => {
  it('has a row for every route of /openapi.json', () => {
    const covered = new Set(MATRIX.map((r) => r.route));
    expect(routes.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(MATRIX.map((r) => [`${r.route}${r.name ? ` (${r.name})` : ''}`, r] as const))(
    '%s',
    async (_, row) => {
      const [method] = row.route.split(' ') as [string];
      const got: Partial<Expected> = {};
      for (const who of WHO) {
        h.clock.set('2026-11-05T09:00:00+07:00');
        const f = row.mutates ? await buildFixture() : fixture;
        if (row.advanceMs) h.clock.advance(row.advanceMs);
        const { path, body } = row.request(f, who);
        const res = await h.raw(method, path, { token: f.tokens[who], body });
        got[who] = res.status;
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        // An id the caller sent (bulk results echo them) is not a leak; anything else outside the scope is.
        const sent = `${path} ${JSON.stringify(body ?? '')}`;
        for (const secret of forbidden(f, who).filter((s) => !sent.includes(s))) {
          expect(text.includes(secret), `${who} ${method} ${path} shows ${secret}`).toBe(false);
        }
        if (res.status < 300) row.check?.(res.body, who, f);
      }
      expect(got).toEqual(row.expect);
    },
  );
});
