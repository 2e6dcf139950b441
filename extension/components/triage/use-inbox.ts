import type { Issue } from '@duhop/shared';
import { listInbox } from '../../utils/triage/calls.ts';
import { applyUpdate, type InboxFilters } from '../../utils/triage/inbox-filters.ts';
import { useLoader } from '../ui/use-loader.ts';

export interface InboxPage {
  items: Issue[];
  counts: Record<string, number>;
  nextCursor: string | null;
}

/**
 * The inbox's pages for a filter state, on the shared loader: the first page whenever the filters
 * change (a late answer to older filters is dropped), "load more" with the keyset cursor, and
 * in-place updates after actions.
 */
export function useInbox(filters: InboxFilters, isAdmin: boolean) {
  const first = async () => {
    const res = await listInbox(filters, { cursor: null, isAdmin });
    return res.ok
      ? {
          ...res,
          data: {
            items: res.data.items,
            counts: res.data.counts ?? {},
            nextCursor: res.data.nextCursor,
          },
        }
      : res;
  };
  const { state, reload, more, update } = useLoader<InboxPage>(first, [JSON.stringify(filters)]);

  const loadMore = () => {
    const cursor = state.data?.nextCursor;
    if (!cursor) return Promise.resolve();
    return more(
      () => listInbox(filters, { cursor, isAdmin }),
      (d, page) => {
        const known = new Set(d.items.map((i) => i.id));
        return {
          ...d,
          items: [...d.items, ...page.items.filter((i) => !known.has(i.id))],
          nextCursor: page.nextCursor,
        };
      },
    );
  };
  const updateIssue = (issue: Issue) =>
    update((d) => ({ ...d, ...applyUpdate(d.items, d.counts, issue) }));
  return { state, reload, loadMore, update: updateIssue };
}
