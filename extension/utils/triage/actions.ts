import {
  localDate,
  actionNeedsBody,
  actionNeedsNote,
  availableActions,
  isClosed,
  REOPEN_WINDOW_DAYS,
  type ActionType,
  type ActorKind,
  type Issue,
} from '@duhop/shared';
import type { MessageKey } from '../i18n/index.ts';
import { parseDayMonthYear } from './triage-table.ts';

/**
 * What the interface offers on an issue: the actions the caller's kinds allow from the status
 * (the kinds come from the shared `actorKindsFor`, the rule the API decides with), and each
 * action's fields.
 */

export { REOPEN_WINDOW_DAYS } from '@duhop/shared';

/** The buttons for an issue, answers last (they close it). */
export function actionsFor(
  issue: Pick<Issue, 'status'>,
  kinds: readonly ActorKind[],
): ActionType[] {
  return kinds.length ? availableActions(issue.status, kinds) : [];
}

export const ANSWER_ACTIONS: readonly ActionType[] = ['resolve', 'schedule', 'explain'];

export interface ActionFields {
  /** Label of the required note, or null when the action takes none. */
  note: MessageKey | null;
  body: boolean;
  /** Answers carry an optional document number and may start from a template. */
  answer: boolean;
  /** "Sẽ giải quyết" takes the date by which it will be settled (dd/mm/yyyy). */
  targetDate: boolean;
}

export function actionFields(type: ActionType): ActionFields {
  const answer = ANSWER_ACTIONS.includes(type);
  let note: MessageKey | null = null;
  if (actionNeedsNote(type))
    note = answer
      ? 'tg_noteAnswer'
      : type === 'clarify'
        ? 'tg_noteClarify'
        : type === 'reopen'
          ? 'tg_noteReopen'
          : 'tg_noteReason';
  return { note, body: actionNeedsBody(type), answer, targetDate: type === 'schedule' };
}

/** An action that needs nothing typed runs on one click. */
export function isOneClick(type: ActionType): boolean {
  const f = actionFields(type);
  return !f.note && !f.body;
}

export interface ActionDraft {
  note: string;
  toBodyId: string;
  documentNo: string;
  /** As typed: dd/mm/yyyy. */
  targetDate?: string;
}

type CheckedField = 'note' | 'toBodyId' | 'targetDate';

/** Client-side check before sending (the server checks again): field → message key. */
export function checkAction(
  type: ActionType,
  d: ActionDraft,
  today: string = localDate(new Date()),
): Partial<Record<CheckedField, MessageKey>> {
  const f = actionFields(type);
  const out: Partial<Record<CheckedField, MessageKey>> = {};
  if (f.note && !d.note.trim()) out.note = 'tg_noteRequired';
  if (f.body && !d.toBodyId) out.toBodyId = 'tg_bodyRequired';
  if (f.targetDate) {
    const date = parseDayMonthYear(d.targetDate ?? '');
    if (!date) out.targetDate = 'tg_targetDateRequired';
    else if (date < today) out.targetDate = 'tg_targetDatePast';
  }
  return out;
}

/** The request body of `POST /api/issues/:id/actions`. */
export function actionBody(type: ActionType, d: ActionDraft, expectedVersion: number) {
  const f = actionFields(type);
  return {
    type,
    expectedVersion,
    ...(f.note && d.note.trim() ? { note: d.note.trim() } : {}),
    ...(f.body && d.toBodyId ? { toBodyId: d.toBodyId } : {}),
    ...(f.answer && d.documentNo.trim() ? { documentNo: d.documentNo.trim() } : {}),
    ...(f.targetDate && parseDayMonthYear(d.targetDate ?? '')
      ? { targetDate: parseDayMonthYear(d.targetDate ?? '')! }
      : {}),
  };
}

/** Until when the observer may reopen an answered issue, or null when it is not answered. */
export function reopenDeadline(issue: Pick<Issue, 'status' | 'closedAt'>): number | null {
  if (!isClosed(issue.status) || !issue.closedAt) return null;
  const at = Date.parse(issue.closedAt);
  return Number.isNaN(at) ? null : at + REOPEN_WINDOW_DAYS * 86_400_000;
}

/** Inserts a template into the note: replaces an empty note, otherwise appends a paragraph. */
export function withTemplate(note: string, text: string): string {
  return note.trim() ? `${note.trimEnd()}\n\n${text}` : text;
}
