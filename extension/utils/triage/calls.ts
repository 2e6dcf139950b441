import type { ActionType, Issue } from '@duhop/shared';
import { request, type ApiResult, type Client } from '../api.ts';
import { sendMessage } from '../messaging.ts';
import { inboxQuery, type InboxFilters } from './inbox-filters.ts';

type InboxQueryParam = Parameters<Client['api']['inbox']['$get']>[0]['query'];

/** After an action: the background reads the inbox again, so the badge follows at once. */
function afterAction<R extends { ok: boolean }>(r: R): R {
  if (r.ok) void sendMessage('staff-inbox/poll', {});
  return r;
}

/** The lifecycle calls the triage screens and the side panel make, typed by the API's client. */
export function postAction(
  id: string,
  body: {
    type: ActionType;
    expectedVersion: number;
    note?: string;
    toBodyId?: string;
    documentNo?: string;
    targetDate?: string;
  },
): Promise<ApiResult<Issue>> {
  return request((c) => c.api.issues[':id'].actions.$post({ param: { id }, json: body })).then(
    afterAction,
  ) as Promise<ApiResult<Issue>>;
}

export function getIssue(id: string) {
  return request((c) => c.api.issues[':id'].$get({ param: { id } }));
}

export function listTemplates(bodyId?: string) {
  return request((c) => c.api['answer-templates'].$get({ query: bodyId ? { bodyId } : {} }));
}

/** One page of the inbox for a filter state (`cursor` null: the first page). */
export function listInbox(
  filters: InboxFilters,
  opts: { cursor: string | null; isAdmin: boolean },
) {
  return request((c) => c.api.inbox.$get({ query: inboxQuery(filters, opts) as InboxQueryParam }));
}

/** What a bulk action sends besides the items: the same for every issue. */
export type BulkExtra = {
  note?: string;
  toBodyId?: string;
  /** `schedule` only, yyyy-mm-dd. */
  targetDate?: string;
  documentNo?: string;
};

/** Sends one action for many issues; each item succeeds or fails on its own (per-item results). */
export function runBulk(type: ActionType, issues: readonly Issue[], extra: BulkExtra = {}) {
  const items = issues.map((i) => ({ id: i.id, expectedVersion: i.version }));
  return request((c) =>
    c.api.issues['bulk-actions'].$post({ json: { type, items, ...extra } }),
  ).then(afterAction);
}

export type TemplateInput = { title: string; text: string; bodyId?: string };

/** Creates a template, or replaces the one with `id`. */
export function saveTemplate(id: string | undefined, json: TemplateInput) {
  return id
    ? request((c) => c.api['answer-templates'][':id'].$put({ param: { id }, json }))
    : request((c) => c.api['answer-templates'].$post({ json }));
}

export const deleteTemplate = (id: string) =>
  request((c) => c.api['answer-templates'][':id'].$delete({ param: { id } }));

/** Codes after which the issue on screen is out of date and is read again. */
export const STALE_CODES: readonly string[] = [
  'VERSION_CONFLICT',
  'TRANSITION_NOT_ALLOWED',
  'ISSUE_NOT_FOUND',
];

/** Similar issues of the commune of `cellId`, for the member writing an issue (issue 16). */
export function getRelatedHints(text: string, cellId: string) {
  return request((c) => c.api.issues.related.$get({ query: { text, cellId } }));
}

/** Issues similar to one the caller reads (the workspace's "Kiến nghị liên quan"). */
export function getIssueRelated(id: string) {
  return request((c) => c.api.issues[':id'].related.$get({ param: { id } }));
}

/** Marks `id` as a duplicate of `originalId`; it will follow the original's answer. */
export function markDuplicate(id: string, originalId: string, expectedVersion: number) {
  return request((c) =>
    c.api.issues[':id']['duplicate-of'].$put({
      param: { id },
      json: { originalId, expectedVersion },
    }),
  ).then(afterAction);
}

export function unmarkDuplicate(id: string, expectedVersion: number) {
  return request((c) =>
    c.api.issues[':id']['duplicate-of'].$delete({
      param: { id },
      query: { expectedVersion: String(expectedVersion) },
    }),
  ).then(afterAction);
}
