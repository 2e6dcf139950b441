import type { CriteriaItem, CriteriaSet } from '@duhop/shared';
import type { DraftData } from './report-model.ts';
import type { FieldErrors } from './report-validation.ts';

/*
 * The form's own date, time and points inputs, whatever the browser's language: dates typed and
 * shown dd/mm/yyyy, times 24-hour hh:mm (no native pickers), points chosen by tapping.
 */

/** `2026-11-03` → `03/11/2026`; anything else as it is. */
export function isoToVnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * What was typed in a date box: `''` when empty, the ISO day when it is a real dd/mm/yyyy day
 * (separators `/`, `.`, `-` or spaces; 8 digits without separators), else null.
 */
export function parseVnDate(text: string): string | null {
  const s = text.trim();
  if (s === '') return '';
  const m =
    /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * What was typed in a 24-hour time box: `''` when empty, `HH:MM` when valid (`19:30`, `7:05`,
 * `19h30`, `1930`, `19.30`), else null. Never AM/PM.
 */
export function parseTime24(text: string): string | null {
  const s = text.trim().toLowerCase();
  if (s === '') return '';
  const m = /^(\d{1,2})\s*[:h.]\s*(\d{2})$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * The mask of a box while typing at its end: a separator is added after the day and the month
 * (`0311` → `03/11/`) or after the hours (`19` → `19:`). Only digits typed at the end are masked,
 * so deleting and editing in the middle stay free.
 */
export function maskDigits(prev: string, next: string, kind: 'date' | 'time'): string {
  if (next.length <= prev.length || !next.startsWith(prev)) return next;
  if (!/^\d$/.test(next.slice(-1))) return next;
  if (kind === 'date') {
    if (/^\d{2}$/.test(next) || /^\d{1,2}\/\d{2}$/.test(next)) return `${next}/`;
    return next;
  }
  return /^\d{2}$/.test(next) ? `${next}:` : next;
}

/**
 * The points an item offers as buttons: its scale's steps (with 0 and the maximum) when it has one,
 * every whole point up to a maximum of 10, else 0, ¼, ½, ¾ and all of the maximum (halves). The
 * number box beside them takes any other value.
 */
export function pointChoices(item: Pick<CriteriaItem, 'maxPoints' | 'scale'>): number[] {
  const max = item.maxPoints;
  let values: number[];
  if (item.scale?.length) values = [0, ...item.scale.map((s) => s.points), max];
  else if (max <= 10 && Number.isInteger(max))
    values = Array.from({ length: max + 1 }, (_, i) => i);
  else values = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f * 2) / 2);
  return [...new Set(values.filter((v) => v >= 0 && v <= max))].sort((a, b) => a - b);
}

export type SectionState = 'done' | 'todo' | 'invalid';
export interface FormSection {
  /** `meeting`, `attendance`, `group:<id>`, `suggestions`, `issues`. */
  key: string;
  state: SectionState;
  /** Group sections: the group's position (1…) and title. */
  n?: number;
  title?: string;
}

/**
 * Where the form stands, section by section: done (nothing missing or wrong), to do (only empty
 * fields), or invalid (a wrong value). The suggestions count as done once written, the issues
 * when none is incomplete.
 */
export function formSections(
  d: DraftData,
  set: Pick<CriteriaSet, 'groups'> | null,
  errors: FieldErrors,
  missing: ReadonlySet<string>,
): FormSection[] {
  const paths = Object.keys(errors);
  const stateOf = (match: (p: string) => boolean, filled = true): SectionState => {
    const hit = paths.filter(match);
    if (hit.some((p) => !missing.has(p))) return 'invalid';
    return hit.length || !filled ? 'todo' : 'done';
  };
  const meetingPaths = new Set(['cellId', 'meetingDate', 'meetingType', 'startedAt', 'endedAt']);
  const out: FormSection[] = [
    {
      key: 'meeting',
      state: stateOf((p) => meetingPaths.has(p), !!d.startTime && !!d.endTime && !!d.meetingDate),
    },
    { key: 'attendance', state: stateOf((p) => p.startsWith('attendance')) },
  ];
  set?.groups.forEach((g, i) => {
    const ids = new Set(g.items.flatMap((it) => [`scores.${it.id}`, `notApplicable.${it.id}`]));
    const targets = g.items.some((it) => it.measure === 'targets');
    out.push({
      key: `group:${g.id}`,
      n: i + 1,
      title: g.title,
      state: stateOf(
        (p) => ids.has(p) || p === `groupNotes.${g.id}` || (targets && p === 'targetsMetPercent'),
      ),
    });
  });
  out.push(
    {
      key: 'suggestions',
      state: stateOf((p) => p === 'suggestions', d.suggestions.trim() !== ''),
    },
    { key: 'issues', state: stateOf((p) => p.startsWith('issues')) },
  );
  return out;
}

/**
 * What was typed in a month box: `''` when empty, `YYYY-MM` for `mm/yyyy` (`12/2026`, `3/2026`,
 * separators `/`, `.`, `-` or a space) or an ISO month (`2026-12`), else null.
 */
export function parseVnMonth(text: string): string | null {
  const s = text.trim();
  if (s === '') return '';
  const vn = /^(\d{1,2})[/.\-\s](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})$/.exec(s);
  const [mo, y] = vn ? [Number(vn[1]), Number(vn[2])] : iso ? [Number(iso[2]), Number(iso[1])] : [];
  if (mo === undefined || y === undefined || y < 1900 || mo < 1 || mo > 12) return null;
  return `${y}-${String(mo).padStart(2, '0')}`;
}
