import type { DraftRecord } from '../../utils/db.ts';
import { formatDate, formatDateTime, formatTime } from '../../utils/format.ts';
import { navigate } from '../../utils/hash-route.ts';
import { errorText, useLocale, useT } from '../../utils/i18n/index.ts';
import { sendMessage } from '../../utils/messaging.ts';
import { Empty } from '../ui/states.tsx';
import type { Toast } from '../ui/undo-toast.tsx';

/** Reports waiting in the outbox: why the last try failed, when the next one is, and "send now". */
export function OutboxList(props: { records: DraftRecord[] }) {
  const t = useT();
  const locale = useLocale();
  if (!props.records.length) return null;
  return (
    <section aria-labelledby="h-outbox" class="outbox">
      <h2 id="h-outbox">
        {t('outbox')} ({props.records.length})
      </h2>
      <ul class="rows">
        {props.records.map((r) => (
          <li key={r.id} class="row" data-outbox={r.id}>
            <div class="grow">
              <strong>{r.data.cellName}</strong> · {formatDate(r.data.meetingDate, locale)}
              <div class="meta">
                {r.lastError && (
                  <span class="error-text">
                    {errorText(t, r.lastError.code, r.lastError.message)}
                  </span>
                )}
                {r.attempts > 0 && <span>{t('attempts', { n: r.attempts })}</span>}
                {r.nextAttemptAt && r.lastError?.kind === 'limit' && (
                  <span>
                    {t('dailyLimitNotice', { time: formatDateTime(r.nextAttemptAt, locale) })}
                  </span>
                )}
                {r.nextAttemptAt && r.lastError && r.lastError.kind !== 'limit' && (
                  <span>{t('nextAttempt', { time: formatTime(r.nextAttemptAt, locale) })}</span>
                )}
              </div>
            </div>
            <button type="button" onClick={() => void sendMessage('outbox/flush', { force: true })}>
              {t('sendNow')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Open drafts, newest first; deleting one offers an undo. */
export function DraftList(props: { records: DraftRecord[]; onToast: (t: Toast) => void }) {
  const t = useT();
  const locale = useLocale();
  const remove = async (r: DraftRecord) => {
    // The draft store brings Dexie: loaded on use, not with the home screen.
    const store = await import('../../utils/report/draft-store.ts');
    await store.deleteDraft(r.id);
    props.onToast({
      message: t('draftDeleted', { name: r.data.cellName }),
      undo: () => void store.restoreDraft(r.id),
    });
  };
  return (
    <section aria-labelledby="h-drafts">
      <h2 id="h-drafts">{t('drafts')}</h2>
      {props.records.length === 0 && <Empty>{t('noDrafts')}</Empty>}
      <ul class="rows">
        {props.records.map((r) => (
          <li key={r.id} class="row" data-draft={r.id}>
            <a class="grow" href={`#/draft/${r.id}`}>
              <strong>{r.data.cellName}</strong> · {formatDate(r.data.meetingDate, locale)}
              <div class="meta">
                <span>{t('updatedAt', { time: formatDateTime(r.updatedAt, locale) })}</span>
                {r.lastError?.kind === 'rejected' && (
                  <span class="pill pill--bad">
                    {errorText(t, r.lastError.code, r.lastError.message)}
                  </span>
                )}
              </div>
            </a>
            <button type="button" onClick={() => navigate('draft', r.id)}>
              {t('continueDraft')}
            </button>
            <button
              type="button"
              class="icon danger"
              aria-label={`${t('deleteDraft')}: ${r.data.cellName}`}
              title={t('deleteDraft')}
              onClick={() => remove(r)}
            >
              🗑
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
