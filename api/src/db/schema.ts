import { sql } from 'drizzle-orm';
import type {
  AssignmentFrequency,
  Attendance,
  BandCode,
  Category,
  CellType,
  CriteriaScope,
  CriteriaSet,
  DeadlineProfile,
  DocumentConfig,
  IssueEventType,
  IssueStatus,
  MeetingType,
  OrgUnitKind,
  ProvinceConfigJson,
  ResidenceRating,
  ResidenceStatus,
  Role,
  RoutingTarget,
  Urgency,
  WebhookEventType,
} from '@duhop/shared';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { nextDeadlineSql, withBodyPredicate } from './predicates.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * Nodes of the organisation graph. No level count is assumed: a cell's committee is found by
 * walking `parent_id`. Closed or merged units keep their row and point at a successor.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrgUnitKind>().notNull(),
    parentId: text('parent_id'),
    provinceId: text('province_id'),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    successorId: text('successor_id'),
    cellType: text('cell_type').$type<CellType>(),
    meetingDay: smallint('meeting_day'),
    /**
     * Province-level configuration (reporting deadline, deadline profile): data with dates, not code.
     * Read it through `parseProvinceConfig` (invalid versions and values are dropped there).
     */
    config: jsonb('config').$type<ProvinceConfigJson>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_province_idx').on(t.provinceId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** The primary role (`/api/me`'s `user.role`). */
    role: text('role').$type<Role>().notNull(),
    /**
     * Every role of the account, `role` included (one person may attend cells and handle a body's
     * issues). Written by every path that creates or edits a user; readers still add `role`
     * (`rolesOf`), so a row written without it (`{}`) keeps its primary role.
     */
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    orgUnitId: text('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_idx').on(sql`lower(${t.username})`),
    index('users_org_idx').on(t.orgUnitId),
  ],
);

/** Opaque bearer tokens, stored as SHA-256 hashes so a database dump reveals no usable token. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    /** Last request made with the token (touched at most once a minute): the idle timeout. */
    lastUsedAt: ts('last_used_at').notNull().defaultNow(),
    /** The client address that signed in: a later sign-in from it is from a known address. */
    clientAddress: text('client_address'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    index('sessions_user_address_idx').on(t.userId, t.clientAddress),
  ],
);

/** Failed sign-ins, kept in the database so that every API instance sees the same throttle. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    index('login_failures_key_at_idx').on(t.key, t.at),
    index('login_failures_at_idx').on(t.at),
  ],
);

export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    cellId: text('cell_id')
      .notNull()
      .references(() => orgUnits.id),
    decisionNo: text('decision_no'),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** monthly (default), every_n (every `every` months from the start month) or rota (shared `expectedIn`). */
    frequency: text('frequency').$type<AssignmentFrequency>().notNull().default('monthly'),
    /** every_n: months between two expected reports (2–12). */
    every: smallint('every'),
    /** rota: the member's place in the cell's rota, 1 first. */
    rotaPosition: smallint('rota_position'),
  },
  (t) => [
    index('assignments_user_idx').on(t.userId),
    index('assignments_cell_idx').on(t.cellId),
    check(
      'assignments_frequency_check',
      sql`${t.frequency} in ('monthly', 'every_n', 'rota') and (${t.frequency} <> 'every_n' or ${t.every} between 2 and 12) and (${t.frequency} <> 'rota' or ${t.rotaPosition} >= 1)`,
    ),
  ],
);

/**
 * `scope`: national (province_id null), province (province_id set: its own import), or template
 * (province_id null: applies only where `criteria_set_adoptions` says a province adopted it). The
 * check that ties scope and province_id is hand-written in migration 0006 (after its backfill).
 */
