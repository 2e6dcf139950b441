import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { compiledStatement } from '../../db/rows.ts';
import type { issues, reports } from '../../db/schema.ts';

type ReportRow = typeof reports.$inferInsert & {
  submittedAt: Date;
  startedAt: Date;
  endedAt: Date;
};
type IssueRow = Omit<typeof issues.$inferInsert, 'routedAt' | 'dueAt' | 'ackDueAt' | 'closedAt'> & {
  closedAt: Date | null;
  position: number;
  dueAt: Date;
  ackDueAt: Date | null;
};

const iso = (d: Date) => d.toISOString();

/** The statement's values: plain parameters (jsonb ones as JSON text), see `compiledStatement`. */
interface WriteValues extends Record<string, unknown> {
  id: string;
  authorId: string;
  cellId: string;
  meetingDate: string;
  meetingType: string;
  startedAt: string;
  endedAt: string;
  online: boolean;
  meetingFormat: string;
  attendance: string;
  presentOnline: number | null;
  presentResidence: number | null;
  awayForWork: number | null;
  residenceMemberIds: string | null;
  criteriaSetId: string;
  scores: string;
  groupNotes: string;
  notApplicable: string;
  groupScores: string;
  score: number;
  band: string;
  cellSelfScore: number | null;
  suggestions: string;
  onTime: boolean;
  now: string;
  contentHash: string;
  items: string;
}

/**
 * Writes a report, its issues and one first event per issue (`routed`, or `answered_at_meeting`) in a single statement (writable
 * CTEs: atomic without BEGIN/COMMIT, one round trip instead of five); its text is compiled once.
 */
const writeReport = compiledStatement<WriteValues>(
  (p) => sql`with r as (
          insert into reports (id, author_id, cell_id, meeting_date, meeting_type, started_at, ended_at, online, meeting_format, attendance,
                               present_online, present_residence, away_for_work, residence_member_ids,
                               criteria_set_id, scores, group_notes, not_applicable, group_scores, score, band, cell_self_score, suggestions,
                               on_time, submitted_at, content_hash)
          values (${p.id}::uuid, ${p.authorId}::uuid, ${p.cellId}, ${p.meetingDate}::date, ${p.meetingType},
                  ${p.startedAt}::timestamptz, ${p.endedAt}::timestamptz, ${p.online}::boolean, ${p.meetingFormat}, ${p.attendance}::jsonb,
                  ${p.presentOnline}::int, ${p.presentResidence}::int, ${p.awayForWork}::int, ${p.residenceMemberIds}::jsonb,
                  ${p.criteriaSetId}, ${p.scores}::jsonb, ${p.groupNotes}::jsonb, ${p.notApplicable}::jsonb, ${p.groupScores}::jsonb, ${p.score}::real,
                  ${p.band}, ${p.cellSelfScore}::real, ${p.suggestions}, ${p.onTime}::boolean, ${p.now}::timestamptz, ${p.contentHash})
          on conflict (id) do nothing
          returning id
        ), i as (
          insert into issues (id, report_id, position, cell_id, author_id, title, detail, category, urgency, status,
                              responsible_body_id, deadline_profile, routing_rule_id, routed_at, ack_due_at, due_at,
                              closed_at, answer, answered_by, search_text, created_at, updated_at)
          select x.id, r.id, x.position, ${p.cellId}::text, ${p.authorId}::uuid, x.title, x.detail, x.category, x.urgency, x.status,
                 x.body, x.profile, x.rule, ${p.now}::timestamptz, x.ack_due_at, x.due_at,
                 x.closed_at, x.answer, x.answered_by, x.search_text, ${p.now}::timestamptz, ${p.now}::timestamptz
            from r cross join jsonb_to_recordset(${p.items}::jsonb) as x(id uuid, position smallint, title text, detail text,
                 category text, urgency text, status text, body text, profile text, rule text, ack_due_at timestamptz,
                 due_at timestamptz, closed_at timestamptz, answer text, answered_by text, search_text text)
          returning id, position, status, responsible_body_id, routing_rule_id, answer, answered_by
        ), e as (
          -- One first event per issue: \`routed\` to its body, or \`answered_at_meeting\` (the answer as
          -- its note, who answered in its data) for one answered on the spot.
          insert into issue_events (issue_id, type, actor_id, at, note, to_status, to_body_id, data)
          select id, case when status = 'routed' then 'routed' else status end, ${p.authorId}::uuid, ${p.now}::timestamptz,
                 case when status = 'routed' then 'Quy tắc ' || routing_rule_id else answer end, status,
                 case when status = 'routed' then responsible_body_id end,
                 case when answered_by is not null then jsonb_build_object('answeredBy', answered_by) end
            from i order by position
          returning 1
        ) select (select count(*) from r)::int as inserted, (select count(*) from e)::int as events`,
);

/**
 * Writes a report with its issues and their events in one statement. Returns false when a report
 * with this id exists already (ON CONFLICT DO NOTHING: then nothing else is written either); an
 * issue id taken by another report fails the whole statement with a unique violation.
 */
export async function insertReport(db: Db, r: ReportRow, issueRows: IssueRow[]): Promise<boolean> {
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
    status: i.status,
    ack_due_at: i.ackDueAt ? iso(i.ackDueAt) : null,
    due_at: iso(i.dueAt),
    closed_at: i.closedAt ? iso(i.closedAt) : null,
    answer: i.answer ?? null,
    answered_by: i.answeredBy ?? null,
    search_text: i.searchText,
  }));
  const [row] = await writeReport<{ inserted: number }>(db, {
    id: r.id!,
    authorId: r.authorId,
    cellId: r.cellId,
    meetingDate: r.meetingDate,
    meetingType: r.meetingType,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    online: r.online ?? false,
    meetingFormat: r.meetingFormat ?? 'in_person',
    attendance: JSON.stringify(r.attendance),
    presentOnline: r.presentOnline ?? null,
    presentResidence: r.presentResidence ?? null,
    awayForWork: r.awayForWork ?? null,
    residenceMemberIds: r.residenceMemberIds ? JSON.stringify(r.residenceMemberIds) : null,
    criteriaSetId: r.criteriaSetId,
    scores: JSON.stringify(r.scores),
    groupNotes: JSON.stringify(r.groupNotes ?? {}),
    notApplicable: JSON.stringify(r.notApplicable ?? {}),
    groupScores: JSON.stringify(r.groupScores),
    score: r.score,
    band: r.band,
    cellSelfScore: r.cellSelfScore ?? null,
    suggestions: r.suggestions ?? '',
    onTime: r.onTime,
    now: iso(r.submittedAt),
    contentHash: r.contentHash,
    items: JSON.stringify(items),
  });
  return (row?.inserted ?? 0) > 0;
}
