import { sql, type SQL } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import {
  addWorkingDays,
  AWAITING_ACK_STATUSES,
  CLOSED_STATUSES,
  endOfLocalDay,
  localDate,
} from '@duhop/shared';
import type { Db } from '../../../db/client.ts';
import { withBodyPredicate } from '../../../db/predicates.ts';
import { queryRows } from '../../../db/rows.ts';
import { overdueCondition, timestamp } from '../../issues/overdue-sql.ts';
import { statusList } from '../../issues/status-sql.ts';
import { loadCalendar } from '../../org/calendar.ts';
import {
  CancelDelivery,
  type DeliveryHandler,
  type EnqueueItem,
  type FeedEvent,
  type Producer,
  type Scheduler,
} from '../outbox.ts';
import type { DeliveryModule, ModuleFactory } from '../worker.ts';
import {
  digestMail,
  immediateMail,
  ownIssueMail,
  type DigestIssue,
  type DigestSections,
  type Links,
  type MailContent,
} from './texts.ts';

/** What an email delivery's payload holds: the rendered mail and, for the admin's list, its subject. */
export interface MailPayload extends MailContent {
  [key: string]: unknown;
  to: string;
  toName: string;
  summary: string;
  /** Nothing to send (an empty digest): the row is cancelled with this reason. */
  skip?: string;
}

const VN_OFFSET_MS = 7 * 3600_000;
/** The hour (0–23) in Vietnam time. */
export const vnHour = (now: Date) => new Date(now.getTime() + VN_OFFSET_MS).getUTCHours();

/** Event types that put an issue in a body's hands. */
const ARRIVALS = new Set(['routed', 'forward', 'forwarded', 'merged']);
/** Events that answer an issue or send it back to its author. */
const isOwnNews = (e: FeedEvent) =>
  e.type !== 'answered_at_meeting' &&
  e.toStatus !== e.fromStatus &&
  (e.toStatus === 'returned' || CLOSED_STATUSES.includes(e.toStatus as never));

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from org_units where id in (${inList([...new Set(ids)])})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

interface Recipient {
  id: string;
  name: string;
  email: string;
  bodyId: string;
}

/** The staff of these bodies who asked for `option` and gave an address (active accounts only). */
async function staffRecipients(
  db: Db,
  bodyIds: string[],
  option: 'immediate' | 'digest',
): Promise<Recipient[]> {
  if (!bodyIds.length) return [];
  return queryRows<Recipient>(
    db,
    sql`select u.id, u.display_name as name, s.email, u.org_unit_id as "bodyId"
          from notification_settings s join users u on u.id = s.user_id
         where u.active and s.email is not null and s.${sql.raw(option)}
           and (u.role = 'staff' or 'staff' = any(u.roles))
           and u.org_unit_id in (${inList([...new Set(bodyIds)])})`,
  );
}

const payload = (
  to: Recipient | { name: string; email: string },
  mail: MailContent,
): MailPayload => ({
  to: to.email,
  toName: to.name,
  summary: mail.subject,
  ...mail,
});

/** Staff: an issue routed or forwarded to their body, one mail per person and event. */
export const immediateProducer =
  (links: Links): Producer =>
  async (db, events) => {
    const arrivals = events.filter((e) => ARRIVALS.has(e.type) && e.toBodyId);
    if (!arrivals.length) return [];
    const people = await staffRecipients(
      db,
      arrivals.map((e) => e.toBodyId!),
      'immediate',
    );
    const items: EnqueueItem[] = [];
    for (const e of arrivals)
      for (const r of people.filter((p) => p.bodyId === e.toBodyId && p.id !== e.actorId)) {
        const mail = immediateMail(links, {
          issueId: e.issueId,
          title: e.issueTitle,
          category: e.category,
          cellName: e.cellName,
          bodyName: e.toBodyName ?? '',
          dueAt: e.dueAt,
          forwarded: e.type !== 'routed',
          fromBodyName: e.type === 'routed' ? null : e.fromBodyName,
          note: e.type === 'routed' ? null : e.note,
        });
        items.push({
          kind: 'email',
          dedupeKey: `email:immediate:${r.id}:${e.eventId}`,
          targetId: r.id,
          provinceId: e.provinceId,
          payload: { ...payload(r, mail), issueId: e.issueId, eventId: e.eventId },
        });
      }
    return items;
  };