export const criteriaSets = pgTable('criteria_sets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  provinceId: text('province_id'),
  scope: text('scope').$type<CriteriaScope>().notNull().default('national'),
  validFrom: day('valid_from').notNull(),
  validTo: day('valid_to'),
  /** The whole set (groups, items, bands, scales) as validated by the shared `CriteriaSet` schema. */
  definition: jsonb('definition').$type<CriteriaSet>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A province adopts a template criteria set from a day (its own decision's date). */
export const criteriaSetAdoptions = pgTable(
  'criteria_set_adoptions',
  {
    provinceId: text('province_id')
      .notNull()
      .references(() => orgUnits.id),
    criteriaSetId: text('criteria_set_id')
      .notNull()
      .references(() => criteriaSets.id),
    adoptedOn: day('adopted_on').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.criteriaSetId] })],
);

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    cellId: text('cell_id')
      .notNull()
      .references(() => orgUnits.id),
    meetingDate: day('meeting_date').notNull(),
    meetingType: text('meeting_type').$type<MeetingType>().notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at').notNull(),
    online: boolean('online').notNull().default(false),
    /** In person, online or combined (issue 17); older reports: mapped from `online`. */
    meetingFormat: text('meeting_format')
      .$type<'in_person' | 'online' | 'combined'>()
      .notNull()
      .default('in_person'),
    /** The attendance counts (total, present, absences…); the breakdown below is kept in columns. */
    attendance: jsonb('attendance').$type<Attendance>().notNull(),
    /** Of those present: joined online; residence members ("đảng viên 76"). Null: not stated. */
    presentOnline: integer('present_online'),
    presentResidence: integer('present_residence'),
    /** Of those absent or exempted: away for work ("đi làm ăn xa"). Null: not stated. */
    awayForWork: integer('away_for_work'),
    /** The residence register's ids ticked as present (null: none ticked / not stated). */
    residenceMemberIds: jsonb('residence_member_ids').$type<string[]>(),
    criteriaSetId: text('criteria_set_id')
      .notNull()
      .references(() => criteriaSets.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    groupNotes: jsonb('group_notes').$type<Record<string, string>>().notNull().default({}),
    /** Items marked "Không áp dụng" by hand: item id → reason ('' when none). */
    notApplicable: jsonb('not_applicable').$type<Record<string, string>>().notNull().default({}),
    groupScores: jsonb('group_scores').$type<Record<string, number>>().notNull(),
    score: real('score').notNull(),
    band: text('band').$type<BandCode>().notNull(),
    cellSelfScore: real('cell_self_score'),
    suggestions: text('suggestions').notNull().default(''),
    onTime: boolean('on_time').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    /** SHA-256 of the canonical submitted body: an identical resend is recognised, a changed one refused. */
    contentHash: text('content_hash').notNull(),
    /**
     * Taken at insert, increasing: the delivery outbox's report feed reads reports past a cursor by
     * it (`report.submitted` for every report, issues or not).
     */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('reports_seq_idx').on(t.seq),
    index('reports_cell_date_idx').on(t.cellId, t.meetingDate),
    index('reports_author_idx').on(t.authorId, t.submittedAt),
    index('reports_meeting_date_idx').on(t.meetingDate),
  ],
);

