import {
  Category as CategorySchema,
  INBOX_SORTS,
  IssueStatus,
  isHeldByNobody,
  normalizeForSearch,
  OPEN_STATUSES,
  type Category,
  type InboxSort,
  type Issue,
} from '@duhop/shared';

/**
 * The inbox's filter state and how it becomes the query of `GET /api/inbox`. Pure, so the
 * mapping (what is sent, what is left out as "no filter") is tested without a browser.
 */
export type InboxScope = 'own' | 'escalated';

export interface InboxFilters {
  scope: InboxScope;
  /** Empty: every status. */
  statuses: IssueStatus[];
  category: Category | '';
  communeId: string;
  cellId: string;
  overdue: '' | 'true' | 'false';
  /** Only issues due within this many days (still open); null: no limit. */
  dueWithinDays: number | null;
  q: string;
  /** Admin only: whose inbox to read (empty: every inbox of the admin's province). */
  bodyId: string;
  /** The order of the table (`GET /api/inbox?sort=`). */
  sort: InboxSort;
}

/** What a triage user sees first: what still waits for an answer, soonest due first. */
export const DEFAULT_FILTERS: Readonly<InboxFilters> = Object.freeze({
  scope: 'own',
  statuses: [...OPEN_STATUSES],
  category: '',
  communeId: '',
  cellId: '',
  overdue: '',
  dueWithinDays: null,
  q: '',
  bodyId: '',
  sort: 'next',
});

export const PAGE_SIZE = 50;
/** The statuses an inbox can hold, in canonical order (one answered at the meeting sits in none). */
export const INBOX_STATUSES: readonly IssueStatus[] = IssueStatus.options.filter(
  (s) => !isHeldByNobody(s),
);
const STATUS_ORDER = INBOX_STATUSES;

/** The query string parameters for one page of the inbox; filters that are "any" are left out. */
export function inboxQuery(
  f: InboxFilters,
  opts: { cursor?: string | null; limit?: number; isAdmin?: boolean } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const statuses = STATUS_ORDER.filter((s) => f.statuses.includes(s));
  if (statuses.length && statuses.length < STATUS_ORDER.length) out.status = statuses.join(',');
  if (f.category) out.category = f.category;
  if (f.communeId) out.communeId = f.communeId;
  if (f.cellId) out.cellId = f.cellId;
  const q = f.q.trim();
  if (q && normalizeForSearch(q)) out.q = q.slice(0, 200);
  if (f.overdue) out.overdue = f.overdue;
  if (f.dueWithinDays != null && Number.isFinite(f.dueWithinDays) && f.dueWithinDays >= 0) {
    out.dueWithinDays = String(Math.min(365, Math.floor(f.dueWithinDays)));
  }
  if (f.scope === 'escalated') out.scope = 'escalated';
  // An admin without a body chosen reads the whole province, not an empty inbox of their own.
  else if (opts.isAdmin && !f.bodyId) out.scope = 'all';
  if (opts.isAdmin && f.bodyId) out.bodyId = f.bodyId;
  if (f.sort !== 'due') out.sort = f.sort;
  if (opts.cursor) out.cursor = opts.cursor;
  out.limit = String(opts.limit ?? PAGE_SIZE);
  return out;
}

/** Whether anything narrows the list beyond the default (for the empty state and "clear filters"). */
export function isNarrowed(f: InboxFilters): boolean {
  const q = inboxQuery(f);
  const d = inboxQuery({ ...DEFAULT_FILTERS, scope: f.scope, bodyId: f.bodyId, sort: f.sort });
  return JSON.stringify(q) !== JSON.stringify(d);
}

/**
 * The filters as the query of the address (`#/inbox?status=routed&sort=age`), only what differs
 * from the default, so a reload, a bookmark or Back shows the same table.
 */
export function filtersToParams(f: InboxFilters): string {
  const p = new URLSearchParams();
  const statuses = STATUS_ORDER.filter((s) => f.statuses.includes(s));
  const defaults = STATUS_ORDER.filter((s) => DEFAULT_FILTERS.statuses.includes(s));
  if (statuses.join() !== defaults.join()) p.set('status', statuses.join(',') || 'all');
  if (f.scope !== 'own') p.set('scope', f.scope);
  for (const k of ['category', 'communeId', 'cellId', 'overdue', 'q', 'bodyId'] as const)
    if (f[k]) p.set(k, f[k]);
  if (f.dueWithinDays != null) p.set('dueWithinDays', String(f.dueWithinDays));
  if (f.sort !== DEFAULT_FILTERS.sort) p.set('sort', f.sort);
  return p.toString();
}

/** The filters of an address query; anything unknown or malformed falls back to the default. */
export function filtersFromParams(query: string): InboxFilters {
  const p = new URLSearchParams(query);
  const f: InboxFilters = { ...DEFAULT_FILTERS, statuses: [...DEFAULT_FILTERS.statuses] };
  const status = p.get('status');
  if (status === 'all') f.statuses = [];
  else if (status) {
    const known = status
      .split(',')
      .filter((s): s is IssueStatus => STATUS_ORDER.includes(s as IssueStatus));
    if (known.length) f.statuses = known;
  }
  if (p.get('scope') === 'escalated') f.scope = 'escalated';
  const category = CategorySchema.safeParse(p.get('category'));
  if (category.success) f.category = category.data;
  for (const k of ['communeId', 'cellId', 'bodyId'] as const) f[k] = (p.get(k) ?? '').slice(0, 100);
  f.q = (p.get('q') ?? '').slice(0, 200);
  const overdue = p.get('overdue');
  if (overdue === 'true' || overdue === 'false') f.overdue = overdue;
  const days = Number(p.get('dueWithinDays') ?? 'x');
  if (p.get('dueWithinDays') && Number.isInteger(days) && days >= 0 && days <= 365)
    f.dueWithinDays = days;
  const sort = p.get('sort');
  if (sort && (INBOX_SORTS as readonly string[]).includes(sort)) f.sort = sort as InboxSort;
  return f;
}

/** Toggles one status chip. */
export function toggleStatus(f: InboxFilters, s: IssueStatus): InboxFilters {
  return {
    ...f,
    statuses: f.statuses.includes(s) ? f.statuses.filter((x) => x !== s) : [...f.statuses, s],
  };
}

/**
 * Applies an issue the server returned after an action to the loaded page: the row is replaced
 * where it stands (the list does not jump under the keyboard) and the per-status counts move.
 */
export function applyUpdate(
  items: readonly Issue[],
  counts: Readonly<Record<string, number>>,
  updated: Issue,
): { items: Issue[]; counts: Record<string, number> } {
  const before = items.find((i) => i.id === updated.id);
  const next = { ...counts };
  if (before && before.status !== updated.status) {
    next[before.status] = Math.max(0, (next[before.status] ?? 0) - 1);
    next[updated.status] = (next[updated.status] ?? 0) + 1;
  }
  return {
    items: items.map((i) => (i.id === updated.id ? mergeIssue(i, updated) : i)),
    counts: next,
  };
}

/**
 * An issue as an action returned it (without the joined names) over the one on screen: the cell's
 * name stays, the body's goes when a forward moved the issue.
 */
export function mergeIssue<T extends Issue>(current: T, updated: Issue): T {
  const m = { ...current, ...updated };
  if (current.responsibleBodyId !== updated.responsibleBodyId && !updated.responsibleBodyName)
    delete m.responsibleBodyName;
  return m;
}
