import { sql, type SQL } from 'drizzle-orm';
import {
  hasRole,
  isIssueOverdue,
  localDate,
  normalizeForSearch,
  RELATED_LIMIT,
  RELATED_RECENT_DAYS,
  toLocalIso,
  TRIAGE_KINDS,
  type IssueStatus,
  type RelatedIssue,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { loadAncestry } from '../org/graph.ts';
import { canSeeIssue } from '../org/scope.ts';
import { inForceOn } from '../org/sql.ts';
import { loadVisibleIssue } from './issues.ts';

/**
 * Related issues (issue 16). Titles are compared, lower case, without diacritics (đ → d: shared
 * `normalizeForSearch`): the normalised title is the head of `search_text`, which the same function
 * filled from the title then the detail, so `left(search_text, char_length(title))` reads it without
 * a column of its own (normalising never lengthens a title; a title typed with combining accents or
 * doubled spaces takes a few characters of its detail along). Whole-title similarity ≥ 0.3, or the
 * typed words found in the title (word_similarity ≥ 0.6). Open issues, and answered ones for 90
 * days.
 *
 * One statement, one round trip: the units at or below the commune (`units`: a recursive walk down
 * org_units_parent_idx, one parameterised index scan per unit through LATERAL … OFFSET 0 — a plain
 * join hash-joins the whole org_units table at each step), then each unit's candidates
 * (issues_cell_open_idx and issues_cell_closed_idx, BitmapOr, per unit: only ~1/7 of a commune's
 * history), and/or those sitting with a body; the comparison; and only for the ≤ `limit` rows kept,
 * the cell's name and its commune's (the nearest commune or district above it, as shared
 * `OrgIndex.triageBodyOf`: a walk up by primary key per row). pg_trgm's comparison of each
 * candidate was the bulk of the hint's time (~1,000 rows a commune at 1,000,000 issues); the stored
 * signatures (see `close` below) leave ~1 row in 8 to compare. The trigram indexes are of no use:
 * the texts of a province share most trigrams; the GIN index on search_text matched ~90% of the
 * table, and a btree_gin (cell, title trigrams) index read ~2,000 pages per cell, more than the
 * cell's rows (test/bench/related.ts prints the plan and p95).
 */
export function relatedSql(p: {
  needle: string;
  /** Issues raised in the cells at or below this unit (a commune). */
  communeId?: string;
  /** Issues sitting with this body. */
  bodyId?: string;
  since: Date;
  excludeId?: string;
  limit: number;
}): SQL {
  const since = sql`${p.since.toISOString()}::timestamptz`;
  const columns = sql`i.id, i.title, i.status, i.created_at, i.closed_at, i.duplicate_of, i.cell_id,
                      left(i.search_text, char_length(i.title)) as search_title,
                      i.author_id, i.responsible_body_id, i.due_at, i.ack_due_at`;
  const current = sql`(i.closed_at is null or i.closed_at >= ${since})`;
  // The prefilter (migration related_trigram_signature): a title sharing c of the a trigrams typed
  // has similarity c / (a + b - c) ≥ 0.3 only if c ≥ 0.3 (a + b) / 1.3, and word_similarity ≥ 0.6
  // only if c ≥ 0.6 a (an extent shares at most c). The signatures' popcount is ≥ c minus the
  // typed trigrams that fell on a bit already set (`lost`); 0.5 absorbs float rounding. A row
  // failing it cannot match: skipping it changes nothing but the time.
  const close = sql`bit_count(i.related_signature & t.sig) + t.lost + 0.5
                      >= least((0.3 / 1.3) * (t.a + i.related_trigrams), 0.6 * t.a)`;
  const sources: SQL[] = [];
  if (p.communeId)
    sources.push(sql`select i.* from units u
                      cross join lateral (select ${columns} from issues i, typed t
                                           where i.cell_id = u.id and ${current} and ${close}
                                          offset 0) i`);
  if (p.bodyId)
    sources.push(sql`select ${columns} from issues i, typed t
                      where i.responsible_body_id = ${p.bodyId} and ${current} and ${close}`);
  if (sources.length === 0) throw new Error('relatedSql: a commune or a body is needed');
  const triage = sql.raw(TRIAGE_KINDS.map((k) => `'${k}'`).join(', '));
  return sql`with recursive typed(sig, a, lost) as materialized (
                select sig, a, a - bit_count(sig)
                  from (select related_trgm_signature(${p.needle}) as sig,
                               related_trgm_count(${p.needle}) as a) x
              ), units(id, depth) as (
                select id, 0 from org_units where id = ${p.communeId ?? null}
                union all
                select o.id, u.depth + 1
                  from units u
                 cross join lateral (select id from org_units where parent_id = u.id offset 0) o
                 where u.depth < 8
              ), candidates as (${sql.join(sources, sql` union `)})
              select h.id, h.title, h.status, h.created_at, h.closed_at, h.duplicate_of, h.cell_id,
                     h.author_id, h.responsible_body_id, h.due_at, h.ack_due_at, h.similarity,
                     c.name as cell_name, t.name as commune_name
                from (select i.*, s.similarity
                        from candidates i
                       cross join lateral (select similarity(i.search_title, ${p.needle})::float8 as whole,
                                                  word_similarity(${p.needle}, i.search_title)::float8 as words) m
                       cross join lateral (select greatest(m.whole, m.words) as similarity) s
                       where (m.whole >= 0.3 or m.words >= 0.6)
                         ${p.excludeId ? sql`and i.id <> ${p.excludeId}::uuid` : sql``}
                       order by s.similarity desc, i.created_at desc, i.id
                       limit ${p.limit}) h
                join org_units c on c.id = h.cell_id
                left join lateral (
                  with recursive up(id, kind, name, parent_id, depth) as (
                    select id, kind, name, parent_id, 0 from org_units where id = h.cell_id
                    union all
                    select o.id, o.kind, o.name, o.parent_id, up.depth + 1
                      from up join org_units o on o.id = up.parent_id
                     where up.depth < 16
                  )
                  select name from up where depth > 0 and kind in (${triage}) order by depth limit 1
                ) t on true
               order by h.similarity desc, h.created_at desc, h.id`;
}

interface Row {
  id: string;
  title: string;
  status: IssueStatus;
  created_at: Date | string;
  closed_at: Date | string | null;
  duplicate_of: string | null;
  cell_id: string;
  cell_name: string;
  commune_name: string | null;
  similarity: number;
  author_id: string;
  responsible_body_id: string;
  due_at: Date | string;
  ack_due_at: Date | string | null;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

async function runRelated(
  db: Db,
  p: Parameters<typeof relatedSql>[0],
  visible?: (r: Row) => Promise<boolean>,
): Promise<RelatedIssue[]> {
  let rows = await queryRows<Row>(db, relatedSql(p));
  if (visible) {
    const kept: Row[] = [];
    for (const r of rows) if (kept.length < RELATED_LIMIT && (await visible(r))) kept.push(r);
    rows = kept;
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    cellName: r.cell_name,
    communeName: r.commune_name,
    createdAt: toLocalIso(asDate(r.created_at)),
    closedAt: r.closed_at ? toLocalIso(asDate(r.closed_at)) : null,
    similarity: Math.round(Number(r.similarity) * 1000) / 1000,
    duplicateOf: r.duplicate_of,
  }));
}