/** Members: their own issue answered or returned for clarification. */
export const ownIssueProducer =
  (links: Links): Producer =>
  async (db, events) => {
    const news = events.filter(isOwnNews);
    if (!news.length) return [];
    const authors = await queryRows<{ id: string; name: string; email: string }>(
      db,
      sql`select u.id, u.display_name as name, s.email
            from notification_settings s join users u on u.id = s.user_id
           where u.active and s.email is not null and s.own_issues
             and u.id in (${inList([...new Set(news.map((e) => e.authorId))])})`,
    );
    if (!authors.length) return [];
    const bodies = await unitNames(
      db,
      news.map((e) => e.responsibleBodyId),
    );
    const items: EnqueueItem[] = [];
    for (const e of news) {
      const r = authors.find((a) => a.id === e.authorId);
      if (!r || r.id === e.actorId) continue;
      const mail = ownIssueMail(links, {
        issueId: e.issueId,
        reportId: e.reportId,
        title: e.issueTitle,
        cellName: e.cellName,
        bodyName: bodies.get(e.responsibleBodyId) ?? '',
        toStatus: e.toStatus!,
        returned: e.toStatus === 'returned',
        note: e.note,
        actorName: e.actorName,
        at: e.at,
      });
      items.push({
        kind: 'email',
        dedupeKey: `email:own:${r.id}:${e.eventId}`,
        targetId: r.id,
        provinceId: e.provinceId,
        payload: { ...payload(r, mail), issueId: e.issueId, eventId: e.eventId },
      });
    }
    return items;
  };

const SECTION_LIMIT = 20;

/** The digest's four lists for one body at `now`. */
export async function digestSections(
  db: Db,
  bodyId: string,
  provinceId: string,
  now: Date,
): Promise<{ sections: DigestSections; more: Record<string, number> }> {
  const cal = await loadCalendar(db, provinceId);
  const today = localDate(now);
  const soonEnd = endOfLocalDay(addWorkingDays(today, 2, cal));
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const at = timestamp(now);
  const conditions: Record<keyof DigestSections, SQL> = {
    fresh: sql`status in (${statusList(AWAITING_ACK_STATUSES)})`,
    dueSoon: sql`${withBodyPredicate()} and not ${overdueCondition(now)} and due_at <= ${timestamp(soonEnd)}`,
    overdue: overdueCondition(now),
    answered: sql`status in (${statusList(CLOSED_STATUSES)}) and closed_at >= ${timestamp(dayAgo)} and closed_at <= ${at}`,
  };
  const sections = {} as DigestSections;
  const more: Record<string, number> = {};
  for (const [key, cond] of Object.entries(conditions) as [keyof DigestSections, SQL][]) {
    const rows = await queryRows<{
      id: string;
      title: string;
      cell: string;
      due_at: string;
      status: string;
      total: number;
    }>(
      db,
      sql`select i.id, i.title, c.name as cell, i.due_at, i.status, count(*) over ()::int as total
            from issues i join org_units c on c.id = i.cell_id
           where i.responsible_body_id = ${bodyId} and ${cond}
           order by ${key === 'answered' ? sql`i.closed_at desc` : sql`i.due_at`}, i.id
           limit ${SECTION_LIMIT}`,
    );
    sections[key] = rows.map(
      (r): DigestIssue => ({
        issueId: r.id,
        title: r.title,
        cellName: r.cell,
        dueAt: new Date(r.due_at),
        status: r.status,
      }),
    );
    more[key] = Math.max(0, (rows[0]?.total ?? 0) - rows.length);
  }
  return { sections, more };
}

/**
 * The daily digest: for each staff member whose chosen hour (Vietnam time) has come today and who
 * has no digest for today yet, their body's lists. The key `email:digest:<user>:<date>` makes it
 * once a day whatever the number of instances or ticks.
 */
