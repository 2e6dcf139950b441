import { PROVINCE, TRIAGE_BODY } from './seed-province.ts';

export interface PlanTarget {
  name: string;
  sql: string;
  /**
   * Indexes to measure the statement without as well (dropped in a transaction rolled back at
   * once): what they are worth, printed beside the plan with them.
   */
  without?: string[];
}

/** The inbox's `sort=next` key, as api/src/db/predicates.ts writes it (unqualified columns). */
const NEXT = `(case when status in ('routed', 'forwarded') and ack_due_at is not null then ack_due_at else due_at end)`;
const NEXT_INDEXES = ['issues_body_next_idx', 'issues_next_idx'];

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * The statements behind the hot paths, written out with literal values (EXPLAIN cannot take
 * bind parameters): what api/src/features/inbox/routes.ts, issues/routes.ts, reports/routes.ts and reports/reports.ts
 * send for the benchmark's triage user and a typical submission. Kept beside the benchmark so
 * that an index is added only when a plan here shows it is used.
 */
export function planTargets(ids: {
  issueId: string;
  reportId: string;
  cellId: string;
  userId: string;
  cursor: { dueAt: string; id: string };
}): PlanTarget[] {
  const body = lit(TRIAGE_BODY);
  const inbox = (where: string) => `select i.*, c.name as cell_name, b.name as body_name
      from issues i join org_units c on c.id = i.cell_id join org_units b on b.id = i.responsible_body_id
     where ${where} order by i.due_at, i.id limit 51`;
  const counts = (where: string) =>
    `select status, count(*) from issues i where ${where} group by status`;
  const open = `i.status in ('routed', 'acknowledged', 'in_progress')`;
  const search = `i.search_text like '%dat dai%'`;
  const closed = `('resolved', 'scheduled', 'explained', 'rejected', 'returned')`;
  const overdue = `(i.status not in ${closed} and (i.due_at < now() or (i.status in ('routed', 'forwarded') and i.ack_due_at < now())))`;
  const cell = lit(ids.cellId);
  const held = `i.status not in ('answered_at_meeting')`;
  const byNext = (where: string) => `select i.*, c.name as cell_name, b.name as body_name
      from issues i join org_units c on c.id = i.cell_id join org_units b on b.id = i.responsible_body_id
     where ${where} order by ${NEXT}, i.id limit 51`;
  const province = `i.responsible_body_id in (with recursive d as (select id from org_units where id = ${lit(PROVINCE)}
      union select o.id from org_units o join d on o.parent_id = d.id) select id from d)`;
  return [
    {
      name: 'inbox: sort=next, first page',
      sql: byNext(`i.responsible_body_id = ${body} and ${held}`),
      without: NEXT_INDEXES,
    },
    {
      name: 'inbox: sort=next, page after cursor',
      sql: byNext(
        `i.responsible_body_id = ${body} and ${held} and (${NEXT}, i.id) > (${lit(ids.cursor.dueAt)}::timestamptz, ${lit(ids.cursor.id)}::uuid)`,
      ),
      without: NEXT_INDEXES,
    },
    {
      name: 'inbox: sort=next, scope=all (admin, whole province)',
      sql: byNext(`${province} and ${held}`),
      without: NEXT_INDEXES,
    },
    { name: 'inbox: first page', sql: inbox(`i.responsible_body_id = ${body}`) },
    { name: 'inbox: counts by status', sql: counts(`i.responsible_body_id = ${body}`) },
    {
      name: 'inbox: open, one category',
      sql: inbox(`i.responsible_body_id = ${body} and i.category = 'an_ninh_trat_tu' and ${open}`),
    },
    {
      name: 'inbox: category counts',
      sql: counts(`i.responsible_body_id = ${body} and i.category = 'an_ninh_trat_tu'`),
    },
    { name: 'inbox: overdue', sql: inbox(`i.responsible_body_id = ${body} and ${overdue}`) },
    {
      name: 'inbox: overdue counts',
      sql: counts(`i.responsible_body_id = ${body} and ${overdue}`),
    },
    {
      name: 'inbox: searched q=dat dai',
      sql: inbox(`i.responsible_body_id = ${body} and ${search}`),
    },
    {
      name: 'inbox: searched counts',
      sql: counts(`i.responsible_body_id = ${body} and ${search}`),
    },
    {
      name: 'inbox: page after cursor',
      sql: inbox(
        `i.responsible_body_id = ${body} and (i.due_at, i.id) > (${lit(ids.cursor.dueAt)}::timestamptz, ${lit(ids.cursor.id)}::uuid)`,
      ),
    },
    {
      name: 'issue detail: events',
      sql: `select e.*, u.display_name from issue_events e left join users u on u.id = e.actor_id where e.issue_id = ${lit(ids.issueId)} order by e.id`,
    },
    {
      name: 'report detail: scope check',
      sql: `select exists(select 1 from issues i where i.report_id = ${lit(ids.reportId)} and (i.responsible_body_id = ${body}
              or exists(select 1 from issue_events e where e.issue_id = i.id and e.to_body_id = ${body}))) as found`,
    },
    {
      name: 'report detail: issues',
      sql: `select * from issues where report_id = ${lit(ids.reportId)} order by position`,
    },
    {
      name: 'submit: assignment',
      sql: `select id from assignments where user_id = ${lit(ids.userId)} and cell_id = ${cell} and valid_from <= current_date
              and (valid_to is null or valid_to >= current_date) limit 1`,
    },
    {
      name: 'submit: routing graph',
      sql: `with recursive g as (
              select * from org_units where id in (${cell})
              union select * from org_units where id in (select target_body_id from routing_rules where province_id = (select province_id from org_units where id = ${cell}))
              union select o.* from org_units o join g on o.id = g.parent_id or o.id = g.successor_id
            ) select * from g`,
    },
    {
      name: 'submit: rules',
      sql: `select * from routing_rules where province_id = (select province_id from org_units where id = ${cell}) order by position`,
    },
    {
      name: 'submit: my reports (GET /api/reports)',
      sql: `select r.id from reports r join org_units o on o.id = r.cell_id where r.author_id = ${lit(ids.userId)} order by r.submitted_at desc limit 50`,
    },
  ];
}
