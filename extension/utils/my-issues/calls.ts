import type { Issue } from '@duhop/shared';
import { request, type ApiFailure } from '../api.ts';
import { loadDb } from '../db-lazy.ts';

/** The observer's own issues, with where each sits and its answer. */
export const listMyIssues = () => request((c) => c.api.my.issues.$get({ query: {} }));

/** Where the member's issues are kept for offline use (the cache table; my issues page and home). */
export const myIssuesKey = (userId: string) => `myIssues:${userId}`;

/** The cached copy of the member's issues. */
export interface MyIssuesCache {
  items: Issue[];
}

/** Fetches the member's issues and keeps them in the cache; the failure, if any. */
export async function refreshMyIssues(
  userId: string,
  now: () => number = Date.now,
): Promise<ApiFailure | null> {
  const res = await listMyIssues();
  if (!res.ok) return res;
  const db = await loadDb();
  await db.cache.put({
    key: myIssuesKey(userId),
    value: { items: res.data.items } satisfies MyIssuesCache,
    fetchedAt: now(),
  });
  return null;
}
