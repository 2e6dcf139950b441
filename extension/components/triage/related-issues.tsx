import type { ActorKind, IssueWithEvents, RelatedIssue } from '@duhop/shared';
import { CLOSED_STATUSES } from '@duhop/shared';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiResult } from '../../utils/api.ts';
import { formatDate, formatPercent } from '../../utils/format.ts';
import { errorText, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import type { Translate } from '../../utils/i18n/translate.ts';
import {
  getIssueRelated,
  markDuplicate,
  STALE_CODES,
  unmarkDuplicate,
} from '../../utils/triage/calls.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';

/** One related issue: title, status, where and when it was raised (names, dd/mm/yyyy). */
export function RelatedItem(props: {
  item: RelatedIssue;
  t: Translate;
  locale: ReturnType<typeof useLocale>;
  children?: ComponentChildren;
}) {
  const { item, t, locale } = props;
  return (
    <li class="related-item" data-related-id={item.id}>
      <div class="related-head">
        <span class="related-title">{item.title}</span>
        <span class={`pill pill--st-${item.status}`}>{t(`st_${item.status}` as MessageKey)}</span>
        {item.duplicateOf && <span class="pill">{t('rel_isDuplicate')}</span>}
      </div>
      <div class="meta">
        {item.communeName
          ? t('rel_origin', {
              cell: item.cellName,
              commune: item.communeName,
              date: formatDate(item.createdAt, locale),
            })
          : `${item.cellName} · ${formatDate(item.createdAt, locale)}`}
        {' · '}
        {t('rel_similarity', { percent: formatPercent(item.similarity * 100, locale) })}
      </div>
      {props.children}
    </li>
  );
}

/**
 * The workspace issue view's "Kiến nghị liên quan": similar issues of the same commune or body, and
 * for staff acting on the issue the "Đánh dấu trùng với…" action (or its undoing).
 */
export function RelatedIssues(props: {
  issue: IssueWithEvents;
  kinds: readonly ActorKind[];
  onUpdated: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { issue } = props;
  const { state, reload } = useLoader(() => getIssueRelated(issue.id), [issue.id, issue.version]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const canMark =
    props.kinds.some((k) => k === 'holder' || k === 'parent' || k === 'admin') &&
    !CLOSED_STATUSES.includes(issue.status);
  const canUnmark = props.kinds.some((k) => k === 'holder' || k === 'parent' || k === 'admin');
  // The original's title, as the `duplicate` event recorded it (names, never ids).
  const originalTitle = [...issue.events].reverse().find((e) => e.type === 'duplicate')?.note ?? '';

  const run = async (fn: () => Promise<ApiResult<unknown>>, ok: string) => {
    setBusy(true);
    setMessage(null);
    const res = await fn();
    setBusy(false);
    if (res.ok) {
      setMessage({ kind: 'ok', text: ok });
      props.onUpdated();
      return;
    }
    setMessage({ kind: 'error', text: errorText(t, res.code, res.message) });
    if (STALE_CODES.includes(res.code)) props.onUpdated();
  };

  const items = state.data?.items ?? [];
  return (
    <section class="related" data-testid="related-issues" aria-busy={busy}>
      <h2>{t('rel_blockTitle')}</h2>
      {message && <Notice kind={message.kind === 'ok' ? 'ok' : 'error'}>{message.text}</Notice>}
      {issue.duplicateOf && (
        <Notice kind="info">
          <span data-testid="duplicate-of">{t('rel_duplicateOf', { title: originalTitle })}</span>{' '}
          {canUnmark && (
            <button
              type="button"
              class="link"
              disabled={busy}
              onClick={() =>
                void run(() => unmarkDuplicate(issue.id, issue.version), t('rel_unmarked'))
              }
            >
              {t('rel_unmark')}
            </button>
          )}
        </Notice>
      )}
      {state.status === 'loading' && !state.data ? (
        <Loading />
      ) : state.status === 'error' ? (
        <ErrorBox
          message={errorText(t, state.failure.code, state.failure.message)}
          onRetry={() => void reload()}
        />
      ) : items.length === 0 ? (
        <Empty>{t('rel_none')}</Empty>
      ) : (
        <ul class="related-list">
          {items.map((item) => (
            <RelatedItem key={item.id} item={item} t={t} locale={locale}>
              {canMark && !issue.duplicateOf && !item.duplicateOf && (
                <button
                  type="button"
                  class="secondary small"
                  disabled={busy}
                  aria-label={t('rel_markDuplicateOf', { title: item.title })}
                  onClick={() =>
                    void run(() => markDuplicate(issue.id, item.id, issue.version), t('rel_marked'))
                  }
                >
                  {t('rel_markDuplicate')}
                </button>
              )}
            </RelatedItem>
          ))}
        </ul>
      )}
    </section>
  );
}
