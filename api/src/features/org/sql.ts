import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { TRIAGE_KINDS } from '@duhop/shared';

/**
 * The organisation graph in SQL, in one place: the subtree and ancestor walks and the "in force on
 * a date" condition. Every recursive CTE over `org_units` is written here. UNION (not UNION ALL)
 * stops each walk at a cycle in bad data. The in-memory twin is `OrgIndex` in shared.
 */

/** A comma-separated list of bound values, for `in (…)`. */
export const valueList = (values: readonly string[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * `from <= date and (to is null or to >= date)`: a period of validity (of a unit, an assignment, a
 * criteria set) in force on `date`; the SQL twin of shared `isOpenOn`.
 */
export const inForceOn = (from: SQL, to: SQL, date: SQL): SQL =>
  sql`${from} <= ${date} and (${to} is null or ${to} >= ${date})`;

/**
 * `select id from d`, the ids below `rootId` (with it when `self`), as a statement for `in (…)`
 * or a subquery.
 */
export function subtreeIdsSql(rootId: string, opts: { self: boolean }): SQL {
  const seed = opts.self ? sql`id = ${rootId}` : sql`parent_id = ${rootId}`;
  return sql`with recursive d as (
          select id from org_units where ${seed}
          union
          select o.id from org_units o join d on o.parent_id = d.id
        ) select id from d`;
}

/** `column in (…)`: the column names `rootId` (when `self`) or a unit below it. */
export const inSubtree = (column: AnyColumn | SQL, rootId: string, opts: { self: boolean }): SQL =>
  sql`${column} in (${subtreeIdsSql(rootId, opts)})`;

/** Every column of the units `ids` and of all their ancestors (`select * from up`). */
export function ancestrySql(ids: readonly string[]): SQL {
  return sql`with recursive up as (
          select * from org_units where id in (${valueList(ids)})
          union
          select o.* from org_units o join up on o.id = up.parent_id
        ) select * from up`;
}

/**
 * A recursive CTE named `sub` with every unit at or below `rootId` and, for each, the committee
 * (commune/district) it belongs to within that subtree (`triage_id`, `triage_name`; the root
 * itself when there is none between).
 */
export function subtreeCte(rootId: string): SQL {
  const triage = sql.raw(TRIAGE_KINDS.map((k) => `'${k}'`).join(', '));
  return sql`sub(id, kind, triage_id, triage_name) as (
      select id, kind, id, name from org_units where id = ${rootId}
      union
      select o.id, o.kind,
             case when o.kind in (${triage}) then o.id else sub.triage_id end,
             case when o.kind in (${triage}) then o.name else sub.triage_name end
        from org_units o join sub on o.parent_id = sub.id
    )`;
}

/**
 * The recursive query behind `loadRoutingGraph`, for embedding in a larger statement: the cell, the
 * bodies the observer named, the targets of the province's routing rules, their ancestors and
 * successors. The seeds are two index lookups joined by UNION rather than one
 * `id in (…) or id in (subquery)` filter: the OR made PostgreSQL estimate half of org_units per
 * step, price the CTE above `jit_above_cost` and spend ~200 ms compiling it on every submission
 * (EXPLAIN ANALYZE in test/bench).
 */
export function routingGraphSql(cellId: string, extraIds: readonly string[]): SQL {
  const seeds = [cellId, ...extraIds];
  return upAndOnwardSql([
    sql`select * from org_units where id in (${valueList(seeds)})`,
    ruleTargetsSql(sql`(select province_id from org_units where id = ${cellId})`),
  ]);
}

/** The targets of a province's routing rules, their ancestors and successors (the reference cache's part). */
export const ruleTargetsGraphSql = (provinceId: string | null): SQL =>
  upAndOnwardSql([ruleTargetsSql(sql`${provinceId}`)]);

/** `select * from org_units` for the units a province's routing rules send issues to. */
const ruleTargetsSql = (provinceId: SQL): SQL =>
  sql`select * from org_units
           where id in (select target_body_id from routing_rules where province_id = ${provinceId})`;

/** Every column of the seed units and of their ancestors and successors (`select * from g`). */
function upAndOnwardSql(seeds: readonly SQL[]): SQL {
  return sql`with recursive g as (
          ${sql.join([...seeds], sql` union `)}
          union
          select o.* from org_units o join g on o.id = g.parent_id or o.id = g.successor_id
        ) select * from g`;
}
