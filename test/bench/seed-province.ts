import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { computeScore, BUILTIN_CRITERIA_SETS, normalizeForSearch } from '@duhop/shared';
import type { Database } from '../../api/src/db/client.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import { sessions } from '../../api/src/db/schema.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { DEMO_PROVINCE_ID } from '../../api/src/db/seed-data.ts';
import { sha256 } from '../../api/src/lib/crypto.ts';
import { escalateOverdue } from '../../api/src/features/issues/escalation.ts';
import { ISSUE_TEXTS, realisticScores } from '../support/report-bodies.ts';

export const COMMUNES = 130;
export const CELLS = 3000;
export const OBSERVERS = CELLS / 3;
/** The body whose triage user reads the inbox: a provincial board that receives ~14% of all issues. */
export const TRIAGE_BODY = 'na-bnc';
export const TRIAGE_USER = 'province';
/** The province the admin's whole-province inbox (`scope=all`) reads. */
export const PROVINCE = DEMO_PROVINCE_ID;

export interface SeedSize {
  reports: number;
  issues: number;
}

export interface SeededProvince {
  counts: {
    orgUnits: number;
    cells: number;
    users: number;
    reports: number;
    issues: number;
    events: number;
  };
  seconds: number;
  /** Observer tokens and the cells each one is assigned to. */
  observers: { token: string; cells: string[] }[];
  triageToken: string;
  /** Province-level bodies an observer may address an issue to directly. */
  chosenBodies: string[];
}

/** Villages and residential groups: what makes one issue's text differ from another's. */
const PLACES = [
  ...[
    'Bắc Sơn',
    'Nam Lĩnh',
    'Yên Hồ',
    'Trung Đô',
    'Yên Giang',
    'Đông Thọ',
    'Hưng Lộc',
    'Nghi Phú',
    'Quỳnh Lưu',
    'Thanh Chương',
  ].flatMap((v) => Array.from({ length: 8 }, (_, i) => `xóm ${v} ${i + 1}`)),
  ...Array.from({ length: 40 }, (_, i) => `khối ${i + 1}`),
];

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const json = (v: unknown) => `${q(JSON.stringify(v))}::jsonb`;

/**
 * One province at scale, written with set-based SQL (generate_series), never through the API:
 * the demo province plus 130 communes with their boards, 3,000 cells, 1,000 observers assigned to
 * three cells each, a staff account per commune, and `size` history spread over five years, with
 * a `routed` event per issue and `acknowledge`/answer events for those that went further.
 * Secondary indexes are dropped during the load and rebuilt afterwards (the way a restore does it).
 */
