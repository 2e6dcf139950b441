import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../utils/api.ts';
import { useT } from '../../utils/i18n/index.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { type LoaderOptions, useLoader } from '../ui/use-loader.ts';
import { failureText } from './common.tsx';

/** One answer of a keyset-paged list route: its rows and the cursor of the next page (none at the end). */
export interface CursorPage<R> {
  items: R[];
  nextCursor?: string | null;
}

/** What a `PagedTable` shows: the rows (null until the first arrive), the failure, and how to page. */
export interface PagedList<R> {
  items: readonly R[] | null;
  failure: ApiFailure | null;
  reload: () => void;
  /** Adds the next page below the rows ("Tải thêm"); null when there is none. */
  more?: (() => void) | null;
}

/** `useCursorPages`: a `PagedList` with a pager. */
export interface CursorPages<R> extends PagedList<R> {
  /** The page shown, from 1. */
  number: number;
  prev: (() => void) | null;
  next: (() => void) | null;
  /** Back to the first page (a filter changed). */
  first: () => void;
}

/**
 * Keyset pages one at a time ("Trang trước" / "Trang sau"): each page replaces the one before,
 * nothing is shown while it loads, and going back reuses the cursors seen. A filter that changes
 * `deps` calls `first()` in the same handler, so the list is asked for once.
 */
export function useCursorPages<R>(
  fetch: (cursor: string | undefined) => Promise<ApiResult<CursorPage<R>>>,
  deps: readonly unknown[],
): CursorPages<R> {
  // cursors[i] is the cursor that loads page i (page 0 has none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const n = cursors.length - 1;
  const { state, reload } = useLoader(() => fetch(cursors[n]), [cursors, ...deps], {
    reset: true,
  });
  const page = state.status === 'ready' ? state.data : null;
  const nextCursor = page?.nextCursor;
  return {
    items: page?.items ?? null,
    failure: state.status === 'error' ? state.failure : null,
    reload,
    number: n + 1,
    prev: n > 0 ? () => setCursors(cursors.slice(0, -1)) : null,
    next: nextCursor ? () => setCursors([...cursors, nextCursor]) : null,
    first: () => setCursors([undefined]),
  };
}

/**
 * A list that grows by "Tải thêm": the first page on `deps` (after `opts.delayMs`, for a search
 * box), further pages appended below. The rows stay while it reloads; `update` changes them
 * after an action without asking the server.
 */
export function useMorePages<R>(
  fetch: (cursor: string | undefined) => Promise<ApiResult<CursorPage<R>>>,
  deps: readonly unknown[],
  opts?: LoaderOptions,
): PagedList<R> & { update: (change: (items: R[]) => R[]) => void } {
  const { state, reload, more, update } = useLoader(() => fetch(undefined), deps, opts);
  const next = state.data?.nextCursor ?? null;
  return {
    items: state.data?.items ?? null,
    failure: state.failure,
    reload,
    more: next
      ? () =>
          void more(
            () => fetch(next),
            (d, page) => ({ ...page, items: [...d.items, ...page.items] }),
          )
      : null,
    update: (change) => update((d) => ({ ...d, items: change(d.items) })),
  };
}

/** "Trang 2", "Trang trước", "Trang sau": the pager of `useCursorPages`, for a page's toolbar. */
export function Pager(props: { pages: CursorPages<unknown> }) {
  const t = useT();
  const { number, prev, next } = props.pages;
  return (
    <>
      <span class="hint">{t('adm_page', { n: number })}</span>
      <button type="button" disabled={!prev} onClick={prev ?? undefined}>
        {t('adm_prevPage')}
      </button>
      <button type="button" disabled={!next} onClick={next ?? undefined}>
        {t('adm_nextPage')}
      </button>
    </>
  );
}

/**
 * The table of an admin list with its states: loading, empty, a failure (with "Thử lại" when
 * nothing is shown yet, a banner above the rows otherwise), the rows in a scrolling box named by
 * the page's heading and focusable, so that a keyboard can scroll it (a group, not a second
 * landmark of the same name), and "Tải thêm" when the list has more.
 */
export function PagedTable<R>(props: {
  list: PagedList<R>;
  /** The id of the heading that names the table's region. */
  labelledBy: string;
  /** What an empty list says. */
  empty: ComponentChildren;
  testid: string;
  /** Classes of the table besides `admin-table`. */
  class?: string;
  /** The header cells (`<th scope="col">`). */
  head: ComponentChildren;
  /** A row's `<tr>`, with its key. */
  row: (item: R) => ComponentChildren;
}) {
  const t = useT();
  const { items, failure, reload, more } = props.list;
  const problem = failure && failureText(t, failure);
  return (
    <>
      {problem &&
        (items ? (
          <Notice kind="error">{problem}</Notice>
        ) : (
          <ErrorBox message={problem} onRetry={reload} />
        ))}
      {!items && !failure && <Loading />}
      {items && items.length === 0 && <Empty>{props.empty}</Empty>}
      {items && items.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a table wider than the page scrolls in its box, which the keyboard must reach to scroll it (axe scrollable-region-focusable); a group, as the page's section is already the region of that name (and a fieldset is for form fields)
        <div class="table-scroll" role="group" tabIndex={0} aria-labelledby={props.labelledBy}>
          <table
            class={props.class ? `admin-table ${props.class}` : 'admin-table'}
            data-testid={props.testid}
          >
            <thead>
              <tr>{props.head}</tr>
            </thead>
            <tbody>{items.map(props.row)}</tbody>
          </table>
        </div>
      )}
      {more && (
        <p>
          <button type="button" onClick={more}>
            {t('tg_loadMore')}
          </button>
        </p>
      )}
    </>
  );
}
