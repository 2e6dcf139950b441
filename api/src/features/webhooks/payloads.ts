import { sql } from 'drizzle-orm';
import {
  toLocalIso,
  webhookEventsOf,
  type IssueEventType,
  type IssueStatus,
  type WebhookEventType,
  type WebhookPayload,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/** One webhook event drawn from the feed, before it is addressed to endpoints. */
export interface WebhookEvent {
  /** `<type>:<source id>`: part of the dedupe key, the same on every instance and retry. */
  key: string;
  provinceId: string;
  /**
   * Deliveries with the same order subject go out in order: an issue's id, or for
   * `report.submitted` its first issue's (before that issue's `issue.routed`), `report:<id>` when
   * it has none.
   */
  issueId: string;
  type: WebhookEventType;
  payload: WebhookPayload;
}

interface EventRow {
  id: string | number;
  type: IssueEventType;
  at: Date | string;
  note: string | null;
  from_status: IssueStatus | null;
  to_status: IssueStatus | null;
  from_body_id: string | null;
  from_body_name: string | null;
  to_body_id: string | null;
  to_body_name: string | null;
  actor_name: string | null;
  issue_id: string;
  report_id: string;
  title: string;
  detail: string;
  category: string;
  urgency: string;
  status: IssueStatus;
  cell_id: string;
  cell_name: string;
  body_id: string;
  body_name: string;
  due_at: Date | string;
  province_id: string;
  province_name: string;
}

const instant = (v: Date | string) => toLocalIso(v instanceof Date ? v : new Date(v));
const named = (id: string | null, name: string | null) => (id ? { id, name: name ?? id } : null);

/**
 * The webhook events of these issue-history entries (ids of `issue_events`), in the entries'
 * order. Entries that raise none (start, clarify, reopen…) give nothing. `report.submitted` comes
 * from the report feed instead (`reportSubmittedEvents`).
 */
export async function webhookEventsFor(
  db: Db,
  eventIds: readonly number[],
): Promise<WebhookEvent[]> {
  if (eventIds.length === 0) return [];
  const rows = await queryRows<EventRow>(
    db,
    sql`select e.id, e.type, e.at, e.note, e.from_status, e.to_status,
               e.from_body_id, fb.name as from_body_name, e.to_body_id, tb.name as to_body_name,
               a.display_name as actor_name,
               i.id as issue_id, i.report_id, i.title, i.detail, i.category, i.urgency, i.status,
               i.cell_id, c.name as cell_name, i.responsible_body_id as body_id, b.name as body_name,
               i.due_at, p.id as province_id, p.name as province_name
          from issue_events e
          join issues i on i.id = e.issue_id
          join org_units c on c.id = i.cell_id
          join org_units p on p.id = coalesce(c.province_id, c.id)
          join org_units b on b.id = i.responsible_body_id
          left join org_units fb on fb.id = e.from_body_id
          left join org_units tb on tb.id = e.to_body_id
          left join users a on a.id = e.actor_id
         where e.id in (${sql.join(
           eventIds.map((id) => sql`${id}`),
           sql`, `,
         )})
         order by e.id`,
  );
  const out: WebhookEvent[] = [];
  for (const r of rows) {
    const province = { id: r.province_id, name: r.province_name };
    const occurredAt = instant(r.at);
    const data = {
      issue: {
        id: r.issue_id,
        reportId: r.report_id,
        title: r.title,
        detail: r.detail,
        category: r.category as never,
        urgency: r.urgency as never,
        status: r.status,
        cell: { id: r.cell_id, name: r.cell_name },
        body: { id: r.body_id, name: r.body_name },
        dueAt: instant(r.due_at),
      },
      event: {
        kind: r.type,
        note: r.note,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        fromBody: named(r.from_body_id, r.from_body_name),
        toBody: named(r.to_body_id, r.to_body_name),
        actorName: r.actor_name,
      },
    };
    for (const type of webhookEventsOf(r.type)) {
      if (type === 'report.submitted') continue; // never raised by a history entry (narrows)
      out.push({
        key: `${type}:${r.id}`,
        provinceId: r.province_id,
        issueId: r.issue_id,
        type,
        payload: { id: `${type}.${r.id}`, type, occurredAt, province, data },
      });
    }
  }
  return out;
}

/**
 * `report.submitted` of these reports (every submitted report, with or without issues, answered
 * at the meeting or not), in the order given. The key is the report's id: fed twice (two
 * instances, a restart), it is still one delivery per endpoint.
 */
export async function reportSubmittedEvents(
  db: Db,
  reportIds: readonly string[],
): Promise<WebhookEvent[]> {
  const summaries = await reportSummaries(db, [...reportIds]);
  const out: WebhookEvent[] = [];
  for (const id of reportIds) {
    const s = summaries.get(id);
    if (!s) continue;
    const { province, submittedAt, data } = s;
    out.push({
      key: `report.submitted:${id}`,
      provinceId: province.id,
      issueId: data.issues[0]?.id ?? `report:${id}`,
      type: 'report.submitted',
      payload: {
        id: `report.submitted.${id}`,
        type: 'report.submitted',
        occurredAt: instant(submittedAt),
        province,
        data,
      },
    });
  }
  return out;
}

type ReportData = Extract<WebhookPayload, { type: 'report.submitted' }>['data'];

interface ReportSummary {
  province: { id: string; name: string };
  submittedAt: Date | string;
  data: ReportData;
}

async function reportSummaries(db: Db, ids: string[]): Promise<Map<string, ReportSummary>> {
  const out = new Map<string, ReportSummary>();
  if (ids.length === 0) return out;
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const reports = await queryRows<{
    id: string;
    cell_id: string;
    cell_name: string;
    meeting_date: string | Date;
    author_name: string;
    submitted_at: string | Date;
    province_id: string;
    province_name: string;
  }>(
    db,
    sql`select r.id, r.cell_id, c.name as cell_name, r.meeting_date::text as meeting_date, u.display_name as author_name,
               r.submitted_at, p.id as province_id, p.name as province_name
          from reports r join org_units c on c.id = r.cell_id join users u on u.id = r.author_id
          join org_units p on p.id = coalesce(c.province_id, c.id)
         where r.id in (${list})`,
  );
  const issues = await queryRows<{
    report_id: string;
    id: string;
    title: string;
    status: IssueStatus;
    body_id: string;
    body_name: string;
  }>(
    db,
    sql`select i.report_id, i.id, i.title, i.status, i.responsible_body_id as body_id, b.name as body_name
          from issues i join org_units b on b.id = i.responsible_body_id
         where i.report_id in (${list}) order by i.report_id, i.position`,
  );
  for (const r of reports) {
    const own = issues.filter((i) => i.report_id === r.id);
    out.set(r.id, {
      province: { id: r.province_id, name: r.province_name },
      submittedAt: r.submitted_at,
      data: {
        report: {
          id: r.id,
          cell: { id: r.cell_id, name: r.cell_name },
          meetingDate: String(r.meeting_date).slice(0, 10),
          authorName: r.author_name,
          issueCount: own.length,
        },
        issues: own.map((i) => ({
          id: i.id,
          title: i.title,
          status: i.status,
          body: { id: i.body_id, name: i.body_name },
        })),
      },
    });
  }
  return out;
}
