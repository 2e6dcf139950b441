/**
 * Keyboard triage of the inbox: which key means what, and the list's cursor and selection as a
 * reducer. Pure, so it is tested without a DOM.
 */
export type KeyCommand = 'next' | 'prev' | 'open' | 'toggle' | 'acknowledge' | 'search';

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The key was typed into a text field, a select or a textarea. */
  inField?: boolean;
}

/** The command of a key press, or null when the page should leave it alone. */
export function keyCommand(e: KeyInput): KeyCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.inField) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case 'Enter':
    case 'o':
      return 'open';
    case 'x':
      return 'toggle';
    case 'a':
      return 'acknowledge';
    case '/':
      return 'search';
    default:
      return null;
  }
}

/** Whether an event target is somewhere the user types (keys there are text, not commands). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return (
    el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(el.type ?? 'text')
  );
}

export interface NavState {
  ids: readonly string[];
  /** Index of the row under the cursor; -1 before the first move. */
  active: number;
  selected: readonly string[];
}

export type NavAction =
  | { type: 'items'; ids: readonly string[] }
  | { type: 'move'; delta: number }
  | { type: 'focus'; id: string }
  | { type: 'toggle'; id?: string }
  | { type: 'selectAll' }
  | { type: 'clear' };

export const EMPTY_NAV: NavState = Object.freeze({ ids: [], active: -1, selected: [] });

export function navReducer(s: NavState, a: NavAction): NavState {
  switch (a.type) {
    case 'items': {
      // The list changed (filter, load more, an action): the cursor stays on its row when it is
      // still there, otherwise on the same position; the selection keeps only rows still shown.
      const current = s.ids[s.active];
      const kept = current !== undefined ? a.ids.indexOf(current) : -1;
      const active =
        kept >= 0
          ? kept
          : s.active < 0 || !a.ids.length
            ? -1
            : Math.min(s.active, a.ids.length - 1);
      return { ids: a.ids, active, selected: s.selected.filter((id) => a.ids.includes(id)) };
    }
    case 'move': {
      if (!s.ids.length) return s;
      const from = s.active < 0 ? (a.delta > 0 ? -1 : 0) : s.active;
      return { ...s, active: Math.max(0, Math.min(s.ids.length - 1, from + a.delta)) };
    }
    case 'focus': {
      const i = s.ids.indexOf(a.id);
      return i < 0 ? s : { ...s, active: i };
    }
    case 'toggle': {
      const id = a.id ?? s.ids[s.active];
      if (id === undefined || !s.ids.includes(id)) return s;
      return {
        ...s,
        selected: s.selected.includes(id)
          ? s.selected.filter((x) => x !== id)
          : [...s.selected, id],
      };
    }
    case 'selectAll':
      return { ...s, selected: s.selected.length === s.ids.length ? [] : [...s.ids] };
    case 'clear':
      return { ...s, selected: [] };
  }
}

/** What `a` acts on: the selection when there is one, otherwise the row under the cursor. */
export function targets(s: NavState): string[] {
  if (s.selected.length) return [...s.selected];
  const id = s.ids[s.active];
  return id === undefined ? [] : [id];
}