export async function seedProvince(
  database: Database,
  size: SeedSize,
  log: (s: string) => void,
): Promise<SeededProvince> {
  const t0 = performance.now();
  const { db } = database;
  await seedDemo(db);
  const step = async (label: string, statement: string) => {
    const t = performance.now();
    await database.exec(statement);
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  // Bulk loads skip per-row FK triggers when allowed (superuser or PGlite); otherwise they run.
  let replica = true;
  try {
    await database.exec('begin; set local session_replication_role = replica; rollback;');
  } catch {
    replica = false;
  }
  const bulk = (statement: string) =>
    replica
      ? `begin; set local session_replication_role = replica; ${statement}; commit;`
      : statement;

  await step(
    'helpers',
    `create or replace function bench_uuid(t text) returns uuid language sql immutable as
       $$ select overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$;
     create table bench_cells as
       select g as idx,
              format('bc-%s-c%s', lpad((least(g / 23, ${COMMUNES - 1}) + 1)::text, 3, '0'), lpad(g::text, 4, '0')) as id,
              format('bc-%s', lpad((least(g / 23, ${COMMUNES - 1}) + 1)::text, 3, '0')) as commune_id,
              bench_uuid('obs' || (g / 3)) as observer_id
         from generate_series(0, ${CELLS - 1}) g;
     create unique index on bench_cells (idx);
     create table bench_texts (idx int primary key, title text, detail text, category text, norm_title text, norm_detail text);
     insert into bench_texts values ${ISSUE_TEXTS.map((t, i) => `(${i}, ${q(t.title)}, ${q(t.detail)}, ${q(t.category)}, ${q(normalizeForSearch(t.title))}, ${q(normalizeForSearch(t.detail))})`).join(', ')};
     create table bench_places (idx int primary key, name text, norm text);
     insert into bench_places values ${PLACES.map((p, i) => `(${i}, ${q(p)}, ${q(normalizeForSearch(p))})`).join(', ')};`,
  );

  await step(
    'org graph, users, assignments',
    `insert into org_units (id, name, kind, parent_id, province_id, valid_from)
       select format('bc-%s', lpad(c::text, 3, '0')), 'Đảng ủy xã Thử Nghiệm ' || c, 'commune', 'na-tu', 'na-tu', '2020-01-01'
         from generate_series(1, ${COMMUNES}) c;
     insert into org_units (id, name, kind, parent_id, province_id, valid_from)
       select format('bc-%s', lpad(c::text, 3, '0')) || b.suffix, b.name || ' xã Thử Nghiệm ' || c, b.kind,
              format('bc-%s', lpad(c::text, 3, '0')) || b.parent_suffix, 'na-tu', '2020-01-01'
         from generate_series(1, ${COMMUNES}) c,
              (values ('-vp', 'Văn phòng Đảng ủy', 'commune_board', ''), ('-xdd', 'Ban Xây dựng Đảng', 'commune_board', ''),
                      ('-ubnd', 'UBND', 'people_committee', ''), ('-kt', 'Phòng Kinh tế', 'department', '-ubnd'),
                      ('-vhxh', 'Phòng Văn hóa – Xã hội', 'department', '-ubnd')) as b(suffix, name, kind, parent_suffix)
        order by b.kind = 'department';
     insert into org_units (id, name, kind, parent_id, province_id, valid_from, cell_type, meeting_day)
       select id, 'Chi bộ số ' || idx, 'cell', commune_id, 'na-tu', '2020-01-01',
              (array['village', 'residential_group', 'school'])[1 + idx % 3], 3
         from bench_cells;
     insert into users (id, username, display_name, role, org_unit_id, password_hash)
       select bench_uuid('obs' || j), 'bo-' || lpad(j::text, 4, '0'), 'Cấp ủy viên ' || j, 'observer',
              (select commune_id from bench_cells where idx = 3 * j),
              (select password_hash from users where username = 'observer')
         from generate_series(0, ${OBSERVERS - 1}) j;
     insert into users (username, display_name, role, org_unit_id, password_hash)
       select 'bs-' || lpad(c::text, 3, '0'), 'Cán bộ xã ' || c, 'staff', format('bc-%s', lpad(c::text, 3, '0')),
              (select password_hash from users where username = 'observer')
         from generate_series(1, ${COMMUNES}) c;
     insert into assignments (user_id, cell_id, decision_no, valid_from)
       select observer_id, id, '01-QĐ/ĐU', '2020-01-01' from bench_cells;`,
  );

  // Secondary indexes of the history tables: dropped for the load, rebuilt from their definitions.
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`select indexname, indexdef from pg_indexes
         where schemaname = 'public' and tablename in ('reports', 'issues', 'issue_events') and indexname not like '%_pkey'`,
  );
  await database.exec(indexes.map((i) => `drop index ${i.indexname};`).join('\n'));

  const { reports: R, issues: I } = size;
  const score = (setId: string) => {
    const set = BUILTIN_CRITERIA_SETS.find((s) => s.id === setId)!;
    const scores = realisticScores(setId, 'regular');
    return { scores, result: computeScore(set, scores, 'regular') };
  };
  const hd42 = score('hd42-2025');
  const na08 = score('nghe-an-08-2021');
  const attendance = {
    total: 31,
    exempted: 2,
    present: 26,
    absentWithReason: 2,
    absentWithoutReason: 1,
    speakers: 9,
  };
  // Report n: cell n mod 3000, month spread evenly over the 60 months before this one, meeting on the 3rd.
  await step(
    `${R.toLocaleString('en')} reports`,
    bulk(`insert into reports (id, author_id, cell_id, meeting_date, meeting_type, started_at, ended_at, online, attendance,
                          criteria_set_id, scores, group_notes, group_scores, score, band, cell_self_score, suggestions,
                          on_time, submitted_at, content_hash)
     select bench_uuid('r' || n), c.observer_id, c.id, d.md, case when n % 4 = 0 then 'combined' else 'regular' end,
            d.md::timestamp + interval '12 hours 30 minutes', d.md::timestamp + interval '14 hours 15 minutes', false,
            ${json(attendance)},
            case when d.md >= date '2025-10-28' then 'hd42-2025' else 'nghe-an-08-2021' end,
            case when d.md >= date '2025-10-28' then ${json(hd42.scores)} else ${json(na08.scores)} end,
            '{}'::jsonb,
            case when d.md >= date '2025-10-28' then ${json(hd42.result.groups)} else ${json(na08.result.groups)} end,
            case when d.md >= date '2025-10-28' then ${hd42.result.total} else ${na08.result.total} end,
            case when d.md >= date '2025-10-28' then ${q(hd42.result.band)} else ${q(na08.result.band)} end,
            80 + n % 20, 'Chi bộ cần chuẩn bị dự thảo nghị quyết sớm hơn.', n % 10 <> 0,
            d.md::timestamp + interval '2 days 3 hours', md5(n::text)
       from generate_series(0, ${R - 1}) n
       join bench_cells c on c.idx = n % ${CELLS}
       cross join lateral (select (date_trunc('month', current_date) - make_interval(months => 60 - (n::bigint * 60 / ${R})::int))::date + 2 as md) d`),
  );

  // Issue k belongs to report k mod R; old ones are mostly answered, recent ones still open.
  await step(
    `${I.toLocaleString('en')} issues`,
    bulk(`insert into issues (id, report_id, position, cell_id, author_id, title, detail, category, urgency, status,
                         responsible_body_id, deadline_profile, routing_rule_id, routed_at, ack_due_at, due_at,
                         acknowledged_at, closed_at, answer, search_text, version, created_at, updated_at)
     select bench_uuid('i' || k), r.id, k / ${R}, r.cell_id, r.author_id, t.title || ' – ' || p.name, t.detail, t.category,
            case when k % 17 = 0 then 'urgent' else 'normal' end, s.status, b.body, 'normal', null,
            r.submitted_at, r.submitted_at + interval '5 days', r.submitted_at + interval '28 days',
            case when s.status <> 'routed' then r.submitted_at + interval '2 days' end,
            case when s.status in ('resolved', 'explained', 'scheduled', 'rejected') then r.submitted_at + interval '15 days' end,
            case when s.status in ('resolved', 'explained', 'scheduled', 'rejected') then 'Đã xem xét và trả lời chi bộ.' end,
            t.norm_title || ' – ' || p.norm || ' ' || t.norm_detail, case when s.status = 'routed' then 1 when s.status in ('acknowledged') then 2 else 3 end,
            r.submitted_at, r.submitted_at + interval '15 days'
       from generate_series(0, ${I - 1}) k
       join reports r on r.id = bench_uuid('r' || (k % ${R}))
       cross join lateral (select abs(hashint8extended(k, 1) % 100)::int as h, abs(hashint8extended(k, 2) % 100)::int as hb,
                                  abs(hashint8extended(k, 3) % ${ISSUE_TEXTS.length})::int as ht, abs(hashint8extended(k, 4) % ${PLACES.length})::int as hp) x
       join bench_texts t on t.idx = x.ht
       join bench_places p on p.idx = x.hp
       cross join lateral (select case
              when r.submitted_at > now() - interval '45 days' then (array['routed', 'acknowledged', 'in_progress', 'routed'])[1 + x.h % 4]
              when x.h < 60 then 'resolved' when x.h < 75 then 'explained' when x.h < 85 then 'scheduled' when x.h < 90 then 'rejected'
              when x.h < 95 then 'in_progress' else 'acknowledged' end as status) s
       cross join lateral (select case
              when x.hb < 68 then left(r.cell_id, 6)
              when x.hb < 76 then left(r.cell_id, 6) || '-kt'
              when x.hb < 90 then '${TRIAGE_BODY}' when x.hb < 95 then 'na-syt' else 'na-snnmt' end as body) b`),
  );

  await step(
    'events (routed, acknowledged, answered)',
    bulk(`insert into issue_events (issue_id, type, actor_id, at, from_status, to_status, to_body_id)
       select id, 'routed', author_id, routed_at, null, 'routed', responsible_body_id from issues;
     insert into issue_events (issue_id, type, actor_id, at, from_status, to_status, from_body_id, to_body_id)
       select id, 'acknowledge', null, acknowledged_at, 'routed', 'acknowledged', responsible_body_id, responsible_body_id
         from issues where acknowledged_at is not null;
     insert into issue_events (issue_id, type, actor_id, at, note, from_status, to_status, from_body_id, to_body_id)
       select id, case status when 'resolved' then 'resolve' when 'explained' then 'explain' when 'scheduled' then 'schedule' else 'reject' end,
              null, closed_at, answer, 'in_progress', status, responsible_body_id, responsible_body_id
         from issues where closed_at is not null`),
  );

  await step(
    `rebuild ${indexes.length} indexes`,
    `${database.driver === 'postgres' ? "set maintenance_work_mem = '512MB';" : ''}
     ${indexes.map((i) => `${i.indexdef};`).join('\n')}
     drop table bench_cells; drop table bench_texts; drop table bench_places; drop function bench_uuid(text);`,
  );
  // What the escalation scheduler would have done over five years, so that it idles during the run.
  const t = performance.now();
  const escalated = await escalateOverdue(database, new Date(), 10_000_000);
  log(
    `  escalated ${escalated.toLocaleString('en')} overdue issues: ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await step('vacuum analyze', 'vacuum analyze');
  // Write the load's dirty pages out now rather than in a checkpoint in the middle of a measurement.
  if (database.driver === 'postgres')
    await step('checkpoint', 'checkpoint').catch(() =>
      log('  checkpoint: not allowed for this role'),
    );

  // Bearer tokens made here, stored hashed as the API stores them.
  const observerRows = await queryRows<{ id: string; username: string }>(
    db,
    sql`select id, username from users where username like 'bo-%' order by username`,
  );
  const cellRows = await queryRows<{ cell_id: string; user_id: string }>(
    db,
    sql`select a.cell_id, a.user_id from assignments a join users u on u.id = a.user_id where u.username like 'bo-%' order by a.cell_id`,
  );
  const cellsOf = new Map<string, string[]>();
  for (const r of cellRows)
    (cellsOf.get(r.user_id) ?? cellsOf.set(r.user_id, []).get(r.user_id)!).push(r.cell_id);
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  const observers = observerRows.map((u) => ({
    userId: u.id,
    token: randomBytes(32).toString('base64url'),
    cells: cellsOf.get(u.id) ?? [],
  }));
  const [triage] = await queryRows<{ id: string }>(
    db,
    sql`select id from users where username = ${TRIAGE_USER}`,
  );
  const triageToken = randomBytes(32).toString('base64url');
  const tokenRows = [
    ...observers.map((o) => ({ tokenHash: sha256(o.token), userId: o.userId, expiresAt })),
    { tokenHash: sha256(triageToken), userId: triage!.id, expiresAt },
  ];
  for (let i = 0; i < tokenRows.length; i += 500)
    await db.insert(sessions).values(tokenRows.slice(i, i + 500));

  const [counts] = await queryRows<SeededProvince['counts']>(
    db,
    sql`select (select count(*)::int from org_units) as "orgUnits", (select count(*)::int from org_units where kind = 'cell') as cells,
               (select count(*)::int from users) as users, (select count(*)::int from reports) as reports,
               (select count(*)::int from issues) as issues, (select count(*)::int from issue_events) as events`,
  );
  return {
    counts: counts!,
    seconds: (performance.now() - t0) / 1000,
    observers: observers.map(({ token, cells }) => ({ token, cells })),
    triageToken,
    chosenBodies: ['na-snnmt', 'na-sxd', 'na-syt', 'na-bnc'],
  };
}
