import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../api/src/db/rows.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { truncateAll } from '../support/db.ts';
import { buildReport } from '../support/reports.ts';
import { apiRoutes, fillPath, type RouteInfo } from '../support/routes.ts';
import { tokenFor } from '../support/tokens.ts';

// Property-based fuzzing of every route in /openapi.json with malformed, oversized, wrongly typed
// and hostile input. Two properties: never a 5xx, and a rejected request writes no row.
const h = useHarness('2026-11-05T09:00:00+07:00');
const routes = await apiRoutes();
// Every run asked for must run: a route that cannot get through them within the test's time
// fails (no time limit that silently turns a slow run into a pass). The number is sized for a
// loaded 2-core machine; FUZZ_RUNS raises it.
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

// Admin routes may change users, the org graph or rules when a generated body happens to be valid.
afterAll(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

const COUNTED = ['reports', 'issues', 'issue_events', 'users', 'org_units'] as const;
async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    h.database.db,
    sql.raw(`select ${COUNTED.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`),
  );
  return row!;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%00',
  '\u0000',
  "' or 1=1 --",
  '"; drop table reports; --',
  '__proto__',
  'constructor',
  'prototype',
  '😀'.repeat(50),
  '\uD800',
  'a'.repeat(5_000),
  '<script>alert(1)</script>',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  'null',
  'true',
];
/**
 * Shapes that reach SQL casts (::uuid, ::timestamptz, ::date) if the edge lets them through:
 * crafted inbox cursors, uuids that are not, dates and months outside what PostgreSQL or month
 * arithmetic takes (issue 13: a cursor with year 275760 or 36 dashes gave a 500).
 */
