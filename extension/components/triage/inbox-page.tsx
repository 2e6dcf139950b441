import { hasRole, localDate, TRANSITIONS, type ActionType, type Issue } from '@duhop/shared';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { navigate } from '../../utils/hash-route.ts';
import { errorText, useT } from '../../utils/i18n/index.ts';
import { sessionItem, type Session } from '../../utils/storage.ts';
import {
  DEFAULT_FILTERS,
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
import { runBulk } from '../../utils/triage/calls.ts';
import { forwardTargets, useOrgUnits } from '../../utils/triage/org-units.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { BulkBar, BulkSummary, type BulkOutcome } from './bulk-bar.tsx';
import { InboxFilterBar } from './inbox-filter-bar.tsx';
import { InboxRow } from './inbox-row.tsx';
import { IssueView } from './issue-view.tsx';
import { useInbox } from './use-inbox.ts';
import './triage.css';

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
  return <Inbox session={session} openId={props.params[0] ?? null} />;
}

function Inbox(props: { session: Session; openId: string | null }) {
  const t = useT();
  const { user } = props.session;
  const isAdmin = hasRole(user, 'admin');
  const units = useOrgUnits();
  const [filters, setFilters] = useState<InboxFilters>(() => ({
    ...DEFAULT_FILTERS,
    statuses: [...DEFAULT_FILTERS.statuses],
  }));
  const [search, setSearch] = useState('');
  const { state, reload, loadMore, update } = useInbox(filters, isAdmin);
  const items = state.data?.items ?? [];
  const [nav, dispatch] = useReducer(navReducer, EMPTY_NAV);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
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

  const bulk = async (
    type: ActionType,
    list: readonly Issue[],
    extra: { note?: string; toBodyId?: string } = {},
  ) => {
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
        if (id) navigate('inbox', id);
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
          counts={state.data?.counts ?? {}}
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
          onClear={() => dispatch({ type: 'clear' })}
        />
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
            <div class="list-head">
              <label class="check">
                <input
                  type="checkbox"
                  checked={allSelected}
                  onChange={() => dispatch({ type: 'selectAll' })}
                />
                {t('tg_selectAll')}
              </label>
              <span class="grow" />
              {state.status === 'loading' && (
                <span class="spinner" role="status" aria-label={t('loading')} />
              )}
              <span class="hint">{t('tg_shown', { n: items.length })}</span>
            </div>
            <ul
              class="inbox-list"
              ref={listRef}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a multi-select listbox of rows; the list markup keeps the rows' layout and the page's keyboard handler moves the active row
              role="listbox"
              aria-multiselectable="true"
              aria-label={t('navInbox')}
            >
              {items.map((issue, i) => (
                <InboxRow
                  key={issue.id}
                  issue={issue}
                  active={i === nav.active}
                  selected={nav.selected.includes(issue.id)}
                  showBody={filters.scope === 'escalated' || isAdmin}
                  onToggle={() => dispatch({ type: 'toggle', id: issue.id })}
                  onFocus={() => dispatch({ type: 'focus', id: issue.id })}
                />
              ))}
            </ul>
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
          onBack={() => navigate('inbox')}
          onUpdated={update}
        />
      )}
    </>
  );
}
