import type { Issue } from '@duhop/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { listInbox } from '../../utils/triage/calls.ts';
import { applyUpdate, type InboxFilters } from '../../utils/triage/inbox-filters.ts';

export interface InboxState {
  status: 'loading' | 'ready' | 'error';
  items: Issue[];
  counts: Record<string, number>;
  nextCursor: string | null;
  failure: ApiFailure | null;
  loadingMore: boolean;
}

const INITIAL: InboxState = { status: 'loading', items: [], counts: {}, nextCursor: null, failure: null, loadingMore: false };

/**
 * The inbox's pages for a filter state: the first page whenever the filters change (an answer
 * to older filters that arrives late is dropped), "load more" with the keyset cursor, and
 * in-place updates after actions.
 */
export function useInbox(filters: InboxFilters, isAdmin: boolean) {
  const [state, setState] = useState<InboxState>(INITIAL);
  const seq = useRef(0);
  const key = JSON.stringify(filters);

  const fetchPage = (cursor: string | null) =>
    listInbox(filters, { cursor, isAdmin });

  const reload = async () => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, status: 'loading', failure: null }));
    const res = await fetchPage(null);
    if (mine !== seq.current) return;
    if (res.ok) setState({ status: 'ready', items: res.data.items, counts: res.data.counts ?? {}, nextCursor: res.data.nextCursor, failure: null, loadingMore: false });
    else setState((s) => ({ ...s, status: 'error', failure: res }));
  };

  const loadMore = async () => {
    if (!state.nextCursor || state.loadingMore) return;
    const mine = seq.current;
    setState((s) => ({ ...s, loadingMore: true }));
    const res = await fetchPage(state.nextCursor);
    if (mine !== seq.current) return;
    if (!res.ok) return setState((s) => ({ ...s, loadingMore: false, failure: res }));
    setState((s) => {
      const known = new Set(s.items.map((i) => i.id));
      return { ...s, loadingMore: false, failure: null, items: [...s.items, ...res.data.items.filter((i) => !known.has(i.id))], nextCursor: res.data.nextCursor };
    });
  };

  const update = (issue: Issue) => setState((s) => ({ ...s, ...applyUpdate(s.items, s.counts, issue) }));

  useEffect(() => void reload(), [key]);
  return { state, reload, loadMore, update };
}