const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const CAST_STRINGS = [
  '-'.repeat(36),
  `${'g'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
  '00000000-0000-0000-0000-00000000000000',
  cursorOf(['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
  cursorOf(['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
  cursorOf(['2026-11-05T00:00:00.000Z', '-'.repeat(36)]),
  cursorOf([true, '00000000-0000-4000-8000-000000000000']),
  cursorOf(null),
  cursorOf({}),
  '!!!$$$',
  '0000-01-01',
  '0000-02-29',
  '9999-12-31',
  '+275760-09-13',
  '0000-01',
  '0001-01',
  '9999-12',
  '2026-13',
  '2026-02-30',
  '99999999999999999999',
];
const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...CAST_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uuid(),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc
    .integer({ min: 50, max: 3_000 })
    .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
);

/** Valid bodies to start mutations from, so that the hostile part reaches past the first check. */
const SEEDS: Record<string, () => unknown> = {
  'POST /api/reports': () => buildReport(),
  'POST /api/auth/login': () => ({ username: 'observer', password: 'wrong-password' }),
  'POST /api/issues/{id}/actions': () => ({ type: 'acknowledge', expectedVersion: 1 }),
  'POST /api/issues/bulk-actions': () => ({
    type: 'acknowledge',
    items: [{ id: randomUUID(), expectedVersion: 1 }],
  }),
  'POST /api/answer-templates': () => ({ title: 'Mẫu', text: 'Nội dung' }),
  'PUT /api/answer-templates/{id}': () => ({ title: 'Mẫu', text: 'Nội dung' }),
  'POST /api/me/password': () => ({
    currentPassword: 'wrong-password',
    newPassword: 'a-new-password-1',
  }),
};

/** Sets `value` at a random path of a JSON-like object (creating keys as needed). */
function mutate(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (
    Array.isArray(base) ? [...base] : typeof base === 'object' && base !== null ? { ...base } : {}
  ) as Record<string | number, unknown>;
  const key = Array.isArray(copy) && typeof head === 'number' ? head : String(head);
  copy[key] = mutate(copy[key], rest, value);
  return copy;
}

/** Every path in a JSON value (objects and arrays included), e.g. ['issues', 0, 'title']. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...pathsOf(v, [...prefix, i]));
    });
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

type Body = { bytes?: Uint8Array | string; contentType?: string };
const enc = (s: string) => new TextEncoder().encode(s);
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/jsonx',
  '',
];

const bodyArb = (route: RouteInfo): fc.Arbitrary<Body> => {
  const seed = SEEDS[`${route.method} ${route.path}`];
  const json = (v: unknown) => ({
    bytes: JSON.stringify(v) ?? 'null',
    contentType: 'application/json',
  });
  const kinds: fc.Arbitrary<Body>[] = [
    fc.jsonValue({ maxDepth: 4 }).map(json),
    hostileValue.map(json),
    // Deep nesting as raw text, beyond what any recursive walker survives.
    fc.tuple(fc.integer({ min: 1_000, max: 400_000 }), fc.boolean()).map(([depth, obj]) => ({
      bytes: obj
        ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
        : `${'['.repeat(depth)}${']'.repeat(depth)}`,
      contentType: 'application/json',
    })),
    // Huge strings, just under and over the 1 MB body limit.
    fc
      .constantFrom(900_000, 1_048_000, 1_100_000, 3_000_000)
      .map((n) => json({ title: 'x'.repeat(n), suggestions: 'y'.repeat(n % 7) })),
    // Prototype pollution keys, at the top and nested.
    fc.constant({
      bytes:
        '{"__proto__":{"role":"admin","polluted":1},"constructor":{"prototype":{"polluted":2}},"attendance":{"__proto__":{"total":1}}}',
      contentType: 'application/json',
    }),
    // Invalid UTF-8 (lone continuation bytes, overlong '/', an encoded surrogate) inside and outside strings.
    fc
      .uint8Array({ minLength: 1, maxLength: 200 })
      .map((b) => ({ bytes: b, contentType: 'application/json' })),
    fc
      .constantFrom(
        Uint8Array.from([
          ...enc('{"username":"'),
          0xff,
          0xfe,
          0xc0,
          0xaf,
          0xed,
          0xa0,
          0x80,
          ...enc('","password":"x"}'),
        ]),
        Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('{"a":1}')]),
        Uint8Array.from([0x80, 0x81, 0x82]),
      )
      .map((b) => ({ bytes: b, contentType: 'application/json' })),
    // Wrong content types with plausible and implausible bodies.
    fc
      .tuple(
        fc.constantFrom(...WRONG_TYPES),
        fc.oneof(
          fc.constant('{"username":"observer","password":"demo1234"}'),
          fc.string({ maxLength: 100 }),
        ),
      )
      .map(([contentType, bytes]) => ({ bytes, contentType })),
    // Malformed JSON.
    fc
      .constantFrom('{', '{"a":', '[1,2', '{"a":1}}', "{'a':1}", 'undefined', '{"a":NaN}', '\u0000')
      .map((bytes) => ({ bytes, contentType: 'application/json' })),
    fc.constant({}),
  ];
  if (seed) {
    // Mutate a field that exists (every path of the valid body), sometimes one level below it.
    const paths = pathsOf(seed());
    const path = fc
      .tuple(
        fc.constantFrom(...paths),
        fc.option(fc.constantFrom('__proto__', 'constructor', 'x', '0'), { nil: undefined }),
      )
      .map(([p, extra]) => (extra === undefined ? p : [...p, extra]));
    kinds.push(
      fc
        .tuple(path, hostileValue, fc.constantFrom(...CONTENT_TYPES))
        .map(([p, v, contentType]) => ({
          bytes: JSON.stringify(mutate(seed(), p, v)),
          contentType,
        })),
    );
    // Two fields at once: gets past one check to the next.
    kinds.push(
      fc.tuple(path, hostileValue, path, hostileValue).map(([p1, v1, p2, v2]) => ({
        bytes: JSON.stringify(mutate(mutate(seed(), p1, v1), p2, v2)),
        contentType: 'application/json',
      })),
    );
    kinds.push(fc.constant(null).map(() => json(seed())));
  }
  return fc.oneof(...kinds);
};

const QUERY_KEYS = [
  'status',
  'q',
  'cursor',
  'limit',
  'category',
  'cellId',
  'communeId',
  'overdue',
  'dueWithinDays',
  'scope',
  'bodyId',
  'month',
  'format',
  'date',
  'after',
  'gap',
  'dryRun',
];
const queryArb = fc
  .array(
    fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), hostileString),
    { maxLength: 4 },
  )
  .map((pairs) => {
    const q = new URLSearchParams();
    for (const [k, v] of pairs) q.append(k, v);
    return pairs.length ? `?${q.toString()}` : '';
  });
// The keys whose values reach casts, with the shapes that used to get through.
const castQuery = fc
  .tuple(
    fc.constantFrom('cursor', 'month', 'date', 'after'),
    fc.constantFrom(...CAST_STRINGS),
    fc.boolean(),
  )
  .map(
    ([k, v, withCell]) =>
      `?${new URLSearchParams([[k, v], ...(withCell ? [['cellId', 'hn-xom-1']] : [])]).toString()}`,
  );
const rawJunkQuery = fc.constantFrom(
  '',
  '?%',
  '?a=%ff%fe',
  '?limit=1&limit=2',
  '?cursor=%E0%A4%A',
  '?q=%00',
  '?&&&==',
  `?q=${'%20'.repeat(3000)}`,
);
const rawParamArb = fc.constantFrom('%ff', '%', '%E0%A4%A', '..%2f..%2f', '%00', 'a%2Fb');
const WHO = ['observer', 'commune', 'province', 'admin'] as const;

/** The account a route is meant for: most generated requests get past authentication and roles. */
const ownerOf = (r: RouteInfo) =>
  r.path.startsWith('/api/admin') || r.path.startsWith('/api/assignments')
    ? 'admin'
    : r.path === '/api/reports' || r.path.startsWith('/api/me') || r.path.startsWith('/api/my')
      ? 'observer'
      : 'commune';
const tokenArb = (r: RouteInfo) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(ownerOf(r)) },
    { weight: 2, arbitrary: fc.constantFrom(...WHO) },
    { weight: 1, arbitrary: fc.constantFrom('none', 'garbage', 'malformed') },
  );

interface Fixture {
  reportId: string;
  issueId: string;
  templateId: string;
}

/** Real objects for path parameters, so that hostile bodies reach the handlers behind the lookups. */
async function fixture(): Promise<Fixture> {
  const report = buildReport();
  const res = await h.raw('POST', '/api/reports', {
    token: await tokenFor(h.database, 'observer'),
    body: report,
  });
  const t = await h.raw('POST', '/api/answer-templates', {
    token: await tokenFor(h.database, 'commune'),
    body: { title: 'Mẫu', text: 'Nội dung' },
  });
  if (res.status !== 201 || t.status !== 201) throw new Error(`fixture: ${res.status} ${t.status}`);
  return { reportId: report.id, issueId: report.issues[0]!.id, templateId: t.body.id };
}

async function send(c: { token: string; path: string; query: string; body: Body; method: string }) {
  const headers: Record<string, string> = {};
  if (c.token === 'garbage') headers.authorization = `Bearer ${'A'.repeat(43)}`;
  else if (c.token === 'malformed') headers.authorization = 'Bearer \u00ff junk \t';
  else if (c.token !== 'none')
    headers.authorization = `Bearer ${await tokenFor(h.database, c.token)}`;
  if (c.body.contentType !== undefined && c.body.contentType !== '')
    headers['content-type'] = c.body.contentType;
  const canHaveBody = c.method !== 'GET' && c.method !== 'HEAD';
  const res = await h.app.request(`${c.path}${c.query}`, {
    method: c.method,
    headers,
    body: canHaveBody ? (c.body.bytes as BodyInit | undefined) : undefined,
  });
  return { status: res.status, text: await res.text() };
}

/** Sends one request and checks both properties; `before` is the row count the request must leave alone if rejected. */
async function check(before: Record<string, number>, c: Parameters<typeof send>[0]) {
  const res = await send(c);
  const sent =
    typeof c.body.bytes === 'string'
      ? c.body.bytes.length > 600
        ? `${c.body.bytes.slice(0, 300)}…${c.body.bytes.slice(-300)}`
        : c.body.bytes
      : c.body.bytes
        ? `<${c.body.bytes.length} bytes>`
        : '';
  const err = h.logged.at(-1) as { message?: string; cause?: { message?: string } } | undefined;
  const cause = err ? `${err.cause?.message ?? err.message ?? err}`.slice(0, 300) : '';
  const what = `${c.method} ${c.path}${c.query.slice(0, 80)} ${sent} → ${res.status} ${res.text.slice(0, 200)} ${cause}`;
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    expect(await counts(), `rejected with ${res.status} but wrote rows: ${what}`).toEqual(before);
    if (c.method !== 'HEAD') expect(() => JSON.parse(res.text), what).not.toThrow();
  } else Object.assign(before, await counts());
}

beforeEach(() => {
  h.logged.length = 0;
});

describe.each(routes)('fuzz $method $path', (route) => {
  it('never answers 5xx, and a rejected request writes nothing', async () => {
    const fx = await fixture();
    const before = await counts();
    const realIds = fc.constantFrom(
      fx.reportId,
      fx.issueId,
      fx.templateId,
      'hd42-2025',
      'hung-nguyen',
      'hn-xom-1',
    );
    const param = fc.oneof(
      { weight: 3, arbitrary: realIds },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: hostileString },
    );
    const numRuns = route.path === '/api/reports' && route.method === 'POST' ? RUNS * 3 : RUNS;
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(
        tokenArb(route),
        fc.oneof(
          { weight: 6, arbitrary: param.map((v) => fillPath(route.path, () => v)) },
          { weight: 1, arbitrary: rawParamArb.map((v) => fillPath(route.path, () => v, true)) },
        ),
        fc.oneof(queryArb, rawJunkQuery, castQuery),
        route.method !== 'GET' ? bodyArb(route) : fc.constant<Body>({}),
        fc.constantFrom(
          route.method,
          route.method,
          route.method,
          route.method === 'GET' ? 'HEAD' : 'POST',
        ),
        async (token, path, query, body, method) => {
          ran++;
          await check(before, { token, path, query, body, method });
        },
      ),
      { numRuns },
    );
    expect(ran, 'every run asked for ran').toBeGreaterThanOrEqual(numRuns);
    expect(h.logged).toEqual([]);
  }, 600_000); // a hang guard: a loaded 2-core machine took over 3 minutes on one route
});

// A sweep rather than a sample: every field of a valid body, set to each hostile value in turn.
const SWEEP_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  'a\u0000b',
  null,
  -1,
  1e308,
  true,
  [],
  {},
  [[[[[]]]]],
];
describe.each(Object.keys(SEEDS))('sweep %s', (key) => {
  it('every field of a valid body, set to each hostile value: never a 5xx, nothing written when refused', async () => {
    const [method, path] = key.split(' ') as [string, string];
    const route = routes.find((r) => r.method === method && r.path === path)!;
    const fx = await fixture();
    const before = await counts();
    const url = fillPath(path, () =>
      path.includes('answer-templates') ? fx.templateId : fx.issueId,
    );
    for (const p of pathsOf(SEEDS[key]!())) {
      for (const value of SWEEP_VALUES) {
        await check(before, {
          token: ownerOf(route),
          path: url,
          query: '',
          method,
          body: {
            bytes: JSON.stringify(mutate(SEEDS[key]!(), p, value)),
            contentType: 'application/json',
          },
        });
      }
    }
    expect(h.logged).toEqual([]);
  }, 600_000);
});

// A sweep of the cast-bound shapes: every path parameter and every declared query parameter of
// every route, set to each of CAST_STRINGS with the other parameters valid, so the value reaches
// the handler. Never a 5xx (the fuzz above samples these; this covers each one).
const VALID_QUERY: Record<string, string> = {
  month: '2026-11',
  cellId: 'hn-xom-1',
  date: '2026-11-05',
  format: 'csv',
};
/** Query parameters that /openapi.json does not list (yet) but the routes read. */
const UNLISTED_QUERY: Record<string, string[]> = {
  'GET /api/inbox': ['cursor', 'cellId', 'communeId', 'bodyId', 'dueWithinDays'],
  'GET /api/my/events': ['after'],
  'GET /api/admin/audit': ['cursor', 'entityId'],
  'GET /api/admin/users': ['cursor', 'orgUnitId'],
  'GET /api/criteria-sets/current': ['cellId', 'date'],
};
const castRoutes = routes
  .map((r) => ({
    ...r,
    query: [...new Set([...r.query, ...(UNLISTED_QUERY[`${r.method} ${r.path}`] ?? [])])],
  }))
  .filter((r) => r.path.includes('{') || r.query.length > 0);
it('the cast sweep covers the routes that read cursors, dates and months', () => {
  expect(castRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
    expect.arrayContaining(Object.keys(UNLISTED_QUERY)),
  );
});
describe.each(castRoutes)('cast sweep $method $path', (route) => {
  it('each path or query parameter set to each cast-bound shape: never a 5xx, nothing written when refused', async () => {
    const fx = await fixture();
    const before = await counts();
    const realPath = fillPath(route.path, () =>
      route.path.includes('answer-templates')
        ? fx.templateId
        : route.path.includes('report')
          ? fx.reportId
          : fx.issueId,
    );
    const query = (over: Record<string, string>) => {
      const q = new URLSearchParams();
      for (const k of route.query)
        if (VALID_QUERY[k] !== undefined || over[k] !== undefined)
          q.set(k, over[k] ?? VALID_QUERY[k]!);
      const text = q.toString();
      return text ? `?${text}` : '';
    };
    const body: Body = route.hasBody
      ? {
          bytes: JSON.stringify(SEEDS[`${route.method} ${route.path}`]?.() ?? {}),
          contentType: 'application/json',
        }
      : {};
    let sent = 0;
    for (const value of CAST_STRINGS) {
      if (route.path.includes('{')) {
        await check(before, {
          token: ownerOf(route),
          path: fillPath(route.path, () => value),
          query: query({}),
          body,
          method: route.method,
        });
        sent++;
      }
      for (const key of route.query) {
        await check(before, {
          token: ownerOf(route),
          path: realPath,
          query: query({ [key]: value }),
          body,
          method: route.method,
        });
        sent++;
      }
    }
    expect(sent).toBe(
      CAST_STRINGS.length * ((route.path.includes('{') ? 1 : 0) + route.query.length),
    );
    expect(h.logged).toEqual([]);
  }, 300_000);
});

describe('after fuzzing', () => {
  it('no prototype was polluted in the server process', () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.role).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});