export const issues = pgTable(
  'issues',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    position: smallint('position').notNull(),
    cellId: text('cell_id')
      .notNull()
      .references(() => orgUnits.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    category: text('category').$type<Category>().notNull(),
    urgency: text('urgency').$type<Urgency>().notNull(),
    status: text('status').$type<IssueStatus>().notNull(),
    responsibleBodyId: text('responsible_body_id')
      .notNull()
      .references(() => orgUnits.id),
    deadlineProfile: text('deadline_profile').$type<DeadlineProfile>().notNull(),
    routingRuleId: text('routing_rule_id'),
    routedAt: ts('routed_at').notNull(),
    ackDueAt: ts('ack_due_at'),
    dueAt: ts('due_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    closedAt: ts('closed_at'),
    escalatedAt: ts('escalated_at'),
    answer: text('answer'),
    /** Who answered it at the meeting (name or position), while it stands answered on the spot. */
    answeredBy: text('answered_by'),
    documentNo: text('document_no'),
    /** Lower-cased title and detail without diacritics (đ → d), searched through a trigram index. */
    searchText: text('search_text').notNull(),
    /** The issue this one duplicates (issue 16): it follows that one's answer; synthesis counts the group once. */
    duplicateOf: uuid('duplicate_of').references((): AnyPgColumn => issues.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('issues_body_due_idx').on(t.responsibleBodyId, t.dueAt, t.id),
    // The inbox's per-status counts, also when narrowed to a category: index-only, no heap visit.
    index('issues_body_status_category_idx').on(t.responsibleBodyId, t.status, t.category),
    // Issues still with their body (the predicate is also the first term of overdue-sql.ts's
    // filter, word for word, so that the planner can prove it): the overdue filter, its counts and
    // the escalated view read only these, index-only. Measured in test/bench (EXPLAIN at 1,000,000 issues).
    index('issues_body_with_body_idx')
      .on(t.responsibleBodyId, t.dueAt, t.status, t.ackDueAt)
      .where(withBodyPredicate()),
    // The inbox's `sort=next` (the deadline that matters now, then the id): one body's page, and
    // the admin's whole province (scope=all) walking the order and filtering by subtree. Measured
    // in test/bench (EXPLAIN, with and without them).
    index('issues_body_next_idx').on(t.responsibleBodyId, nextDeadlineSql(), t.id),
    index('issues_next_idx').on(nextDeadlineSql(), t.id),
    index('issues_report_idx').on(t.reportId),
    index('issues_author_idx').on(t.authorId),
    index('issues_cell_idx').on(t.cellId),
    // The related-issue hints (issue 16) compare only a commune's open issues and those answered
    // within 90 days: the planner ORs these two (BitmapOr) and visits ~1/7 of the commune's rows
    // (test/bench/related.ts, EXPLAIN at 1,000,000 issues).
    index('issues_cell_open_idx').on(t.cellId).where(sql`closed_at is null`),
    index('issues_cell_closed_idx').on(t.cellId, t.closedAt).where(sql`closed_at is not null`),
    // Not declared here: the generated columns related_signature and related_trigrams (migration
    // 0020_related_trigram_signature), read only by features/issues/related.ts's prefilter.
    index('issues_open_due_idx').on(t.dueAt).where(sql`closed_at is null`),
    index('issues_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('issues_duplicate_of_idx').on(t.duplicateOf).where(sql`duplicate_of is not null`),
  ],
);

/** Append-only timeline: a trigger refuses UPDATE and DELETE (see the migration). */
export const issueEvents = pgTable(
  'issue_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => issues.id),
    type: text('type').$type<IssueEventType>().notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    at: ts('at').notNull(),
    note: text('note'),
    fromStatus: text('from_status').$type<IssueStatus>(),
    toStatus: text('to_status').$type<IssueStatus>(),
    fromBodyId: text('from_body_id'),
    toBodyId: text('to_body_id'),
    /** Details of the event (the answer's document number, an org unit's transfer). */
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('issue_events_issue_idx').on(t.issueId, t.id)],
);

export const routingRules = pgTable(
  'routing_rules',
  {
    id: text('id').primaryKey(),
    provinceId: text('province_id')
      .notNull()
      .references(() => orgUnits.id),
    position: integer('position').notNull(),
    category: text('category').$type<Category>(),
    areaId: text('area_id').references(() => orgUnits.id),
    urgency: text('urgency').$type<Urgency>(),
    targetBodyId: text('target_body_id').references(() => orgUnits.id),
    target: text('target').$type<RoutingTarget>(),
    deadlineProfile: text('deadline_profile').$type<DeadlineProfile>().notNull().default('normal'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('routing_rules_province_idx').on(t.provinceId, t.position)],
);

export const holidays = pgTable(
  'holidays',
  {
    date: day('date').notNull(),
    /** Empty string: national; otherwise a province id. */
    provinceId: text('province_id').notNull().default(''),
    name: text('name').notNull(),
    /** true: a day off; false: a weekend day made a working day. */
    dayOff: boolean('day_off').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.date, t.provinceId] })],
);

export const answerTemplates = pgTable(
  'answer_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: text('body_id')
      .notNull()
      .references(() => orgUnits.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('answer_templates_body_idx').on(t.bodyId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    at: ts('at').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/**
 * One row whose `version` a trigger bumps (migration 0005) in the same transaction as any change to
 * org_units, routing_rules, criteria_sets or holidays: the reference data each API process caches
 * for submissions (features/reports/reference-cache.ts) is reloaded when it reads a newer version.
 */
export const referenceVersion = pgTable(
  'reference_version',
  {
    id: smallint('id').primaryKey().default(1),
    version: integer('version').notNull().default(0),
  },
  (t) => [check('reference_version_one_row', sql`${t.id} = 1`)],
);

/**
 * How a body numbers and signs the documents it issues (number pattern, signer, recipients);
 * unset fields take the defaults of its kind (shared `resolveDocumentConfig`). Edited by admins.
 */
export const documentConfigs = pgTable('document_configs', {
  orgUnitId: text('org_unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  config: jsonb('config').$type<DocumentConfig>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The running number of the documents a body issues, per calendar year ("Số 12-BC/ĐU"): taken
 * atomically by an upsert that increments `last_no` (features/exports/document-config.ts).
 */
export const documentNumbers = pgTable(
  'document_numbers',
  {
    bodyId: text('body_id')
      .notNull()
      .references(() => orgUnits.id),
    year: smallint('year').notNull(),
    lastNo: integer('last_no').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.year] })],
);

/**
 * Members who work in an agency, enterprise or public unit and keep in touch with the cell where
 * they live ("đảng viên 76", Quy định 76-QĐ/TW): introduced by their workplace Party organisation,
 * received by the residential cell. The workplace is a unit of the graph when it is one, free text
 * otherwise (the check keeps exactly one). Kept by the commune's staff.
 */
export const residenceMembers = pgTable(
  'residence_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cellId: text('cell_id')
      .notNull()
      .references(() => orgUnits.id),
    fullName: text('full_name').notNull(),
    birthYear: smallint('birth_year'),
    workplaceUnitId: text('workplace_unit_id').references(() => orgUnits.id),
    workplaceName: text('workplace_name'),
    introducedOn: day('introduced_on').notNull(),
    receivedOn: day('received_on'),
    status: text('status').$type<ResidenceStatus>().notNull().default('active'),
    statusOn: day('status_on'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('residence_members_cell_idx').on(t.cellId),
    check(
      'residence_members_check',
      sql`${t.status} in ('active', 'moved', 'transferred', 'left')
          and (${t.workplaceUnitId} is null) <> (${t.workplaceName} is null)
          and (${t.receivedOn} is null or ${t.receivedOn} >= ${t.introducedOn})
          and (${t.status} = 'active' or ${t.statusOn} is not null)`,
    ),
  ],
);

/**
 * The residential cell's year-end assessment of a residence member, sent to the workplace
 * organisation: one per member and year; a correction overwrites it and is kept in the audit log.
 */
export const residenceAssessments = pgTable(
  'residence_assessments',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => residenceMembers.id),
    year: smallint('year').notNull(),
    rating: text('rating').$type<ResidenceRating>().notNull(),
    reasons: text('reasons'),
    assessedBy: uuid('assessed_by')
      .notNull()
      .references(() => users.id),
    assessedOn: day('assessed_on').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.year] }),
    check(
      'residence_assessments_check',
      sql`${t.rating} in ('good', 'not_good') and (${t.rating} = 'good' or coalesce(trim(${t.reasons}), '') <> '')`,
    ),
  ],
);

