// Benchmark of the monthly synthesis (not a test): one province-month of 150 communes, 2,550
// cells, 2,500 reports and 8,000 issues, with 24 months of such history, on PostgreSQL.
//   cd test && TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/synthesis.ts
// Prints the time of GET /api/synthesis, of the year view and of each export, how long the event loop was blocked
// during each export, and the plan of every query the synthesis sends (EXPLAIN ANALYZE).
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { addMonths, localDate } from '@duhop/shared';
import { createApp } from '../../api/src/app.ts';
import { openDatabase, type Db } from '../../api/src/db/client.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { loadBodyContext } from '../../api/src/features/org/body-scope.ts';
import { loadSynthesis } from '../../api/src/features/synthesis/synthesis.ts';

const COMMUNES = 150;
const CELLS_PER_COMMUNE = 17;
const REPORTS = 2_500;
const ISSUES = 8_000;
const HISTORY_MONTHS = 24;

const base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (!base)
  throw new Error(
    'Set TEST_DATABASE_URL to a PostgreSQL server (a database is created and dropped)',
  );
const now = new Date();
const month = addMonths(localDate(now).slice(0, 7), -1);
const name = `duhop_sb_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString(), max: 10 });
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

try {
  let t = performance.now();
  await seedDemo(database.db);
  await database.exec(seedSql(month));
  await database.exec('vacuum analyze');
  const [counts] = await queryRows<Record<string, number>>(
    database.db,
    sql`select (select count(*)::int from reports) as reports, (select count(*)::int from issues) as issues,
               (select count(*)::int from issue_events) as events, (select count(*)::int from org_units where kind = 'cell') as cells,
               (select count(*)::int from reports where to_char(meeting_date, 'YYYY-MM') = ${month}) as month_reports,
               (select count(*)::int from issues i join reports r on r.id = i.report_id where to_char(r.meeting_date, 'YYYY-MM') = ${month}) as month_issues`,
  );
  console.log(`seeded in ${ms(t)}: ${JSON.stringify(counts)}; month ${month}`);

  const app = createApp({ database, now: () => now, logError: (e) => console.error(e) });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
  });
  const token = ((await login.json()) as { token: string }).token;
  const get = (path: string) =>
    app.request(path, { headers: { authorization: `Bearer ${token}` } });

  for (const [label, q] of [
    ['province', `month=${month}`],
    ['one commune', `month=${month}&bodyId=sb-001`],
  ] as const) {
    const times: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const res = await get(`/api/synthesis?${q}`);
      if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
      const body = (await res.json()) as { reports: unknown; issues: { raised: number } };
      times.push(performance.now() - t);
      if (i === 0)
        console.log(
          `  ${label}: reports ${JSON.stringify(body.reports)}, issues raised ${body.issues.raised}`,
        );
    }
    loop.disable();
    times.sort((a, b) => a - b);
    console.log(
      `GET /api/synthesis (${label}): median ${times[2]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms; event loop max delay ${(loop.max / 1e6).toFixed(0)} ms`,
    );
  }

  // The year view: twelve months of compliance and the year's issues, for the year-end rating.
  const year = month.slice(0, 4);
  for (const [label, q] of [
    ['province', `year=${year}`],
    ['one commune', `year=${year}&bodyId=sb-001`],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const res = await get(`/api/year-view?${q}`);
      if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
      const body = (await res.json()) as { totals: { members: number; expected: number } };
      times.push(performance.now() - t);
      if (i === 0)
        console.log(
          `  ${label}: ${body.totals.members} members, ${body.totals.expected} reports expected in ${year}`,
        );
    }
    times.sort((a, b) => a - b);
    console.log(
      `GET /api/year-view (${label}): median ${times[1]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times[2]!.toFixed(0)} ms`,
    );
  }

  for (const format of ['xlsx', 'docx', 'csv']) {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    // Another user's request every 20 ms while the export runs: how long does it wait?
    let stop = false;
    const waits: number[] = [];
    const pinger = (async () => {
      while (!stop) {
        const s = performance.now();
        await app.request('/health');
        waits.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    t = performance.now();
    const res = await get(`/api/synthesis/export?month=${month}&format=${format}`);
    const bytes = (await res.arrayBuffer()).byteLength;
    const took = performance.now() - t;
    stop = true;
    await pinger;
    h.disable();
    console.log(
      `export ${format}: ${res.status} ${(bytes / 1024).toFixed(0)} KB in ${took.toFixed(0)} ms; event loop max delay ${(h.max / 1e6).toFixed(0)} ms (p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms); /health during export: max ${Math.max(...waits).toFixed(0)} ms over ${waits.length} calls`,
    );
  }

  // Where the time goes: each raw query's duration (they run concurrently) against the whole call.
  for (const body of ['na-tu', 'sb-001']) {
    const durations: number[] = [];
    const timing = new Proxy(database.db, {
      get(target, prop, receiver) {
        if (prop !== 'execute') return Reflect.get(target, prop, receiver);
        return async (query: SQL) => {
          const s0 = performance.now();
          const out = await target.execute(query);
          durations.push(performance.now() - s0);
          return out;
        };
      },
    }) as Db;
    const c = (await loadBodyContext(database.db, body))!;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const s0 = performance.now();
    await loadSynthesis(timing, c, month, 10, now);
    const total = performance.now() - s0;
    loop.disable();
    console.log(
      `loadSynthesis(${body}): ${total.toFixed(0)} ms; queries ${durations.map((d) => d.toFixed(0)).join(', ')} ms; longest event-loop block ${(loop.max / 1e6).toFixed(0)} ms`,
    );
  }

  if (process.env.BENCH_PROFILE) {
    // Top self-time functions of the JavaScript side of one province synthesis.
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    await loadSynthesis(
      database.db,
      (await loadBodyContext(database.db, 'na-tu'))!,
      month,
      10,
      now,
    );
    const { profile } = (await session.post('Profiler.stop')) as unknown as {
      profile: {
        nodes: {
          id: number;
          callFrame: { functionName: string; url: string; lineNumber: number };
          hitCount: number;
        }[];
        samples: number[];
        timeDeltas: number[];
      };
    };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([k, v]) => `  ${v.toFixed(1)} ms ${k}`)
        .join('\n'),
    );
    session.disconnect();
  }

  // The plan of every raw query the synthesis sends, by running it through a db that EXPLAINs first.
  const plans: { query: string; plan: string[] }[] = [];
  const explaining = new Proxy(database.db, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver);
      return async (query: SQL) => {
        const rows = await queryRows<{ 'QUERY PLAN': string }>(
          target,
          sql`explain (analyze, costs off, timing on, summary on) ${query}`,
        );
        const text = rows.map((r) => r['QUERY PLAN']);
        plans.push({
          query: text.find((l) => /Scan|Join|Aggregate/.test(l))?.trim() ?? '',
          plan: text,
        });
        return target.execute(query);
      };
    },
  }) as Db;
  for (const body of ['na-tu', 'sb-001']) {
    plans.length = 0;
    await loadSynthesis(explaining, (await loadBodyContext(database.db, body))!, month, 10, now);
    console.log(`\n== plans for ${body} ==`);
    for (const [i, p] of plans.entries()) {
      const scans = [
        ...new Set(
          p.plan
            .filter((l) => /Scan/.test(l))
            .map((l) =>
              l
                .trim()
                .replace(/\s+\(actual.*$/, '')
                .replace(/^->\s*/, ''),
            ),
        ),
      ];
      const time = p.plan.find((l) => l.startsWith('Execution Time'));
      console.log(`query ${i + 1}: ${time}\n  ${scans.join('\n  ')}`);
    }
    if (process.env.BENCH_PLANS) for (const p of plans) console.log(`\n${p.plan.join('\n')}`);
  }
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** 150 communes × 17 cells, 850 observers, and for each of 24 months 2,500 reports and 8,000 issues. */
function seedSql(target: string): string {
  const first = `date '${addMonths(target, -(HISTORY_MONTHS - 1))}-01'`;
  return `
  create function sb_uuid(t text) returns uuid language sql immutable as
    $$ select overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$;
  insert into org_units (id, name, kind, parent_id, province_id, valid_from)
    select format('sb-%s', lpad(c::text, 3, '0')), 'Đảng ủy xã Thử ' || c, 'commune', 'na-tu', 'na-tu', '2020-01-01' from generate_series(1, ${COMMUNES}) c;
  insert into org_units (id, name, kind, parent_id, province_id, valid_from)
    select format('sb-%s-kt', lpad(c::text, 3, '0')), 'Phòng Kinh tế xã Thử ' || c, 'department', format('sb-%s', lpad(c::text, 3, '0')), 'na-tu', '2020-01-01'
      from generate_series(1, ${COMMUNES}) c;
  create table sb_cells as
    select g as idx, format('sb-%s-c%s', lpad((g / ${CELLS_PER_COMMUNE} + 1)::text, 3, '0'), g) as id,
           format('sb-%s', lpad((g / ${CELLS_PER_COMMUNE} + 1)::text, 3, '0')) as commune_id, sb_uuid('o' || (g / 3)) as observer_id
      from generate_series(0, ${COMMUNES * CELLS_PER_COMMUNE - 1}) g;
  insert into org_units (id, name, kind, parent_id, province_id, valid_from, cell_type, meeting_day)
    select id, 'Chi bộ số ' || idx, 'cell', commune_id, 'na-tu', '2020-01-01', 'village', 3 from sb_cells;
  insert into users (id, username, display_name, role, org_unit_id, password_hash)
    select distinct on (observer_id) observer_id, 'sbo-' || (idx / 3), 'Cấp ủy viên ' || (idx / 3), 'observer', commune_id,
           (select password_hash from users where username = 'observer')
      from sb_cells order by observer_id, idx;
  insert into assignments (user_id, cell_id, decision_no, valid_from) select observer_id, id, '01-QĐ/ĐU', '2020-01-01' from sb_cells;
  insert into reports (id, author_id, cell_id, meeting_date, meeting_type, started_at, ended_at, attendance, criteria_set_id, scores,
                       group_scores, score, band, cell_self_score, on_time, submitted_at, content_hash)
    select sb_uuid('r' || m || '-' || n), c.observer_id, c.id, d.md, 'regular', d.md + time '19:30', d.md + time '21:15',
           '{"total":31,"exempted":2,"present":26,"absentWithReason":2,"absentWithoutReason":1,"speakers":9}'::jsonb, 'hd42-2025', '{}'::jsonb,
           jsonb_build_object('g1', 5, 'g2', 4, 'g3', 8, 'g4', round(s.score * 0.4), 'g5', 4, 'g6', round(s.score * 0.3), 'g7', 5),
           s.score, case when s.score >= 90 then 'tot' when s.score >= 70 then 'kha' when s.score >= 50 then 'trung_binh' else 'kem' end,
           case when n % 10 = 0 then null else least(100, greatest(0, s.score + (n * 13) % 31 - 15)) end,
           n % 9 <= 6, (d.md + (n % 9) * interval '1 day' + time '20:00') at time zone 'Asia/Ho_Chi_Minh', md5(m || '-' || n)
      from generate_series(0, ${HISTORY_MONTHS - 1}) m
      cross join generate_series(0, ${REPORTS - 1}) n
      join sb_cells c on c.idx = n
      cross join lateral (select (${first} + make_interval(months => m))::date + 2 as md) d
      cross join lateral (select 40 + (n * 37 + m * 11) % 61 as score) s;
  insert into issues (id, report_id, position, cell_id, author_id, title, detail, category, urgency, status, responsible_body_id,
                      deadline_profile, routed_at, ack_due_at, due_at, acknowledged_at, closed_at, search_text, created_at, updated_at)
    select sb_uuid('i' || m || '-' || k), r.id, k / ${REPORTS}, r.cell_id, r.author_id, 'Kiến nghị ' || k, '',
           (array['dat_dai','ha_tang_giao_thong','moi_truong','an_ninh_trat_tu','chinh_sach_xa_hoi','y_te','giao_duc','xay_dung_dang','kinh_te','khac'])[1 + k % 10],
           'normal', st.status,
           case when k % 20 < 12 then left(r.cell_id, 6) when k % 20 < 15 then left(r.cell_id, 6) || '-kt' when k % 20 < 18 then 'na-bnc' else 'na-syt' end,
           'normal', r.submitted_at, r.submitted_at + interval '5 days', r.submitted_at + interval '28 days',
           case when st.status <> 'routed' then r.submitted_at + (1 + k % 6) * interval '1 day' end,
           case when st.status in ('resolved', 'explained', 'scheduled', 'rejected') then r.submitted_at + (5 + k % 20) * interval '1 day' end,
           'kien nghi ' || k, r.submitted_at, r.submitted_at
      from generate_series(0, ${HISTORY_MONTHS - 1}) m
      cross join generate_series(0, ${ISSUES - 1}) k
      join reports r on r.id = sb_uuid('r' || m || '-' || (k % ${REPORTS}))
      cross join lateral (select (array['routed','acknowledged','in_progress','resolved','resolved','explained','scheduled','rejected','resolved','acknowledged'])[1 + (k * 7 + m) % 10] as status) st;
  insert into issue_events (issue_id, type, actor_id, at, to_status, to_body_id)
    select id, 'routed', author_id, routed_at, 'routed', responsible_body_id from issues;
  insert into issue_events (issue_id, type, at, from_status, to_status)
    select id, 'acknowledge', acknowledged_at, 'routed', 'acknowledged' from issues where acknowledged_at is not null;
  insert into issue_events (issue_id, type, at, to_status)
    select id, case status when 'resolved' then 'resolve' when 'explained' then 'explain' when 'scheduled' then 'schedule' else 'reject' end, closed_at, status
      from issues where closed_at is not null;
  drop table sb_cells; drop function sb_uuid(text);`;
}
