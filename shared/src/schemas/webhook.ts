import { z } from 'zod';
import { Category, IsoDateTime, IssueStatus, Slug, Urgency, Uuid } from './common.ts';
import { DeliveryStatus } from './notifications.ts';

/** What an endpoint can subscribe to (docs/webhooks.md). */
export const WebhookEventType = z.enum([
  'report.submitted',
  'issue.routed',
  'issue.forwarded',
  'issue.acknowledged',
  'issue.answered',
  'issue.overdue',
  'issue.escalated',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** Every event sends `webhook.test` too, from "send test event" only (never subscribed). */
export const WebhookPayloadType = z.enum([...WebhookEventType.options, 'webhook.test']);

/** http(s) only, no user:password in it (the secret is the credential), at most 2,000 characters. */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2000, 'Địa chỉ tối đa 2.000 ký tự')
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
    } catch {
      return false;
    }
  }, 'Địa chỉ phải là URL http:// hoặc https://')
  .refine((s) => {
    try {
      const u = new URL(s);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, 'Không ghi tên đăng nhập hay mật khẩu trong địa chỉ');

/** A secret given by the admin: 16 to 200 printable ASCII characters. */
export const WebhookSecret = z
  .string()
  .min(16, 'Khóa bí mật cần ít nhất 16 ký tự')
  .max(200, 'Khóa bí mật tối đa 200 ký tự')
  .regex(/^[\x21-\x7e]+$/, 'Khóa bí mật chỉ gồm ký tự ASCII in được, không dấu cách');

const Events = z
  .array(WebhookEventType)
  .min(1, 'Chọn ít nhất một sự kiện')
  .refine((a) => new Set(a).size === a.length, 'Sự kiện bị trùng');

export const WebhookEndpointInput = z.object({
  name: z.string().trim().min(1, 'Nhập tên').max(120, 'Tên tối đa 120 ký tự'),
  url: WebhookUrl,
  events: Events,
  active: z.boolean().default(true),
  /** Absent: the server generates one, returned once in the answer. */
  secret: WebhookSecret.optional(),
});
export type WebhookEndpointInput = z.input<typeof WebhookEndpointInput>;

export const WebhookEndpointPatch = z
  .object({
    name: z.string().trim().min(1, 'Nhập tên').max(120, 'Tên tối đa 120 ký tự'),
    url: WebhookUrl,
    events: Events,
    active: z.boolean(),
    /** A new secret given by the admin. */
    secret: WebhookSecret,
    /** Generate a new secret (returned once in the answer). */
    rotateSecret: z.literal(true),
  })
  .partial()
  .refine((p) => !(p.secret && p.rotateSecret), {
    message: 'Chọn một: nhập khóa mới hoặc tạo khóa mới',
    path: ['secret'],
  });
export type WebhookEndpointPatch = z.input<typeof WebhookEndpointPatch>;

/** Tallies of an endpoint's deliveries by status. */
export const WebhookCounts = z.object({
  pending: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
});

export const WebhookEndpoint = z.object({
  id: Uuid,
  provinceId: Slug,
  provinceName: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(WebhookEventType),
  active: z.boolean(),
  /** The last four characters of the secret, to tell secrets apart. */
  secretHint: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  createdByName: z.string().nullable(),
  counts: WebhookCounts,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** Create and secret rotation: the endpoint and its secret, shown this once. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({ secret: z.string().nullable() });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookEndpointList = z.object({
  provinceId: Slug,
  items: z.array(WebhookEndpoint),
});
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

export type WebhookDeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One line of an endpoint's delivery log. */
export const WebhookDelivery = z.object({
  id: z.string(),
  eventId: z.string(),
  type: WebhookPayloadType,
  issueTitle: z.string().nullable(),
  status: DeliveryStatus,
  /** The last HTTP status answered; null when none (timeout, refused connection, not tried yet). */
  httpStatus: z.number().int().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** The receiver's answer, cut at 1,000 characters. */
  responseBody: z.string().nullable(),
  createdAt: IsoDateTime,
  nextAttemptAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryQuery = z.object({
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last delivery id of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'Con trỏ không hợp lệ')
    .optional(),
});

export const WebhookDeliveryPage = z.object({
  items: z.array(WebhookDelivery),
  nextCursor: z.string().nullable(),
});
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

/** "Send test event": sent at once (not retried), its result, and its line in the log. */
export const WebhookTestResult = z.object({
  ok: z.boolean(),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  responseBody: z.string().nullable(),
  durationMs: z.number().int(),
  deliveryId: z.string(),
});
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;

// --- Payloads (what the receiver gets) ---

const Named = z.object({ id: Slug, name: z.string() });

/** The issue as a receiver sees it at the moment of the event. */
export const WebhookIssue = z.object({
  id: Uuid,
  reportId: Uuid,
  title: z.string(),
  detail: z.string(),
  category: Category,
  urgency: Urgency,
  status: IssueStatus,
  cell: Named,
  body: Named,
  dueAt: IsoDateTime,
});

export const WebhookIssueEvent = z.object({
  /** The event's own type in the issue history (`acknowledge`, `forward`, `resolve`, `escalated`…). */
  kind: z.string(),
  note: z.string().nullable(),
  fromStatus: IssueStatus.nullable(),
  toStatus: IssueStatus.nullable(),
  fromBody: Named.nullable(),
  toBody: Named.nullable(),
  actorName: z.string().nullable(),
});

const envelope = <T extends z.ZodTypeAny, D extends z.ZodTypeAny>(type: T, data: D) =>
  z.object({
    /** The same on every retry of this event to this endpoint: drop a duplicate by it. */
    id: z.string(),
    type,
    /** When it happened, ISO 8601 in Vietnam time (+07:00). */
    occurredAt: IsoDateTime,
    province: Named,
    data,
  });

export const IssueWebhookData = z.object({ issue: WebhookIssue, event: WebhookIssueEvent });

export const ReportSubmittedData = z.object({
  report: z.object({
    id: Uuid,
    cell: Named,
    meetingDate: z.string(),
    authorName: z.string(),
    issueCount: z.number().int(),
  }),
  issues: z.array(z.object({ id: Uuid, title: z.string(), body: Named, status: IssueStatus })),
});

/** `report.submitted`. */
export const ReportSubmittedPayload = envelope(z.literal('report.submitted'), ReportSubmittedData);
/** Every `issue.*` event: the issue and the history entry that raised it. */
export const IssueEventPayload = envelope(
  z.enum([
    'issue.routed',
    'issue.forwarded',
    'issue.acknowledged',
    'issue.answered',
    'issue.overdue',
    'issue.escalated',
  ]),
  IssueWebhookData,
);
/** `webhook.test`, from "send test event". */
export const TestEventPayload = envelope(
  z.literal('webhook.test'),
  z.object({ endpoint: z.object({ id: Uuid, name: z.string() }), message: z.string() }),
);

/** The JSON body of every webhook request (docs/webhooks.md). */
export const WebhookPayload = z.discriminatedUnion('type', [
  ReportSubmittedPayload,
  IssueEventPayload,
  TestEventPayload,
]);
export type WebhookPayload = z.infer<typeof WebhookPayload>;