/**
 * The delivery outbox (features/deliveries/outbox.ts): one row per mail or webhook call to make,
 * written by the feed's producers (or a scheduler) and sent by the worker outside any request.
 * `dedupe_key` makes every enqueue idempotent, also across API instances.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<'email' | 'webhook'>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** Deliveries sharing an order key are sent strictly in id order. */
    orderKey: text('order_key'),
    /** The user (email) or the endpoint (webhook) it goes to. */
    targetId: uuid('target_id'),
    /** The province whose admins see it (org unit ids are text). */
    provinceId: text('province_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status')
      .$type<'pending' | 'delivered' | 'failed' | 'cancelled'>()
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    uniqueIndex('deliveries_dedupe_idx').on(t.dedupeKey),
    index('deliveries_status_next_idx').on(t.status, t.nextAttemptAt),
    index('deliveries_order_idx').on(t.orderKey, t.id).where(sql`status = 'pending'`),
    index('deliveries_created_idx').on(t.createdAt, t.id),
    // A webhook endpoint's log and counts (features/webhooks), newest first.
    index('deliveries_target_idx').on(t.targetId, t.id),
  ],
);

/** Positions in the issue-event feed (`name` = the feed, `last_event_id` = the last one produced). */
export const deliveryCursors = pgTable('delivery_cursors', {
  name: text('name').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
});

/** A user's own email settings (PUT /api/me/notification-settings). */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    email: text('email'),
    /** Staff: a mail as soon as an issue is routed or forwarded to their body. */
    immediate: boolean('immediate').notNull().default(false),
    /** Staff: the daily digest, at `digest_hour` (0–23, +07:00). */
    digest: boolean('digest').notNull().default(false),
    digestHour: smallint('digest_hour').notNull().default(7),
    /** Members: "your issue was answered / returned for clarification". */
    ownIssues: boolean('own_issues').notNull().default(false),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('notification_settings_hour_chk', sql`${t.digestHour} between 0 and 23`),
    index('notification_settings_digest_idx').on(t.digestHour).where(sql`digest`),
  ],
);

/**
 * Where a province's events are posted (docs/webhooks.md). The secret signs each delivery
 * (HMAC-SHA256), so it is kept as given, never hashed; the API shows it once, at creation or rotation.
 * Deliveries to an endpoint are rows of `deliveries` (kind `webhook`, `target_id` = this id).
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    events: text('events').array().$type<WebhookEventType[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_province_idx').on(t.provinceId)],
);

/**
 * The receiver's last answer to a webhook delivery (one row per `deliveries.id`, replaced at each
 * attempt): the HTTP status and the start of its body, for the delivery log.
 */
export const webhookResponses = pgTable('webhook_responses', {
  deliveryId: bigint('delivery_id', { mode: 'number' })
    .primaryKey()
    .references(() => deliveries.id, { onDelete: 'cascade' }),
  httpStatus: integer('http_status'),
  responseBody: text('response_body'),
  at: ts('at').notNull(),
});
