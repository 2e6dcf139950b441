import {
  localDate,
  selectCriteriaSet,
  type CriteriaSet,
  type MeResponse,
  type OrgUnit,
  type RoutingRule,
} from '@duhop/shared';
import { request, type ApiFailure } from './api.ts';
import type { CacheEntry } from './db.ts';
import { loadDb } from './db-lazy.ts';
import { readCachePlain } from './idb-plain.ts';
import { keepSessionRoles } from './auth/password-state.ts';
import { refreshRegisters } from './residence/register-cache.ts';

/**
 * What the form needs from the server, cached in IndexedDB so a report can be written offline:
 * the member and their assignments, the organisation graph, every criteria set and the province's
 * routing rules (so the form shows where an issue will go as the server will route it).
 */
export interface ReportSummary {
  id: string;
  cellId: string;
  cellName: string;
  meetingDate: string;
  score: number;
  band: string;
  onTime: boolean;
  submittedAt: string;
}

export interface ReferenceData {
  me: MeResponse | null;
  orgUnits: OrgUnit[];
  criteriaSets: CriteriaSet[];
  reports: ReportSummary[];
  /** The routing rules of the member's province, in order; null when never fetched (offline). */
  routingRules: RoutingRule[] | null;
  /** When the oldest of them was fetched; null when nothing is cached. */
  fetchedAt: number | null;
}

const KEYS = ['me', 'orgUnits', 'criteriaSets', 'reports', 'routingRules'] as const;

const KEY_LIST = [...KEYS];

/** Reads the cache (inside a liveQuery it re-runs when a refresh lands). */
export async function readReference(): Promise<ReferenceData> {
  const db = await loadDb();
  return referenceOf(await db.cache.bulkGet(KEY_LIST));
}

/** The same read without Dexie (utils/idb-plain.ts): the side panel's home paints with it. */
export async function readReferencePlain(): Promise<ReferenceData> {
  return referenceOf(await readCachePlain(KEY_LIST));
}

function referenceOf(rows: readonly (CacheEntry | undefined)[]): ReferenceData {
  const [me, org, sets, reports, rules] = rows;
  // The rules are not part of "how old is the cache": a cache from before they were kept is not older.
  const times = rows
    .slice(0, 4)
    .filter((r) => r)
    .map((r) => r!.fetchedAt);
  return {
    me: (me?.value as MeResponse | undefined) ?? null,
    orgUnits: (org?.value as OrgUnit[] | undefined) ?? [],
    criteriaSets: (sets?.value as CriteriaSet[] | undefined) ?? [],
    reports: (reports?.value as ReportSummary[] | undefined) ?? [],
    routingRules: (rules?.value as RoutingRule[] | undefined) ?? null,
    fetchedAt: times.length ? Math.min(...times) : null,
  };
}

/** Fetches everything in parallel and stores what arrived; returns the first failure, if any. */
export async function refreshReference(now: () => number = Date.now): Promise<ApiFailure | null> {
  const [me, org, sets, reports, rules] = await Promise.all([
    request((c) => c.api.me.$get()),
    request((c) => c.api['org-units'].$get()),
    request((c) => c.api['criteria-sets'].$get()),
    request((c) => c.api.reports.$get({ query: {} })),
    request((c) => c.api['routing-rules'].$get()),
  ]);
  const t = now();
  const rows = [
    me.ok && { key: 'me', value: me.data, fetchedAt: t },
    org.ok && { key: 'orgUnits', value: org.data.items, fetchedAt: t },
    sets.ok && { key: 'criteriaSets', value: sets.data.items, fetchedAt: t },
    reports.ok && { key: 'reports', value: reports.data.items, fetchedAt: t },
    rules.ok && { key: 'routingRules', value: rules.data.items, fetchedAt: t },
  ].filter((r) => !!r);
  if (rows.length) await (await loadDb()).cache.bulkPut(rows);
  if (me.ok) {
    await keepSessionRoles(me.data.user);
    // The residence registers of the member's cells, for the form's checklist offline; a register
    // that does not arrive keeps its older copy and is not a failure of the reference data.
    const year = Number(localDate(new Date(t)).slice(0, 4));
    await refreshRegisters(
      me.data.assignments.map((a) => a.cellId),
      year,
      { now: () => t },
    );
  }
  return [me, org, sets, reports, rules].find((r): r is ApiFailure => !r.ok) ?? null;
}

/** The cached routing rules alone (null: never fetched), for the issue editors. */
export async function readRoutingRules(): Promise<RoutingRule[] | null> {
  const db = await loadDb();
  return ((await db.cache.get('routingRules'))?.value as RoutingRule[] | undefined) ?? null;
}

/** Forgets the signed-out member's data (drafts stay: they belong to their author on this device). */
export async function clearReference(): Promise<void> {
  await (await loadDb()).cache.clear();
}

/** The province of a unit: the root above it in the cached graph (the caller's province). */
export function provinceOfUnit(orgUnits: readonly OrgUnit[], unitId: string): string | null {
  const byId = new Map(orgUnits.map((u) => [u.id, u]));
  let unit = byId.get(unitId);
  for (let hops = 0; unit?.parentId && hops < 100; hops++) unit = byId.get(unit.parentId);
  return unit && !unit.parentId ? unit.id : null;
}

/**
 * The criteria set in force for a cell on a date: the same choice the API makes (the cell's
 * province's own set, else a national one; never another province's or an unadopted template).
 * Null when none is in force: the form says so instead of guessing.
 */
export function criteriaSetFor(
  ref: Pick<ReferenceData, 'criteriaSets' | 'orgUnits'>,
  cellId: string,
  date: string,
): CriteriaSet | null {
  const cellType = ref.orgUnits.find((u) => u.id === cellId)?.cellType ?? null;
  return selectCriteriaSet(ref.criteriaSets, date, cellType, provinceOfUnit(ref.orgUnits, cellId));
}
