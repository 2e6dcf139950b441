import {
  IssueEventPayload,
  ReportSubmittedPayload,
  TestEventPayload,
  WebhookEventType,
} from '@duhop/shared';
import { type ZodType, z } from 'zod';

const schemaOf = (s: ZodType) => {
  const { $schema: _drop, ...json } = z.toJSONSchema(s, { unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json;
};

/** The payload schemas, as OpenAPI 3.1 components (JSON Schema 2020-12). */
export const webhookSchemas = {
  WebhookReportSubmitted: schemaOf(ReportSubmittedPayload),
  WebhookIssueEvent: schemaOf(IssueEventPayload),
  WebhookTest: schemaOf(TestEventPayload),
};

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
  example,
});

const HEADERS = [
  header(
    'X-Duhop-Signature',
    '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>` (docs/webhooks.md)',
    't=1764730800,v1=5d1c0e…',
  ),
  header('X-Duhop-Event', 'The event type, as in the body', 'issue.answered'),
  header('X-Duhop-Delivery', 'The delivery number in the log', '1842'),
];

const operation = (type: string, schema: keyof typeof webhookSchemas) => ({
  post: {
    summary: type,
    // What the receiver implements, named after the event (`issue.answered` → `onIssueAnswered`).
    operationId: `on${type
      .split(/[._]/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('')}`,
    // Authenticated by the signature header, not by an API credential of duhop's.
    security: [],
    description:
      'Signed POST from the delivery outbox; 2xx = delivered, anything else (or no answer within WEBHOOK_TIMEOUT_MS) is retried with backoff. Redirects are not followed.',
    tags: ['webhooks'],
    parameters: HEADERS,
    requestBody: {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
    },
    responses: {
      '2XX': { description: 'Delivered' },
      default: { description: 'Not delivered: retried later' },
    },
  },
});

/** The OpenAPI 3.1 `webhooks` section: one entry per event an endpoint can receive. */
export const webhooksSection = Object.fromEntries([
  ...WebhookEventType.options.map((type) => [
    type,
    operation(type, type === 'report.submitted' ? 'WebhookReportSubmitted' : 'WebhookIssueEvent'),
  ]),
  ['webhook.test', operation('webhook.test', 'WebhookTest')],
]);
