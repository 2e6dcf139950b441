import { hasRole, localDate } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import { useOnline } from '../../utils/hash-route.ts';
import type { ApiFailure } from '../../utils/api.ts';
import type { CacheEntry, DraftStatus } from '../../utils/db.ts';
import { loadDb } from '../../utils/db-lazy.ts';
import { waitingItems } from '../../utils/home-waiting.ts';
import { readCachePlain, readDraftsPlain } from '../../utils/idb-plain.ts';
import { myIssuesKey, refreshMyIssues, type MyIssuesCache } from '../../utils/my-issues/calls.ts';
import { formatDateTime, formatMonth } from '../../utils/format.ts';
import { errorText, useLocale, useT } from '../../utils/i18n/index.ts';
import { monthStatuses } from '../../utils/month-status.ts';
import { readReference, readReferencePlain, refreshReference } from '../../utils/reference-data.ts';
import { useLiveRead } from '../../utils/use-live-read.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { MyIssuesLink } from '../my-issues/my-issues-link.tsx';
import { DeadlineBanner } from '../synthesis/deadline-banner.tsx';
import { MyYear } from '../synthesis/my-year.tsx';
import { UndoToast, type Toast } from '../ui/undo-toast.tsx';
import { CellList } from './cell-list.tsx';
import { SentNotice } from './sent-notice.tsx';
import { DraftList, OutboxList } from './draft-lists.tsx';
import { SubmittedList } from './submitted-list.tsx';
import { WaitingList } from './waiting-list.tsx';

const LISTED: DraftStatus[] = ['draft', 'queued', 'submitted'];

/**
 * Home: what waits on the member first (issues returned for clarification, reports owed this
 * month), then this month's cells, what waits in the outbox, the open drafts and the submitted reports.
 * `sentId` (`#/sent/<id>`, right after "Gửi báo cáo") puts the confirmation of that report first.
 * It paints from a plain IndexedDB read (utils/idb-plain.ts); Dexie's live queries take over after
 * that first paint (utils/use-live-read.ts), so Dexie is not in the panel's first load.
 */
export function Home(props: { userId: string; sentId?: string }) {
  const t = useT();
  const locale = useLocale();
  const online = useOnline();
  const [refresh, setRefresh] = useState<{ busy: boolean; failure: ApiFailure | null }>({
    busy: true,
    failure: null,
  });
  const [toast, setToast] = useState<Toast | null>(null);
  const ref = useLiveRead(readReferencePlain, readReference, []);
  const records = useLiveRead(
    () => readDraftsPlain(props.userId, LISTED),
    async () =>
      (await loadDb()).drafts
        .where('status')
        .anyOf(LISTED)
        .filter((r) => r.userId === props.userId)
        .toArray(),
    [props.userId],
  );
  // The member's issues as last fetched (the my issues page keeps the same entry).
  const key = myIssuesKey(props.userId);
  const mine = useLiveRead<CacheEntry | null>(
    async () => (await readCachePlain([key]))[0] ?? null,
    async () => (await (await loadDb()).cache.get(key)) ?? null,
    [key],
  );
  const [mineFailed, setMineFailed] = useState(false);

  const reload = async () => {
    setRefresh({ busy: true, failure: null });
    const [failure, mineFailure] = await Promise.all([
      refreshReference(),
      refreshMyIssues(props.userId),
    ]);
    setMineFailed(!!mineFailure);
    setRefresh({ busy: false, failure });
  };
  const delivered =
    records.status === 'ready' ? records.value.filter((r) => r.status === 'submitted').length : 0;
  // Again after each delivery, so the server's list and the statuses catch up.
  useEffect(() => void reload(), [props.userId, delivered]);

  if (ref.status === 'loading' || records.status === 'loading' || mine.status === 'loading')
    return <Loading />;
  if (ref.status === 'error' || records.status === 'error' || mine.status === 'error')
    return <ErrorBox message={t('loadFailed')} onRetry={() => location.reload()} />;

  const today = localDate(new Date());
  const me = ref.value.me?.user.id === props.userId ? ref.value.me : null;
  const recs = [...records.value].sort((a, b) => b.updatedAt - a.updatedAt);
  const sent = props.sentId ? recs.find((r) => r.id === props.sentId) : undefined;
  const months = me
    ? monthStatuses(me.assignments, recs, ref.value.reports, today, me.reporting, me.user.id)
    : [];
  const issues = (mine.value?.value as MyIssuesCache | undefined)?.items ?? [];
  const waiting = me ? waitingItems(issues, months, today, me.user.id) : [];
  // From the cache: say when it was fetched (offline, or the server did not answer this time).
  const stale = (!online || mineFailed || !!refresh.failure) && !refresh.busy;

  return (
    <div class="home">
      {sent && <SentNotice record={sent} orgUnits={ref.value.orgUnits} />}
      {refresh.failure && (
        <Notice kind="warn">
          {errorText(t, refresh.failure.code, refresh.failure.message)}{' '}
          {ref.value.fetchedAt &&
            t('usingCached', { time: formatDateTime(ref.value.fetchedAt, locale) })}{' '}
          <button type="button" class="link" onClick={reload}>
            {t('retry')}
          </button>
        </Notice>
      )}
      <h1 id="h-cells">
        {t('homeTitle')} · {t('monthLabel', { month: formatMonth(today.slice(0, 7)) })}
      </h1>
      {me && (me.assignments.length > 0 || waiting.length > 0) && (
        <WaitingList
          items={waiting}
          assignments={me.assignments}
          userId={props.userId}
          today={today}
          fetchedAt={stale ? (mine.value?.fetchedAt ?? ref.value.fetchedAt) : null}
        />
      )}
      <section aria-labelledby="h-cells">
        <DeadlineBanner me={me} cells={months.filter((c) => c.expected)} today={today} />
        {!me && refresh.busy ? <Loading /> : !me ? <Empty>{t('loadFailed')}</Empty> : null}
        {me && me.assignments.length === 0 && (
          // Staff and leaders without the observer role attend no cell: their work is in the workspace.
          <Empty>{t(hasRole(me.user, 'observer') ? 'noAssignments' : 'notAnObserver')}</Empty>
        )}
        {me && me.assignments.length > 0 && (
          <CellList
            cells={months}
            assignments={me.assignments}
            userId={props.userId}
            today={today}
          />
        )}
      </section>
      <MyIssuesLink />
      {me && me.assignments.length > 0 && <MyYear year={Number(today.slice(0, 4))} />}
      <OutboxList records={recs.filter((r) => r.status === 'queued')} />
      <DraftList records={recs.filter((r) => r.status === 'draft')} onToast={setToast} />
      <SubmittedList
        local={recs.filter((r) => r.status === 'submitted')}
        server={ref.value.reports}
      />
      <UndoToast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
