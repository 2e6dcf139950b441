import { isOpenOn, OrgIndex, RESPONSIBLE_KINDS, TRIAGE_KINDS, type OrgUnit } from '@duhop/shared';
import { useEffect, useMemo } from 'preact/hooks';
import { request } from '../api.ts';
import { db } from '../db.ts';
import { useLiveQuery } from '../use-live-query.ts';

/**
 * The organisation graph for the triage screens: the cached copy (the same `orgUnits` entry the
 * side panel keeps), refreshed from `GET /api/org-units` when missing or older than an hour.
 */
const MAX_AGE_MS = 3_600_000;

export function useOrgUnits(): OrgUnit[] {
  const cached = useLiveQuery(() => db.cache.get('orgUnits'), []);
  const entry = cached.status === 'ready' ? cached.value : undefined;
  const stale = cached.status === 'ready' && (!entry || Date.now() - entry.fetchedAt > MAX_AGE_MS);
  useEffect(() => {
    if (!stale) return;
    void request((c) => c.api['org-units'].$get()).then((res) => {
      if (res.ok)
        void db.cache.put({ key: 'orgUnits', value: res.data.items, fetchedAt: Date.now() });
    });
  }, [stale]);
  return (entry?.value as OrgUnit[] | undefined) ?? [];
}

/** The cached graph as an `OrgIndex`, rebuilt only when the list changes. */
export function useOrgIndex(units: readonly OrgUnit[]): OrgIndex {
  return useMemo(() => new OrgIndex(units), [units]);
}

/** Bodies an issue can be forwarded to: open units of a responsible kind, except `exceptId`, in name order. */
export function forwardTargets(
  units: readonly OrgUnit[],
  today: string,
  exceptId?: string,
): OrgUnit[] {
  return units
    .filter((u) => RESPONSIBLE_KINDS.includes(u.kind) && isOpenOn(u, today) && u.id !== exceptId)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Communes (and districts) below a body, and the cells below the chosen one (or below the body). */
export function placeOptions(units: readonly OrgUnit[], bodyId: string, communeId: string) {
  const org = new OrgIndex(units);
  const below = org.subtreeIds(bodyId);
  const byName = (a: OrgUnit, b: OrgUnit) => a.name.localeCompare(b.name, 'vi');
  const communes = units
    .filter((u) => TRIAGE_KINDS.includes(u.kind) && below.has(u.id) && u.id !== bodyId)
    .sort(byName);
  const within = communeId ? org.subtreeIds(communeId) : below;
  const cells = units.filter((u) => u.kind === 'cell' && within.has(u.id)).sort(byName);
  return { communes, cells };
}

/** A unit's name, or its id when unknown (an old unit not in the cache). */
export function unitName(units: readonly OrgUnit[], id: string | null | undefined): string {
  if (!id) return '';
  return units.find((u) => u.id === id)?.name ?? id;
}