export const digestScheduler =
  (links: Links): Scheduler =>
  async (db, now) => {
    const today = localDate(now);
    const hour = vnHour(now);
    const due = await queryRows<Recipient & { provinceId: string; bodyName: string }>(
      db,
      sql`select u.id, u.display_name as name, s.email, u.org_unit_id as "bodyId",
                 coalesce(b.province_id, b.id) as "provinceId", b.name as "bodyName"
            from notification_settings s join users u on u.id = s.user_id
            join org_units b on b.id = u.org_unit_id
           where u.active and s.email is not null and s.digest and s.digest_hour <= ${hour}
             and (u.role = 'staff' or 'staff' = any(u.roles))
             and not exists (select 1 from deliveries d
                              where d.dedupe_key = 'email:digest:' || u.id::text || ':' || ${today})`,
    );
    const byBody = new Map<string, Awaited<ReturnType<typeof digestSections>>>();
    const items: EnqueueItem[] = [];
    for (const r of due) {
      let lists = byBody.get(r.bodyId);
      if (!lists) {
        lists = await digestSections(db, r.bodyId, r.provinceId, now);
        byBody.set(r.bodyId, lists);
      }
      const mail = digestMail(links, { bodyName: r.bodyName, date: today, ...lists });
      const empty = Object.values(lists.sections).every((s) => s.length === 0);
      items.push({
        kind: 'email',
        dedupeKey: `email:digest:${r.id}:${today}`,
        targetId: r.id,
        provinceId: r.provinceId,
        payload: {
          ...payload(r, mail),
          ...(empty ? { skip: 'Không có kiến nghị nào để báo trong ngày' } : {}),
        },
      });
    }
    return items;
  };

export interface SmtpOptions {
  url: string;
  from: string;
  /** Connections kept open to the server. */
  pool?: number;
  /** Connection and greeting timeouts (ms); the socket gets three times as long. */
  timeoutMs?: number;
}

/** Sends each email delivery through nodemailer; an empty digest is cancelled, not sent. */
export function smtpHandler(opts: SmtpOptions): { handler: DeliveryHandler; close: () => void } {
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: opts.url,
    pool: true,
    maxConnections: opts.pool ?? 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
  } as never);
  return {
    handler: async (d) => {
      const p = d.payload as MailPayload;
      if (p.skip) throw new CancelDelivery(p.skip);
      await transport.sendMail({
        from: opts.from,
        to: { name: p.toName, address: p.to },
        subject: p.subject,
        text: p.text,
        html: p.html,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Duhop-Delivery': String(d.id) },
      });
    },
    close: () => transport.close(),
  };
}

/** The links' base: PUBLIC_URL, else `chrome-extension://<id>` when exactly one id is admitted. */
export function linkBase(
  publicUrl: string | undefined,
  extensionIds: readonly string[] | '*',
): string | null {
  if (publicUrl) return publicUrl;
  if (extensionIds !== '*' && extensionIds.length === 1)
    return `chrome-extension://${extensionIds[0]}`;
  return null;
}

/** The email module for the worker, with its parts (tests assemble it themselves). */
export function emailModule(opts: SmtpOptions & { links: Links }): DeliveryModule {
  const smtp = smtpHandler(opts);
  return {
    handlers: { email: smtp.handler },
    producers: [immediateProducer(opts.links), ownIssueProducer(opts.links)],
    schedulers: [digestScheduler(opts.links)],
    close: smtp.close,
  };
}

/** Off without SMTP_URL (said once in the start-up log). */
export const emailModuleFactory: ModuleFactory = ({ env, log, extensionIds }) => {
  if (!env.SMTP_URL) {
    log('Email is off: SMTP_URL is not set (docs/operations.md, "Thư điện tử")');
    return null;
  }
  const base = linkBase(env.PUBLIC_URL, extensionIds);
  const host = new URL(env.SMTP_URL).host;
  log(
    `Email on: SMTP ${host}, sender ${env.SMTP_FROM}${base ? `, links to ${base}` : ', no links (set PUBLIC_URL)'}`,
  );
  return emailModule({ url: env.SMTP_URL, from: env.SMTP_FROM, links: { base } });
};
