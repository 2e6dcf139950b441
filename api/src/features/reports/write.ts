import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRowsPrepared } from '../../db/rows.ts';
import type { issues, reports } from '../../db/schema.ts';

type ReportRow = typeof reports.$inferInsert & { submittedAt: Date; startedAt: Date; endedAt: Date };
type IssueRow = Omit<typeof issues.$inferInsert, 'routedAt' | 'dueAt' | 'ackDueAt'> & { position: number; dueAt: Date; ackDueAt: Date | null };

const iso = (d: Date) => d.toISOString();
const jsonb = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/**
 * Writes a report, its issues and one `routed` event per issue in a single statement (writable
 * CTEs: atomic without BEGIN/COMMIT, one round trip instead of five). Returns false when a report
 * with this id exists already (ON CONFLICT DO NOTHING: then nothing else is written either); an
 * issue id taken by another report fails the whole statement with a unique violation.
 */
export async function insertReport(db: Db, r: ReportRow, issueRows: IssueRow[]): Promise<boolean> {
  const now = sql`${iso(r.submittedAt)}::timestamptz`;
  const items = issueRows.map((i) => ({
    id: i.id,
    position: i.position,
    title: i.title,
    detail: i.detail,
    category: i.category,
    urgency: i.urgency,
    body: i.responsibleBodyId,
    profile: i.deadlineProfile,
    rule: i.routingRuleId ?? null,
    ack_due_at: i.ackDueAt ? iso(i.ackDueAt) : null,
    due_at: iso(i.dueAt),
    search_text: i.searchText,
  }));
  const [row] = await queryRowsPrepared<{ inserted: number }>(
    db,
    sql`with r as (
          insert into reports (id, author_id, cell_id, meeting_date, meeting_type, started_at, ended_at, online, attendance,
                               criteria_set_id, scores, group_notes, group_scores, score, band, cell_self_score, suggestions,
                               on_time, submitted_at, content_hash)
          values (${r.id}::uuid, ${r.authorId}::uuid, ${r.cellId}, ${r.meetingDate}::date, ${r.meetingType},
                  ${iso(r.startedAt)}::timestamptz, ${iso(r.endedAt)}::timestamptz, ${r.online ?? false}::boolean, ${jsonb(r.attendance)},
                  ${r.criteriaSetId}, ${jsonb(r.scores)}, ${jsonb(r.groupNotes ?? {})}, ${jsonb(r.groupScores)}, ${r.score}::real,
                  ${r.band}, ${r.cellSelfScore ?? null}::real, ${r.suggestions ?? ''}, ${r.onTime}::boolean, ${now}, ${r.contentHash})
          on conflict (id) do nothing
          returning id
        ), i as (
          insert into issues (id, report_id, position, cell_id, author_id, title, detail, category, urgency, status,
                              responsible_body_id, deadline_profile, routing_rule_id, routed_at, ack_due_at, due_at,
                              search_text, created_at, updated_at)
          select x.id, r.id, x.position, ${r.cellId}::text, ${r.authorId}::uuid, x.title, x.detail, x.category, x.urgency, 'routed',
                 x.body, x.profile, x.rule, ${now}, x.ack_due_at, x.due_at, x.search_text, ${now}, ${now}
            from r cross join jsonb_to_recordset(${jsonb(items)}) as x(id uuid, position smallint, title text, detail text,
                 category text, urgency text, body text, profile text, rule text, ack_due_at timestamptz, due_at timestamptz,
                 search_text text)
          returning id, position, responsible_body_id, routing_rule_id
        ), e as (
          insert into issue_events (issue_id, type, actor_id, at, note, to_status, to_body_id)
          select id, 'routed', ${r.authorId}::uuid, ${now}, 'Quy tắc ' || routing_rule_id, 'routed', responsible_body_id
            from i order by position
          returning 1
        ) select (select count(*) from r)::int as inserted, (select count(*) from e)::int as events`,
  );
  return (row?.inserted ?? 0) > 0;
}
