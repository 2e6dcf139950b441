import { z } from 'zod';
import { BandCode } from './criteria.ts';
import {
  ActionType,
  Category,
  IsoDate,
  IssueStatus,
  MeetingType,
  Slug,
  Urgency,
  Uuid,
} from './common.ts';
import { DeadlineProfile } from './routing.ts';

/**
 * What a timeline entry records: an action taken on the issue, or `routed` (submitted),
 * `answered_at_meeting` (submitted as answered on the spot, routed to nobody),
 * `escalated` (overdue, shown to the body above), `forwarded`/`merged` (its body closed or merged).
 */
export const IssueEventType = z.enum([
  ...ActionType.options,
  'routed',
  'answered_at_meeting',
  'escalated',
  'forwarded',
  'merged',
  'duplicate',
  'unduplicate',
]);
export type IssueEventType = z.infer<typeof IssueEventType>;

export const IssueEvent = z.object({
  id: z.string(),
  issueId: Uuid,
  type: IssueEventType,
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
  fromStatus: IssueStatus.nullable(),
  toStatus: IssueStatus.nullable(),
  fromBodyId: Slug.nullable(),
  toBodyId: Slug.nullable(),
  /** A `schedule` answer's target date ("Sẽ giải quyết" by then), when one was given. */
  targetDate: IsoDate.nullable().optional(),
  /** `duplicate`/`unduplicate`, or an answer that followed the original's: the original issue. */
  duplicateOf: Uuid.nullable().optional(),
});
export type IssueEvent = z.infer<typeof IssueEvent>;

export const Issue = z.object({
  id: Uuid,
  reportId: Uuid,
  /** The observer who raised it. */
  authorId: Uuid,
  cellId: Slug,
  cellName: z.string().optional(),
  /** The committee (commune/ward, or district) the cell belongs to: where the issue comes from. */
  communeId: Slug.optional(),
  communeName: z.string().optional(),
  title: z.string(),
  detail: z.string(),
  category: Category,
  urgency: Urgency,
  status: IssueStatus,
  responsibleBodyId: Slug,
  responsibleBodyName: z.string().optional(),
  deadlineProfile: DeadlineProfile.optional(),
  ackDueAt: z.string().nullable().optional(),
  dueAt: z.string(),
  overdue: z.boolean(),
  escalated: z.boolean().optional(),
  answer: z.string().nullable().optional(),
  documentNo: z.string().nullable().optional(),
  /** Who answered it at the meeting and what they said, while it stands answered on the spot. */
  answeredAtMeeting: z.object({ by: z.string(), answer: z.string() }).nullable().optional(),
  /** When it was answered (resolved, scheduled, explained or rejected); null while open. */
  closedAt: z.string().nullable(),
  /** The issue this one duplicates (it follows that one's answer); null when it is not a duplicate. */
  duplicateOf: Uuid.nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Issue = z.infer<typeof Issue>;

export const IssueWithEvents = Issue.extend({ events: z.array(IssueEvent) });
export type IssueWithEvents = z.infer<typeof IssueWithEvents>;

export const ActionInput = z.object({
  type: ActionType,
  note: z.string().trim().max(10_000, 'Tối đa 10.000 ký tự').optional(),
  toBodyId: Slug.optional(),
  documentNo: z.string().trim().max(100).optional(),
  /** `schedule` only: the date by which the body will have settled it (not before today). */
  targetDate: IsoDate.optional(),
  expectedVersion: z.number().int().min(0),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const INBOX_SORTS = ['due', 'next', 'ack', 'age', 'activity'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

const BoolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const InboxQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(IssueStatus).optional()),
  category: Category.optional(),
  cellId: Slug.optional(),
  communeId: Slug.optional(),
  q: z.string().trim().max(200).optional(),
  overdue: BoolParam.optional(),
  dueWithinDays: z.coerce.number().int().min(0).max(365).optional(),
  /**
   * `own`: issues sitting with the body; `escalated`: overdue issues of the bodies below it;
   * `all` (admins): every inbox of the admin's province.
   */
  scope: z.enum(['own', 'escalated', 'all']).default('own'),
  /**
   * `due`: answer deadline first (default); `next`: the deadline that matters now (the
   * acknowledgement one while it is awaited, else the answer one); `ack`: acknowledgement
   * deadline of the issues still awaiting it first, then the rest by answer deadline; `age`:
   * oldest first; `activity`: most recent activity first.
   */
  sort: z.enum(INBOX_SORTS).default('due'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.input<typeof InboxQuery>;

export const InboxResponse = z.object({
  items: z.array(Issue),
  nextCursor: z.string().nullable(),
  counts: z.record(z.string(), z.number()).optional(),
});
export type InboxResponse = z.infer<typeof InboxResponse>;

export const ReportIssueView = Issue;

export const ReportView = z.object({
  id: Uuid,
  authorId: Uuid,
  authorName: z.string(),
  cellId: Slug,
  cellName: z.string(),
  meetingDate: IsoDate,
  meetingType: MeetingType,
  startedAt: z.string(),
  endedAt: z.string(),
  online: z.boolean(),
  /** In person, online or combined (issue 17; older reports: from `online`). */
  meetingFormat: z.enum(['in_person', 'online', 'combined']),
  /** The counts, with the breakdown (presentOnline, presentResidence, awayForWork) when stated. */
  attendance: z.record(z.string(), z.unknown()),
  /** The residence members ticked as present, by name (register order by name). */
  residenceMembersPresent: z.array(z.object({ id: Uuid, fullName: z.string() })),
  criteriaSetId: Slug,
  scores: z.record(z.string(), z.number()),
  groupNotes: z.record(z.string(), z.string()),
  /** Items marked "Không áp dụng" by hand, in the set's order, by their title, with the reason. */
  notApplicable: z.array(z.object({ itemId: z.string(), title: z.string(), reason: z.string() })),
  score: z.number(),
  groupScores: z.record(z.string(), z.number()),
  band: BandCode,
  cellSelfScore: z.number().nullable(),
  suggestions: z.string(),
  onTime: z.boolean(),
  submittedAt: z.string(),
  issues: z.array(Issue),
});
export type ReportView = z.infer<typeof ReportView>;