const sinceOf = (now: Date) => new Date(now.getTime() - RELATED_RECENT_DAYS * 86_400_000);

/**
 * Hints for the member writing an issue in `cellId`: similar issues raised in the cells of the same
 * commune. The caller must be able to write for the cell (assigned to it today), or be staff or a
 * leader of a body at or above it, or an admin; any other cell reads as 404, as an unknown one.
 * Only the title, status, cell, commune and dates are returned, never the detail or the answer.
 */
export async function relatedForCell(
  db: Db,
  user: AuthUser,
  q: { text: string; cellId: string },
  now: Date,
): Promise<RelatedIssue[]> {
  const index = await loadAncestry(db, [q.cellId]);
  const cell = index.get(q.cellId);
  if (cell?.kind !== 'cell') throw notFoundErrors.cell();
  let allowed = hasRole(user, 'admin');
  if (!allowed && hasRole(user, 'staff', 'leader'))
    allowed = index.isAncestorOrSelf(user.orgUnitId, q.cellId);
  if (!allowed) {
    const today = localDate(now);
    const [row] = await queryRows<{ found: boolean }>(
      db,
      sql`select exists(select 1 from assignments where user_id = ${user.id}::uuid and cell_id = ${q.cellId}
            and ${inForceOn(sql`valid_from`, sql`valid_to`, sql`${today}::date`)}) as found`,
    );
    allowed = row?.found === true;
  }
  if (!allowed) throw notFoundErrors.cell();
  const needle = normalizeForSearch(q.text);
  const communeId = index.triageBodyOf(q.cellId)?.id ?? cell.parentId ?? cell.id;
  return runRelated(db, { needle, communeId, since: sinceOf(now), limit: RELATED_LIMIT });
}

/**
 * Issues related to one the caller may read (404 otherwise): similar issues raised in the same
 * commune, when the caller's body is that commune or above it (admins: any), and those sitting
 * with the same body, when that body is the caller's (admins: any).
 */
export async function relatedForIssue(
  db: Db,
  user: AuthUser,
  id: string,
  now: Date,
): Promise<RelatedIssue[]> {
  const issue = await loadVisibleIssue(db, user, id, now);
  const admin = hasRole(user, 'admin');
  const staff = hasRole(user, 'staff', 'leader');
  let communeId: string | undefined;
  if (issue.communeId) {
    const index = await loadAncestry(db, [issue.communeId]);
    if (admin || (staff && index.isAncestorOrSelf(user.orgUnitId, issue.communeId)))
      communeId = issue.communeId;
  }
  const bodyId =
    admin || (staff && user.orgUnitId === issue.responsibleBodyId)
      ? issue.responsibleBodyId
      : undefined;
  if (!communeId && !bodyId) return [];
  // Staff read only the issues they could open (canSeeIssue): a commune's staff do not learn of
  // an issue of their commune that went straight to a provincial body.
  return runRelated(
    db,
    {
      needle: normalizeForSearch(issue.title),
      communeId,
      bodyId,
      since: sinceOf(now),
      excludeId: issue.id,
      limit: RELATED_LIMIT * 4,
    },
    (r) =>
      canSeeIssue(
        db,
        user,
        { id: r.id, authorId: r.author_id, responsibleBodyId: r.responsible_body_id },
        isIssueOverdue(
          {
            status: r.status,
            dueAt: asDate(r.due_at),
            ackDueAt: r.ack_due_at ? asDate(r.ack_due_at) : null,
          },
          now,
        ),
      ),
  );
}
