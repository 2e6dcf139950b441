import { sql, type SQL } from 'drizzle-orm';
import {
  hasRole,
  isIssueOverdue,
  localDate,
  normalizeForSearch,
  RELATED_LIMIT,
  RELATED_RECENT_DAYS,
  toLocalIso,
  type IssueStatus,
  type RelatedIssue,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { loadAncestry } from '../org/graph.ts';
import { canSeeIssue } from '../org/scope.ts';
import { inForceOn, valueList } from '../org/sql.ts';
import { communesOf, loadVisibleIssue } from './issues.ts';

/**
 * Related issues (issue 16). Titles are compared, lower case, without diacritics (đ → d: shared
 * `normalizeForSearch`): the normalised title is the head of `search_text`, which the same function
 * filled from the title then the detail, so `left(search_text, char_length(title))` reads it without
 * a column of its own (normalising never lengthens a title; a title typed with combining accents or
 * doubled spaces takes a few characters of its detail along). Whole-title similarity ≥ 0.3, or the
 * typed words found in the title (word_similarity ≥ 0.6). Open issues, and answered ones for 90
 * days. The scope (a commune's cells, a body) is read first (OFFSET 0 keeps it a separate step):
 * issues_cell_open_idx and issues_cell_closed_idx (BitmapOr) return only the candidates, ~1/7 of a
 * commune's history. The trigram index is of no use: the texts of a province share most trigrams,
 * it matched ~90% of the table. Comparing titles rather than title and detail (~100 characters)
 * cut the comparison ~3 times, the bulk of the hint's time (test/bench/related.ts prints the plan
 * and p95).
 */
export function relatedSql(p: {
  needle: string;
  scope: SQL;
  since: Date;
  excludeId?: string;
  limit: number;
}): SQL {
  return sql`select i.id, i.title, i.status, i.created_at, i.closed_at, i.duplicate_of, i.cell_id,
                    i.author_id, i.responsible_body_id, i.due_at, i.ack_due_at,
                    c.name as cell_name, s.similarity
               from (select i.id, i.title, i.status, i.created_at, i.closed_at, i.duplicate_of, i.cell_id,
                            left(i.search_text, char_length(i.title)) as search_title,
                            i.author_id, i.responsible_body_id, i.due_at, i.ack_due_at
                       from issues i
                      where (${p.scope})
                        and (i.closed_at is null or i.closed_at >= ${p.since.toISOString()}::timestamptz)
                        ${p.excludeId ? sql`and i.id <> ${p.excludeId}::uuid` : sql``}
                     offset 0) i
              cross join lateral (select similarity(i.search_title, ${p.needle})::float8 as whole,
                                         word_similarity(${p.needle}, i.search_title)::float8 as words) m
              cross join lateral (select greatest(m.whole, m.words) as similarity) s
               join org_units c on c.id = i.cell_id
              where m.whole >= 0.3 or m.words >= 0.6
              order by s.similarity desc, i.created_at desc, i.id
              limit ${p.limit}`;
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
  const communes = await communesOf(
    db,
    rows.map((r) => r.cell_id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    cellName: r.cell_name,
    communeName: communes.get(r.cell_id)?.communeName ?? null,
    createdAt: toLocalIso(asDate(r.created_at)),
    closedAt: r.closed_at ? toLocalIso(asDate(r.closed_at)) : null,
    similarity: Math.round(Number(r.similarity) * 1000) / 1000,
    duplicateOf: r.duplicate_of,
  }));
}

/**
 * The units at or below `rootId`, three levels per round trip through org_units_parent_idx (a
 * commune is two or three levels deep: one query; another only when the third level has units;
 * OFFSET 0 keeps each level a parameterised index scan, not a hash join of the whole table).
 * The recursive CTE of org/sql.ts hash-joins the whole org_units table at each step (~15 ms at the
 * benchmark's 3,800 units); the hint passes the ids as constants so that the cell indexes read only
 * the commune's issues.
 */
export async function unitIdsBelow(db: Db, rootId: string): Promise<string[]> {
  const all = new Set([rootId]);
  let frontier = [rootId];
  for (let depth = 0; frontier.length > 0 && depth < 8; depth += 3) {
    const rows = await queryRows<{ a: string; b: string | null; c: string | null }>(
      db,
      sql`select u1.id as a, u2.id as b, u3.id as c
            from org_units u1
            left join lateral (select id from org_units where parent_id = u1.id offset 0) u2 on true
            left join lateral (select id from org_units where parent_id = u2.id offset 0) u3 on true
           where u1.parent_id in (${valueList(frontier)})`,
    );
    const next: string[] = [];
    for (const r of rows) {
      all.add(r.a);
      if (r.b) all.add(r.b);
      if (r.c && !all.has(r.c)) {
        all.add(r.c);
        next.push(r.c);
      }
    }
    frontier = next;
  }
  return [...all];
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
  return runRelated(db, {
    needle,
    scope: sql`i.cell_id in (${valueList(await unitIdsBelow(db, communeId))})`,
    since: sinceOf(now),
    limit: RELATED_LIMIT,
  });
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
  const parts: SQL[] = [];
  if (issue.communeId) {
    const index = await loadAncestry(db, [issue.communeId]);
    if (admin || (staff && index.isAncestorOrSelf(user.orgUnitId, issue.communeId)))
      parts.push(sql`i.cell_id in (${valueList(await unitIdsBelow(db, issue.communeId))})`);
  }
  if (admin || (staff && user.orgUnitId === issue.responsibleBodyId))
    parts.push(sql`i.responsible_body_id = ${issue.responsibleBodyId}`);
  if (parts.length === 0) return [];
  // Staff read only the issues they could open (canSeeIssue): a commune's staff do not learn of
  // an issue of their commune that went straight to a provincial body.
  return runRelated(
    db,
    {
      needle: normalizeForSearch(issue.title),
      scope: sql.join(parts, sql` or `),
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
