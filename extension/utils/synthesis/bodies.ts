import { hasRole, OrgIndex, type OrgUnit, type RoleHolder } from '@duhop/shared';

export interface BodyChoice {
  id: string;
  name: string;
  depth: number;
}

/**
 * The bodies a monthly view can be about: the user's own, and below it (anywhere for an admin)
 * every unit that has cells under it: the province, districts, communes. Boards and committees
 * without cells would only show empty months. Tree order, names by Vietnamese collation.
 */
export function summaryBodies(
  units: readonly OrgUnit[],
  own: RoleHolder & { orgUnitId: string },
): BodyChoice[] {
  const org = new OrgIndex(units);
  const scope = hasRole(own, 'admin') ? null : org.subtreeIds(own.orgUnitId);
  const withCells = new Set<string>();
  for (const u of units)
    if (u.kind === 'cell') for (const a of org.ancestors(u.id)) withCells.add(a.id);
  const keep = (u: OrgUnit) =>
    u.id === own.orgUnitId ||
    (u.kind !== 'cell' && withCells.has(u.id) && (!scope || scope.has(u.id)));
  const kept = units.filter(keep);
  const ids = new Set(kept.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of kept) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: BodyChoice[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) =>
      a.name.localeCompare(b.name, 'vi'),
    )) {
      if (out.some((o) => o.id === u.id)) continue;
      out.push({ id: u.id, name: u.name, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
