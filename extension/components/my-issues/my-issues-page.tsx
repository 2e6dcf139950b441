import { isClosed, type Issue } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import { db } from '../../utils/db.ts';
import { listMyIssues, myIssuesKey } from '../../utils/my-issues/calls.ts';
import { formatDateTime } from '../../utils/format.ts';
import { errorText, useLocale, useT } from '../../utils/i18n/index.ts';
import { sendMessage } from '../../utils/messaging.ts';
import { myUnseenItem } from '../../utils/storage.ts';
import { useOrgUnits } from '../../utils/triage/org-units.ts';
import { useLiveQuery } from '../../utils/use-live-query.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { MyIssueCard } from './my-issue-card.tsx';
import '../triage/triage.css';

interface Cached {
  items: Issue[];
}

/**
 * `#/my-issues` in the side panel: the observer's issues with where they sit and the answers,
 * those returned for clarification first. Opening it reads the feed and marks the updates seen.
 */
export function MyIssuesPage(props: { userId: string; focusId?: string }) {
  const t = useT();
  const locale = useLocale();
  const key = myIssuesKey(props.userId);
  const cached = useLiveQuery(() => db.cache.get(key), [key]);
  const units = useOrgUnits();
  const [fresh, setFresh] = useState<readonly string[]>([]);
  // The page shows the cached copy; the loader refreshes it (after the poll below) and says whether that failed.
  const { state, reload: load } = useLoader(
    async () => {
      const res = await listMyIssues();
      if (res.ok)
        await db.cache.put({
          key,
          value: { items: res.data.items } satisfies Cached,
          fetchedAt: Date.now(),
        });
      return res;
    },
    [key],
    { manual: true },
  );
  const busy = state.status === 'loading';
  const failure = state.status === 'error' ? state.failure : null;
  useEffect(() => {
    void (async () => {
      await sendMessage('my-events/poll', {});
      await load();
      // What was new is highlighted this time, then counts as seen (the badge clears).
      setFresh(await myUnseenItem.getValue());
      await myUnseenItem.setValue([]);
    })();
  }, [props.userId]);

  if (cached.status === 'loading') return <Loading />;
  const entry = cached.status === 'ready' ? cached.value : undefined;
  const items = (entry?.value as Cached | undefined)?.items;
  if (!items) {
    if (busy) return <Loading />;
    return (
      <ErrorBox
        message={failure ? errorText(t, failure.code, failure.message) : t('loadFailed')}
        onRetry={load}
      />
    );
  }
  const groups = [
    { key: 'my_needsClarify' as const, list: items.filter((i) => i.status === 'returned') },
    {
      key: 'my_waiting' as const,
      list: items.filter((i) => i.status !== 'returned' && !isClosed(i.status)),
    },
    { key: 'my_answered' as const, list: items.filter((i) => isClosed(i.status)) },
  ];

  return (
    <article class="my-issues" data-testid="my-issues">
      <h1>{t('my_title')}</h1>
      {failure && entry && (
        <Notice kind="warn">
          {errorText(t, failure.code, failure.message)}{' '}
          {t('usingCached', { time: formatDateTime(entry.fetchedAt, locale) })}
        </Notice>
      )}
      {items.length === 0 && <Empty>{t('my_empty')}</Empty>}
      {groups
        .filter((g) => g.list.length)
        .map((g) => (
          <section key={g.key} aria-labelledby={`h-${g.key}`}>
            <h2 id={`h-${g.key}`}>
              {t(g.key)} ({g.list.length})
            </h2>
            {g.list.map((i) => (
              <MyIssueCard
                key={i.id}
                issue={i}
                unseen={fresh.includes(i.id)}
                focus={i.id === props.focusId}
                units={units}
                onChanged={load}
              />
            ))}
          </section>
        ))}
      <p class="actions">
        <a href="#/">{t('back')}</a>
        <button type="button" onClick={load} disabled={busy}>
          {busy ? t('loading') : t('refresh')}
        </button>
      </p>
    </article>
  );
}
