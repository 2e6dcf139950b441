import {
  endedBefore,
  KIND_ORDER,
  normalizeForSearch,
  OrgIndex,
  type AdminOrgUnit,
} from '@duhop/shared';

/**
 * The organisation graph as a tree for the admin screen. Nothing assumes a number of levels:
 * roots are the units whose parent is not in the list (the province, or an orphan of bad data),
 * and a cycle in bad data cannot loop (each unit is placed once).
 */

export type Validity = 'open' | 'closed' | 'future';

/** A unit on a date: closed after its `validTo`, future before its `validFrom`. */
export function validity(u: Pick<AdminOrgUnit, 'validFrom' | 'validTo'>, today: string): Validity {
  if (endedBefore(u, today)) return 'closed';
  if (u.validFrom > today) return 'future';
  return 'open';
}

export interface TreeRow {
  unit: AdminOrgUnit;
  depth: number;
  childCount: number;
}

/** Children of each unit, ordered: open before closed, then by kind, then by name (Vietnamese collation). */
export function childrenIndex(
  units: readonly AdminOrgUnit[],
  today: string,
): Map<string | null, AdminOrgUnit[]> {
  const ids = new Set(units.map((u) => u.id));
  const index = new Map<string | null, AdminOrgUnit[]>();
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) && u.parentId !== u.id ? u.parentId : null;
    index.set(key, [...(index.get(key) ?? []), u]);
  }
  const rank = (u: AdminOrgUnit) => (validity(u, today) === 'closed' ? 1 : 0);
  for (const list of index.values()) {
    list.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        a.name.localeCompare(b.name, 'vi'),
    );
  }
  return index;
}

/**
 * The rows to show, depth first. `collapsed` units hide their descendants; `visible`, when given
 * (a search), keeps only those units (pass their ancestors too, see `matchWithAncestors`).
 */
export function treeRows(
  units: readonly AdminOrgUnit[],
  today: string,
  collapsed: ReadonlySet<string> = new Set(),
  visible?: ReadonlySet<string>,
): TreeRow[] {
  const index = childrenIndex(units, today);
  const out: TreeRow[] = [];
  const placed = new Set<string>();
  const walk = (parent: string | null, depth: number, shown: boolean) => {
    for (const unit of index.get(parent) ?? []) {
      if (placed.has(unit.id)) continue;
      placed.add(unit.id);
      const show = shown && (!visible || visible.has(unit.id));
      if (show) out.push({ unit, depth, childCount: (index.get(unit.id) ?? []).length });
      // Walk on even when hidden, so that every unit reachable from a root counts as placed.
      walk(unit.id, depth + 1, show && (!collapsed.has(unit.id) || !!visible));
    }
  };
  walk(null, 0, true);
  // Units caught in a cycle (each one's parent is another of them) are never reached from a root.
  for (const unit of units)
    if (!placed.has(unit.id) && (!visible || visible.has(unit.id)))
      out.push({ unit, depth: 0, childCount: 0 });
  return out;
}

/** Ids of the units whose name or id matches `q` (accents optional), with their ancestors. */
export function matchWithAncestors(
  units: readonly AdminOrgUnit[],
  q: string,
): Set<string> | undefined {
  const needle = normalizeForSearch(q);
  if (!needle) return undefined;
  const org = new OrgIndex(units);
  const out = new Set<string>();
  for (const u of units) {
    if (!normalizeForSearch(`${u.name} ${u.id}`).includes(needle)) continue;
    out.add(u.id);
    for (const a of org.ancestors(u.id)) out.add(a.id);
  }
  return out;
}

const byName = (a: AdminOrgUnit, b: AdminOrgUnit) => a.name.localeCompare(b.name, 'vi');

/** Where a unit may be moved or added: open units that are not cells, outside the unit's own subtree. */
export function parentCandidates(
  units: readonly AdminOrgUnit[],
  today: string,
  unitId?: string,
): AdminOrgUnit[] {
  const own = unitId ? new OrgIndex(units).subtreeIds(unitId) : new Set<string>();
  return units
    .filter((u) => u.kind !== 'cell' && validity(u, today) !== 'closed' && !own.has(u.id))
    .sort(byName);
}

/** Who may take over a closed unit's work: open units of the same kind outside its subtree. */
export function successorCandidates(
  units: readonly AdminOrgUnit[],
  today: string,
  unit: AdminOrgUnit,
): AdminOrgUnit[] {
  const own = new OrgIndex(units).subtreeIds(unit.id);
  return units
    .filter((u) => u.kind === unit.kind && validity(u, today) === 'open' && !own.has(u.id))
    .sort(byName);
}

export interface MergePreview {
  sources: AdminOrgUnit[];
  /** Units directly under the sources, which move under the merged unit. */
  children: number;
  /** Cells anywhere below the sources (their issues route to the merged unit from the effective date). */
  cells: number;
  /** Sources of another kind than the first one (the API refuses mixing kinds). */
  mixedKinds: boolean;
}

/** What a merger of `sourceIds` moves, as far as the graph tells (issues and assignments are counted by the API). */
export function mergePreview(
  units: readonly AdminOrgUnit[],
  sourceIds: readonly string[],
): MergePreview {
  const sources = sourceIds
    .map((id) => units.find((u) => u.id === id))
    .filter((u): u is AdminOrgUnit => !!u);
  const ids = new Set(sources.map((s) => s.id));
  const children = units.filter(
    (u) => u.parentId && ids.has(u.parentId) && u.validTo == null,
  ).length;
  const org = new OrgIndex(units);
  const below = new Set<string>();
  for (const s of sources) for (const id of org.subtreeIds(s.id)) below.add(id);
  const cells = units.filter(
    (u) => u.kind === 'cell' && below.has(u.id) && !ids.has(u.id) && u.validTo == null,
  ).length;
  return { sources, children, cells, mixedKinds: sources.some((s) => s.kind !== sources[0]!.kind) };
}

/** The day before an ISO date (the sources' last day when a merger takes effect on `iso`); `days` = -1 gives the day after. */
export function dayBefore(iso: string, days = 1): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
