import {
  isOpenOn,
  normalizeForSearch,
  OrgIndex,
  routeIssue,
  TRIAGE_KINDS,
  type Category,
  type OrgUnit,
  type OrgUnitKind,
  type RoutingRule,
  type Urgency,
} from '@duhop/shared';

/**
 * Where the server will send an issue the member leaves to the rules: `body` when the panel holds
 * both the province's routing rules and its organisation graph (the same `routeIssue` the server
 * runs, with the same rules), `server` when it cannot know (offline before the rules were ever
 * fetched, or a cell missing from the cached graph): the form then says "Máy chủ sẽ xác định"
 * rather than guessing.
 */
export type RoutingPreview =
  | { kind: 'body'; body: OrgUnit }
  | { kind: 'server' }
  /** No category chosen yet: the rules match on it, so nothing can be said. */
  | { kind: 'category' };

export function routingPreview(
  units: readonly OrgUnit[],
  rules: readonly RoutingRule[] | null,
  issue: { category: Category | null; urgency: Urgency },
  cellId: string,
  date: string,
): RoutingPreview {
  if (!rules) return { kind: 'server' };
  // Without a category no rule can be matched the way the server will match it.
  if (!issue.category) return { kind: 'category' };
  const org = new OrgIndex(units);
  if (org.get(cellId)?.kind !== 'cell') return { kind: 'server' };
  const routed = routeIssue(
    { category: issue.category, urgency: issue.urgency, cellId },
    rules,
    org,
    date,
  );
  const body = org.get(routed.bodyId);
  return body ? { kind: 'body', body } : { kind: 'server' };
}

/** The level a group of bodies stands at, named for the member (Cấp xã, Cấp huyện, Cấp tỉnh). */
export type BodyLevel = 'commune' | 'district' | 'province' | 'other';

export interface BodyOption {
  id: string;
  name: string;
  /** Depth below the group's head (0 for the head itself), for indentation in the picker. */
  depth: number;
}

export interface BodyGroup {
  level: BodyLevel;
  /** The committee heading the group (the commune, the district, the province). */
  headId: string;
  headName: string;
  options: BodyOption[];
}

const LEVEL_OF: Partial<Record<OrgUnitKind, BodyLevel>> = {
  commune: 'commune',
  district: 'district',
  province: 'province',
};

/**
 * The bodies that can take an issue raised in a cell, grouped by level: for each committee above
 * the cell (its commune, the district in a province that still has one, the province, or any other
 * committee a cell sits under), the committee itself and the boards, offices and departments below
 * it that are not part of another committee (other communes and their offices never appear, nor
 * cells: an issue within the cell's remit is answered at the meeting). Only units open on `date`;
 * nearest level first, each group in tree order. Works for any number of levels.
 */
export function bodyGroups(units: readonly OrgUnit[], cellId: string, date: string): BodyGroup[] {
  const org = new OrgIndex(units);
  if (!org.get(cellId)) return [];
  const ancestors = org.ancestors(cellId);
  const lineage = new Set([cellId, ...ancestors.map((u) => u.id)]);
  const byName = (a: OrgUnit, b: OrgUnit) => a.name.localeCompare(b.name, 'vi');
  const groups: BodyGroup[] = [];
  for (const head of ancestors) {
    const options: BodyOption[] = [];
    const walk = (u: OrgUnit, depth: number, seen: Set<string>) => {
      if (seen.has(u.id)) return;
      seen.add(u.id);
      if (isOpenOn(u, date)) options.push({ id: u.id, name: u.name, depth });
      for (const child of [...org.childrenOf(u.id)].sort(byName)) {
        // Cells, the committee lower on the cell's own line (its own group) and any other
        // committee with its offices (another commune's, another district's) stay out.
        if (child.kind === 'cell' || lineage.has(child.id) || TRIAGE_KINDS.includes(child.kind))
          continue;
        walk(child, depth + 1, seen);
      }
    };
    walk(head, 0, new Set());
    if (options.length === 0) continue;
    groups.push({
      level: LEVEL_OF[head.kind] ?? 'other',
      headId: head.id,
      headName: head.name,
      options,
    });
  }
  return groups;
}

/**
 * The groups with only the bodies whose name contains every word of `query` (accents and case
 * ignored: "ban noi chinh" finds "Ban Nội chính Tỉnh ủy"); `keepId` (the body already chosen)
 * always stays so the picker never loses its value. Empty groups are dropped.
 */
export function filterBodyGroups(
  groups: readonly BodyGroup[],
  query: string,
  keepId: string | null = null,
): BodyGroup[] {
  const words = normalizeForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups
    .map((g) => ({
      ...g,
      options: g.options.filter((o) => {
        if (o.id === keepId) return true;
        const name = normalizeForSearch(o.name);
        return words.every((w) => name.includes(w));
      }),
    }))
    .filter((g) => g.options.length > 0);
}
