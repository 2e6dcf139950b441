import {
  isOpenOn,
  OrgIndex,
  routeIssue,
  type Category,
  type OrgUnit,
  type RoutingRule,
  type Urgency,
} from '@duhop/shared';

/**
 * The responsible body of an issue. The server routes by the province's rules whenever the
 * member does not pick a body, so the form shows where routing would send it (the same
 * `routeIssue`, with the rules the client knows: none yet, so the cell's triage committee) and
 * sends a body only when the member chose one.
 */
export function suggestedBody(
  units: readonly OrgUnit[],
  issue: { category: Category | null; urgency: Urgency },
  cellId: string,
  date: string,
  rules: readonly RoutingRule[] = [],
): OrgUnit | null {
  const org = new OrgIndex(units);
  if (!org.get(cellId)) return null;
  const routed = routeIssue(
    { category: issue.category ?? 'khac', urgency: issue.urgency, cellId },
    rules,
    org,
    date,
  );
  return org.get(routed.bodyId) ?? null;
}

export interface BodyOption {
  id: string;
  name: string;
  /** Depth below the root, for indentation in the picker. */
  depth: number;
}

/**
 * Bodies an issue can be sent to, in tree order: every open unit that is not a cell, plus the
 * cell itself (issues within its own remit). Works for any number of levels.
 */
export function bodyOptions(units: readonly OrgUnit[], cellId: string, date: string): BodyOption[] {
  const open = units.filter((u) => isOpenOn(u, date) && (u.kind !== 'cell' || u.id === cellId));
  const ids = new Set(open.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of open) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: BodyOption[] = [];
  const walk = (parent: string | null, depth: number, seen: Set<string>) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    for (const u of list) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ id: u.id, name: u.name, depth });
      walk(u.id, depth + 1, seen);
    }
  };
  walk(null, 0, new Set());
  return out;
}
