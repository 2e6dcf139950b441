import type { IssueEventType } from '../schemas/issue.ts';
import type { WebhookEventType } from '../schemas/webhook.ts';

/**
 * The webhook events an entry of an issue's history raises. An `escalated` entry is both: the
 * issue passed a deadline (`issue.overdue`) and now shows in the parent body's overdue view
 * (`issue.escalated`); an endpoint subscribes to either or both. `report.submitted` is raised by
 * no history entry: the outbox's report feed raises it once per submitted report.
 */
export function webhookEventsOf(type: IssueEventType): WebhookEventType[] {
  switch (type) {
    case 'routed':
      return ['issue.routed'];
    case 'forward':
    case 'forwarded':
      return ['issue.forwarded'];
    case 'acknowledge':
      return ['issue.acknowledged'];
    case 'resolve':
    case 'schedule':
    case 'explain':
    case 'reject':
    case 'answered_at_meeting':
      return ['issue.answered'];
    case 'escalated':
      return ['issue.overdue', 'issue.escalated'];
    default:
      return [];
  }
}

/** The `X-Duhop-Signature` header value: `t=<unix seconds>,v1=<hex>`, parsed; null if malformed. */
export function parseSignatureHeader(value: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/.test(v)) v1.push(v);
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}
