import type { ActionType, Issue } from '@duhop/shared';
import { request, type ApiResult } from '../api.ts';

/** The lifecycle calls the triage screens and the side panel make, typed by the API's client. */
export function postAction(id: string, body: { type: ActionType; expectedVersion: number; note?: string; toBodyId?: string; documentNo?: string }): Promise<ApiResult<Issue>> {
  return request((c) => c.api.issues[':id'].actions.$post({ param: { id }, json: body })) as Promise<ApiResult<Issue>>;
}

export function getIssue(id: string) {
  return request((c) => c.api.issues[':id'].$get({ param: { id } }));
}

export function listTemplates(bodyId?: string) {
  return request((c) => c.api['answer-templates'].$get({ query: bodyId ? { bodyId } : {} }));
}

/** Codes after which the issue on screen is out of date and is read again. */
export const STALE_CODES: readonly string[] = ['VERSION_CONFLICT', 'TRANSITION_NOT_ALLOWED', 'ISSUE_NOT_FOUND'];
