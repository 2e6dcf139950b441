import type { RoutingRule } from '@duhop/shared';

/**
 * Editing a province's ordered routing rules before they are saved: the list on screen is a
 * draft; order is the list's order, and `position` is renumbered from it when sent.
 */

/** The list with the item at `from` moved to `to` (clamped); the same array content when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= list.length) return out;
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (target === from) return out;
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item!);
  return out;
}

/** Positions 10, 20, 30… in list order (gaps leave room for a hand-made insert elsewhere). */
export function renumber(rules: readonly RoutingRule[]): RoutingRule[] {
  return rules.map((r, i) => ({ ...r, position: (i + 1) * 10 }));
}

/** A fresh rule id: `<prefix>-r<n>` with n one above the highest such number in use. */
export function newRuleId(rules: readonly Pick<RoutingRule, 'id'>[], prefix: string): string {
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-r(\\d+)$`);
  const max = rules.reduce((m, r) => Math.max(m, Number(re.exec(r.id)?.[1] ?? 0)), 0);
  return `${prefix}-r${max + 1}`;
}

/** A rule that matches everything and sends it to the cell's triage committee, normal deadline. */
export function blankRule(id: string): RoutingRule {
  return {
    id,
    position: 0,
    category: null,
    areaId: null,
    urgency: null,
    targetBodyId: null,
    target: 'triage',
    deadlineProfile: 'normal',
    active: true,
  };
}

/** A 422's `rules.N.field` errors grouped by rule index (other keys under -1). */
export function ruleErrors(
  fields: Readonly<Record<string, readonly string[]>>,
): Map<number, Record<string, string[]>> {
  const out = new Map<number, Record<string, string[]>>();
  for (const [key, messages] of Object.entries(fields)) {
    const m = /^rules\.(\d+)\.?(.*)$/.exec(key);
    const index = m ? Number(m[1]) : -1;
    const field = m ? m[2] || '_' : key;
    const entry = out.get(index) ?? {};
    entry[field] = [...(entry[field] ?? []), ...messages];
    out.set(index, entry);
  }
  return out;
}

/** Whether the draft differs from the saved list (order, content or count). */
export function rulesChanged(
  saved: readonly RoutingRule[],
  draft: readonly RoutingRule[],
): boolean {
  const strip = (rs: readonly RoutingRule[]) =>
    JSON.stringify(rs.map(({ position: _p, ...r }) => r));
  return strip(saved) !== strip(draft);
}

/**
 * Keys on a focused rule row: Alt+↑/↓ move it, Alt+Home/End send it to the top or bottom.
 * Returns the target index, or null when the key is not a move.
 */
export function moveTarget(
  key: string,
  alt: boolean,
  index: number,
  length: number,
): number | null {
  if (!alt) return null;
  if (key === 'ArrowUp') return index > 0 ? index - 1 : null;
  if (key === 'ArrowDown') return index < length - 1 ? index + 1 : null;
  if (key === 'Home') return index > 0 ? 0 : null;
  if (key === 'End') return index < length - 1 ? length - 1 : null;
  return null;
}
