import {
  hasRole,
  localDate,
  TRANSITIONS,
  type ActionType,
  type InboxSort,
  type Issue,
} from '@duhop/shared';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { hashQuery, replaceHashQuery, useOnline } from '../../utils/hash-route.ts';
import { errorText, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { sessionItem, type Session } from '../../utils/storage.ts';
import {
  filtersFromParams,
  filtersToParams,
  isNarrowed,
  type InboxFilters,
} from '../../utils/triage/inbox-filters.ts';
import {
  EMPTY_NAV,
  isTypingTarget,
  keyCommand,
  navReducer,
  targets,
} from '../../utils/triage/inbox-keys.ts';
import { runBulk, type BulkExtra } from '../../utils/triage/calls.ts';
import { forwardTargets, useOrgUnits } from '../../utils/triage/org-units.ts';
import { neighbour } from '../../utils/triage/triage-table.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { BulkBar, BulkSummary, type BulkOutcome } from './bulk-bar.tsx';
import { InboxFilterBar } from './inbox-filter-bar.tsx';
import { InboxRow } from './inbox-row.tsx';
import { IssueView } from './issue-view.tsx';
import { useInbox } from './use-inbox.ts';
import './triage.css';

/** `#/inbox[/<id>]?<filters>`: the filters stay in the address whether the list or an issue shows. */
const inboxHash = (id: string | null, query: string) =>
  `#/inbox${id ? `/${encodeURIComponent(id)}` : ''}${query ? `?${query}` : ''}`;

/** The sortable columns and the order each header asks for. */
const SORTABLE: readonly { sort: InboxSort; label: MessageKey }[] = [
  { sort: 'ack', label: 'tg_colAckDue' },
  { sort: 'due', label: 'tg_colAnswerDue' },
  { sort: 'age', label: 'tg_colAge' },
  { sort: 'activity', label: 'tg_colActivity' },
];

const SEARCH_DEBOUNCE_MS = 300;
/** The statuses the acknowledge action leaves from (the lifecycle table). */
const ACKNOWLEDGEABLE = TRANSITIONS.acknowledge.from;

/**
 * `#/inbox`: the triage inbox; `#/inbox/<id>`: one issue. The list stays mounted (hidden) while an
 * issue is open, so its filters, pages, cursor and selection are there on the way back.
 */
export function InboxPage(props: { params: string[] }) {
  const t = useT();
  const session = useStorageItem(sessionItem);
  if (!session) return <Loading />;
  if (!hasRole(session.user, 'staff', 'leader', 'admin'))
    return <Notice kind="info">{t('tg_staffOnly')}</Notice>;
  return <Inbox key={session.user.id} session={session} openId={props.params[0] ?? null} />;
}

function Inbox(props: { session: Session; openId: string | null }) {
  const t = useT();
  const { user } = props.session;
  const isAdmin = hasRole(user, 'admin');
  const units = useOrgUnits();
  // The filters come from the address (a reload, a bookmark, Back) and are written back to it.
  const [filters, setFilters] = useState<InboxFilters>(() => filtersFromParams(hashQuery()));
  const [search, setSearch] = useState(filters.q);
  const query = filtersToParams(filters);
  useEffect(() => replaceHashQuery(query), [query, props.openId]);
  const online = useOnline();
  /** The confirmation of an action, shown on the issue opened after it. */
  const [flash, setFlash] = useState<{ id: string; text: string } | null>(null);
  const open = (id: string | null) => {
    location.hash = inboxHash(id, query);
  };
  const { state, reload, loadMore, update } = useInbox(filters, isAdmin);
  const items = state.data?.items ?? [];
  const [nav, dispatch] = useReducer(navReducer, EMPTY_NAV);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const bodyId = (isAdmin && filters.bodyId) || user.orgUnitId;

  // The search box is debounced: one request once typing pauses.
  useEffect(() => {
    if (search === filters.q) return;
    const id = setTimeout(() => setFilters((f) => ({ ...f, q: search })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [search]);

  const ids = items.map((i) => i.id);
  useEffect(() => dispatch({ type: 'items', ids }), [ids.join()]);
  useEffect(() => {
    listRef.current?.querySelector('[data-active="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [nav.active]);

  const byId = new Map(items.map((i) => [i.id, i]));
  const selected = nav.selected.map((id) => byId.get(id)).filter((i): i is Issue => !!i);

  const bulk = async (type: ActionType, list: readonly Issue[], extra: BulkExtra = {}) => {
    if (!list.length) return;
    setBusy(true);
    const res = await runBulk(type, list, extra);
    setBusy(false);
    if (!res.ok) {
      setOutcome({
        type,
        results: list.map((i) => ({
          id: i.id,
          ok: false,
          status: res.status ?? 0,
          error: { code: res.code, message: res.message },
        })),
      });
      return;
    }
    for (const r of res.data.results) if (r.issue) update(r.issue);
    dispatch({ type: 'clear' });
    setOutcome({ type, results: res.data.results });
  };
  const acknowledge = (list: readonly Issue[]) => {
    const ready = list.filter((i) => ACKNOWLEDGEABLE.includes(i.status));
    if (!ready.length) return setOutcome({ type: 'acknowledge', results: [] });
    void bulk('acknowledge', ready);
  };

  // Inside an issue: j/k the next or previous issue of the list, Escape back to the list.
  useEffect(() => {
    const openId = props.openId;
    if (!openId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        open(null);
      } else if (e.key === 'j' || e.key === 'k') {
        const to = neighbour(ids, openId, e.key === 'j' ? 1 : -1);
        if (!to) return;
        e.preventDefault();
        dispatch({ type: 'focus', id: to });
        open(to);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  // Keyboard triage while the list is on screen.
  useEffect(() => {
    if (props.openId) return;
    const onKey = (e: KeyboardEvent) => {
      const cmd = keyCommand({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        inField: isTypingTarget(e.target),
      });
      if (!cmd) return;
      // Enter on a focused button or link does its own thing.
      if (cmd === 'open' && (e.target as HTMLElement | null)?.closest?.('button, a')) return;
      e.preventDefault();
      if (cmd === 'next') dispatch({ type: 'move', delta: 1 });
      else if (cmd === 'prev') dispatch({ type: 'move', delta: -1 });
      else if (cmd === 'toggle') dispatch({ type: 'toggle' });
      else if (cmd === 'search') searchRef.current?.focus();
      else if (cmd === 'open') {
        const id = nav.ids[nav.active];
        if (id) open(id);
      } else if (cmd === 'acknowledge' && !busy) {
        acknowledge(
          targets(nav)
            .map((id) => byId.get(id))
            .filter((i): i is Issue => !!i),
        );
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const narrowed = isNarrowed(filters);
  const emptyText =
    filters.scope === 'escalated' && !narrowed
      ? t('tg_emptyEscalated')
      : narrowed
        ? t('tg_emptyFiltered')
        : t('tg_empty');
  const allSelected = ids.length > 0 && nav.selected.length === ids.length;
  const showBody = filters.scope === 'escalated' || (isAdmin && !filters.bodyId);
  const now = new Date();
  const sortBy = (sort: InboxSort) => setFilters((f) => ({ ...f, sort }));

  return (
    <>
      <section class="inbox" hidden={!!props.openId} aria-labelledby="h-inbox">
        <h1 id="h-inbox">{t('navInbox')}</h1>
        <InboxFilterBar
          filters={filters}
          onChange={setFilters}
          search={search}
          onSearch={setSearch}
          searchRef={searchRef}
          // Offline, or before the first answer, the counts are unknown ("—"), never 0.
          counts={online && state.data ? state.data.counts : null}
          units={units}
          bodyId={bodyId}
          isAdmin={isAdmin}
        />
        <p class="hint keys-hint">{t('tg_keysHint')}</p>
        {outcome &&
          (outcome.results.length ? (
            <BulkSummary
              outcome={outcome}
              titles={new Map(items.map((i) => [i.id, i.title]))}
              onClose={() => setOutcome(null)}
            />
          ) : (
            <Notice kind="warn">{t('tg_nothingToAck')}</Notice>
          ))}
        <BulkBar
          selected={selected}
          targets={forwardTargets(units, localDate(new Date()), bodyId)}
          busy={busy}
          onAcknowledge={() => acknowledge(selected)}
          onForward={(toBodyId, note) => void bulk('forward', selected, { toBodyId, note })}
          onSchedule={(input) => void bulk('schedule', selected, input)}
          onClear={() => dispatch({ type: 'clear' })}
        />
        <div class="list-head">
          <label class="inline">
            {t('tg_sortBy')}
            <select
              value={filters.sort}
              onChange={(e) => sortBy(e.currentTarget.value as InboxSort)}
              data-testid="inbox-sort"
            >
              {(['next', 'due', 'ack', 'age', 'activity'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`tg_sort_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <span class="grow" />
          {state.status === 'loading' && (
            <span class="spinner" role="status" aria-label={t('loading')} />
          )}
          <span class="hint">{t('tg_shown', { n: items.length })}</span>
        </div>
        {state.status === 'error' && !items.length ? (
          <ErrorBox
            message={errorText(t, state.failure.code, state.failure.message)}
            onRetry={() => void reload()}
          />
        ) : state.status === 'loading' && !items.length ? (
          <Loading />
        ) : !items.length ? (
          <Empty>{emptyText}</Empty>
        ) : (
          <>
            <div class="inbox-table-wrap">
              <table class="inbox-table" aria-labelledby="h-inbox">
                <thead>
                  <tr>
                    <td class="check-cell">
                      <input
                        type="checkbox"
                        aria-label={t('tg_selectAll')}
                        checked={allSelected}
                        onChange={() => dispatch({ type: 'selectAll' })}
                      />
                    </td>
                    <th scope="col">{t('tg_colTitle')}</th>
                    <th scope="col">{t('tg_colCategory')}</th>
                    <th scope="col">{t('tg_colOrigin')}</th>
                    {showBody && <th scope="col">{t('tg_colBody')}</th>}
                    <th scope="col">{t('tg_colStatus')}</th>
                    {SORTABLE.map((c) => (
                      <th
                        key={c.sort}
                        scope="col"
                        aria-sort={
                          filters.sort === c.sort
                            ? c.sort === 'activity'
                              ? 'descending'
                              : 'ascending'
                            : undefined
                        }
                      >
                        <button
                          type="button"
                          class="sort"
                          data-sort={c.sort}
                          onClick={() => sortBy(c.sort)}
                        >
                          {t(c.label)}
                          <span aria-hidden="true">
                            {filters.sort === c.sort ? (c.sort === 'activity' ? ' ↓' : ' ↑') : ''}
                          </span>
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody ref={listRef}>
                  {items.map((issue, i) => (
                    <InboxRow
                      key={issue.id}
                      issue={issue}
                      href={inboxHash(issue.id, query)}
                      active={i === nav.active}
                      selected={nav.selected.includes(issue.id)}
                      showBody={showBody}
                      now={now}
                      onToggle={() => dispatch({ type: 'toggle', id: issue.id })}
                      onFocus={() => dispatch({ type: 'focus', id: issue.id })}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            {state.failure && state.status === 'ready' && (
              <Notice kind="error">
                {errorText(t, state.failure.code, state.failure.message)}
              </Notice>
            )}
            {state.data?.nextCursor && (
              <p>
                <button type="button" onClick={() => void loadMore()} disabled={state.more}>
                  {state.more ? t('loading') : t('tg_loadMore')}
                </button>
              </p>
            )}
          </>
        )}
      </section>
      {props.openId && (
        <IssueView
          key={props.openId}
          id={props.openId}
          session={props.session}
          flash={flash?.id === props.openId ? flash.text : null}
          prevId={neighbour(ids, props.openId, -1)}
          nextId={neighbour(ids, props.openId, 1)}
          onOpen={(id) => {
            dispatch({ type: 'focus', id });
            open(id);
          }}
          onNext={(next, text) => {
            setFlash({ id: next, text });
            dispatch({ type: 'focus', id: next });
            open(next);
          }}
          onBack={() => open(null)}
          onUpdated={update}
        />
      )}
    </>
  );
}
