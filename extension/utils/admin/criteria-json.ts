import { CriteriaSet, type CriteriaSetPatch } from '@duhop/shared';

/**
 * A criteria set typed or pasted as JSON, checked with the same shared schema as the API (sums of
 * 100, ordered bands, unique ids) so the admin sees every problem by path before sending it.
 */

export interface PathError {
  /** `groups.2.items.0.maxPoints`; `(JSON)` when the text is not JSON at all. */
  path: string;
  message: string;
}

export type CriteriaCheck = { ok: true; set: CriteriaSet } | { ok: false; errors: PathError[] };

export const JSON_PATH = '(JSON)';

/** Parses and validates; syntax errors carry the parser's message (with its position). */
export function checkCriteriaJson(text: string): CriteriaCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [{ path: JSON_PATH, message: (err as Error).message }] };
  }
  const parsed = CriteriaSet.safeParse(value);
  if (parsed.success) return { ok: true, set: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(gốc)',
      message: i.message,
    })),
  };
}

/** A 422's `fields` as a list of path errors, in path order. */
export function fieldsToPathErrors(
  fields: Readonly<Record<string, readonly string[]>>,
): PathError[] {
  return Object.entries(fields)
    .flatMap(([path, messages]) => messages.map((message) => ({ path, message })))
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

/** The patch that turns a stored set into `edited` (the id cannot change; unset optional fields are cleared). */
export function patchFrom(edited: CriteriaSet): CriteriaSetPatch {
  return {
    name: edited.name,
    ...(edited.source !== undefined ? { source: edited.source } : {}),
    validFrom: edited.validFrom,
    validTo: edited.validTo ?? null,
    cellTypes: edited.cellTypes ?? null,
    bands: edited.bands,
    groups: edited.groups,
  };
}

/** Totals shown next to a set: groups, items and points. */
export function criteriaTotals(set: CriteriaSet): {
  groups: number;
  items: number;
  points: number;
} {
  return {
    groups: set.groups.length,
    items: set.groups.reduce((n, g) => n + g.items.length, 0),
    points: set.groups.reduce((n, g) => n + g.maxPoints, 0),
  };
}
