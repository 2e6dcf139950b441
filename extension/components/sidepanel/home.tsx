import { hasRole, localDate } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { db } from '../../utils/db.ts';
import { formatDateTime, formatMonth } from '../../utils/format.ts';
import { errorText, useLocale, useT } from '../../utils/i18n/index.ts';
import { monthStatuses } from '../../utils/month-status.ts';
import { readReference, refreshReference } from '../../utils/reference-data.ts';
import { useLiveQuery } from '../../utils/use-live-query.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { MyIssuesLink } from '../my-issues/my-issues-link.tsx';
import { DeadlineBanner } from '../synthesis/deadline-banner.tsx';
import { MyYear } from '../synthesis/my-year.tsx';
import { UndoToast, type Toast } from '../ui/undo-toast.tsx';
import { CellList } from './cell-list.tsx';
import { SentNotice } from './sent-notice.tsx';
import { DraftList, OutboxList } from './draft-lists.tsx';
import { SubmittedList } from './submitted-list.tsx';

/**
 * Home: this month's cells, what waits in the outbox, the open drafts and the submitted reports.
 * `sentId` (`#/sent/<id>`, right after "Gửi báo cáo") puts the confirmation of that report first.
 */
export function Home(props: { userId: string; sentId?: string }) {
  const t = useT();
  const locale = useLocale();
  const [refresh, setRefresh] = useState<{ busy: boolean; failure: ApiFailure | null }>({
    busy: true,
    failure: null,
  });
  const [toast, setToast] = useState<Toast | null>(null);
  const ref = useLiveQuery(readReference, []);
  const records = useLiveQuery(
    () =>
      db.drafts
        .where('status')
        .anyOf('draft', 'queued', 'submitted')
        .filter((r) => r.userId === props.userId)
        .toArray(),
    [props.userId],
  );

  const reload = async () => {
    setRefresh({ busy: true, failure: null });
    setRefresh({ busy: false, failure: await refreshReference() });
  };
  const delivered =
    records.status === 'ready' ? records.value.filter((r) => r.status === 'submitted').length : 0;
  // Again after each delivery, so the server's list and the statuses catch up.
  useEffect(() => void reload(), [props.userId, delivered]);

  if (ref.status === 'loading' || records.status === 'loading') return <Loading />;
  if (ref.status === 'error' || records.status === 'error')
    return <ErrorBox message={t('loadFailed')} onRetry={() => location.reload()} />;

  const today = localDate(new Date());
  const me = ref.value.me?.user.id === props.userId ? ref.value.me : null;
  const recs = [...records.value].sort((a, b) => b.updatedAt - a.updatedAt);
  const sent = props.sentId ? recs.find((r) => r.id === props.sentId) : undefined;
  const months = me
    ? monthStatuses(me.assignments, recs, ref.value.reports, today, me.reporting, me.user.id)
    : [];

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
      <section aria-labelledby="h-cells">
        <h1 id="h-cells">
          {t('homeTitle')} · {t('monthLabel', { month: formatMonth(today.slice(0, 7)) })}
        </h1>
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
