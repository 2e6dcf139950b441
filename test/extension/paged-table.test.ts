import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PagedTable,
  Pager,
  useCursorPages,
  useMorePages,
  type CursorPage,
  type PagedList,
} from '../../extension/components/admin/paged-table.tsx';
import type { ApiFailure, ApiResult } from '../../extension/utils/api.ts';

// The admin lists' one table (audit, deliveries, criteria, webhook delivery log), rendered into a
// DOM (linkedom) with the real hooks: states, keyset pages and "Tải thêm".
let root: HTMLElement;
beforeEach(() => {
  const { window, document } = parseHTML('<!doctype html><html><body><main></main></body></html>');
  Object.assign(globalThis, { window, document, Event: window.Event });
  root = document.querySelector('main')!;
});
afterEach(() => {
  render(null, root);
});

type Row = { id: string; name: string };
const rows = (...names: string[]): Row[] => names.map((name) => ({ id: name, name }));
const failure: ApiFailure = { ok: false, status: 503, code: 'UNAVAILABLE', message: 'Máy chủ bận' };
const table = (list: PagedList<Row>) =>
  h(PagedTable<Row>, {
    list,
    labelledBy: 'h-test',
    empty: 'Chưa có gì',
    testid: 'test-table',
    class: 'extra',
    head: h('th', { scope: 'col' }, 'Tên'),
    row: (r: Row) => h('tr', { key: r.id, 'data-row': r.id }, h('td', null, r.name)),
  });
const text = () => root.textContent ?? '';
const names = () => [...root.querySelectorAll('tbody td')].map((td) => td.textContent);
const button = (label: string) => {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent?.trim() === label);
  if (!b) throw new Error(`no button "${label}" in: ${text()}`);
  return b as HTMLButtonElement;
};
const click = (label: string) => button(label).dispatchEvent(new Event('click'));

describe('PagedTable', () => {
  it('says it is loading, then that the list is empty', () => {
    render(table({ items: null, failure: null, reload: () => {} }), root);
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Đang tải');
    render(table({ items: [], failure: null, reload: () => {} }), root);
    expect(text()).toContain('Chưa có gì');
    expect(root.querySelector('table')).toBeNull();
  });

  it('puts the rows in a named, focusable scrolling box with the testid and classes', () => {
    render(table({ items: rows('An', 'Bình'), failure: null, reload: () => {} }), root);
    const box = root.querySelector('.table-scroll')!;
    expect(box.outerHTML).toMatch(/^<div [^>]*tabindex="0"/i);
    expect(box.getAttribute('aria-labelledby')).toBe('h-test');
    expect(box.getAttribute('role')).toBe('group');
    const tableEl = box.querySelector('table')!;
    expect(tableEl.getAttribute('data-testid')).toBe('test-table');
    expect(tableEl.getAttribute('class')).toBe('admin-table extra');
    expect(root.querySelector('thead th')?.textContent).toBe('Tên');
    expect(names()).toEqual(['An', 'Bình']);
    expect(root.querySelectorAll('button')).toHaveLength(0);
  });

  it('offers "Thử lại" when nothing is shown, and a banner above rows already shown', () => {
    const reload = vi.fn();
    render(table({ items: null, failure, reload }), root);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Máy chủ bận');
    click('Thử lại');
    expect(reload).toHaveBeenCalledOnce();
    render(table({ items: rows('An'), failure, reload }), root);
    expect(root.querySelector('.notice--error')?.textContent).toContain('Máy chủ bận');
    expect(names()).toEqual(['An']);
  });
});

/** A list route of `all` rows, two a page, cursors being the next index; `fail` refuses the next call. */
function fakeRoute(all: Row[]) {
  const calls: (string | undefined)[] = [];
  let fail = false;
  const fetch = async (cursor: string | undefined): Promise<ApiResult<CursorPage<Row>>> => {
    calls.push(cursor);
    if (fail) {
      fail = false;
      return failure;
    }
    const at = Number(cursor ?? 0);
    const next = at + 2 < all.length ? String(at + 2) : null;
    return { ok: true, status: 200, data: { items: all.slice(at, at + 2), nextCursor: next } };
  };
  return { fetch, calls, failNext: () => (fail = true) };
}

describe('useCursorPages', () => {
  it('shows one page at a time; back reuses the cursor seen; first() starts again', async () => {
    const route = fakeRoute(rows('a', 'b', 'c', 'd', 'e'));
    let first = () => {};
    function Screen() {
      const pages = useCursorPages(route.fetch, []);
      first = pages.first;
      return h('div', null, h(Pager, { pages }), table(pages));
    }
    render(h(Screen, null), root);
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b']));
    expect(text()).toContain('Trang 1');
    expect(button('← Trang trước').disabled).toBe(true);
    click('Trang sau →');
    await vi.waitFor(() => expect(names()).toEqual(['c', 'd']));
    expect(text()).toContain('Trang 2');
    click('Trang sau →');
    await vi.waitFor(() => expect(names()).toEqual(['e']));
    expect(button('Trang sau →').disabled).toBe(true);
    click('← Trang trước');
    await vi.waitFor(() => expect(names()).toEqual(['c', 'd']));
    expect(route.calls).toEqual([undefined, '2', '4', '2']);
    first();
    await vi.waitFor(() => expect(text()).toContain('Trang 1'));
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b']));
  });

  it('shows a failed page as an error with "Thử lại", which asks for the same page', async () => {
    const route = fakeRoute(rows('a', 'b', 'c'));
    function Screen() {
      const pages = useCursorPages(route.fetch, []);
      return h('div', null, h(Pager, { pages }), table(pages));
    }
    render(h(Screen, null), root);
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b']));
    route.failNext();
    click('Trang sau →');
    await vi.waitFor(() => expect(text()).toContain('Máy chủ bận'));
    expect(root.querySelector('table')).toBeNull();
    click('Thử lại');
    await vi.waitFor(() => expect(names()).toEqual(['c']));
    expect(route.calls).toEqual([undefined, '2', '2']);
  });
});

describe('useMorePages', () => {
  it('adds the next page below with "Tải thêm" until there is none', async () => {
    const route = fakeRoute(rows('a', 'b', 'c', 'd', 'e'));
    function Screen() {
      return table(useMorePages(route.fetch, []));
    }
    render(h(Screen, null), root);
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b']));
    click('Tải thêm');
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b', 'c', 'd']));
    click('Tải thêm');
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b', 'c', 'd', 'e']));
    expect(root.querySelectorAll('button')).toHaveLength(0);
    expect(route.calls).toEqual([undefined, '2', '4']);
  });

  it('keeps the rows and says so when a further page fails', async () => {
    const route = fakeRoute(rows('a', 'b', 'c'));
    function Screen() {
      return table(useMorePages(route.fetch, []));
    }
    render(h(Screen, null), root);
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b']));
    route.failNext();
    click('Tải thêm');
    await vi.waitFor(() =>
      expect(root.querySelector('.notice--error')?.textContent).toContain('Máy chủ bận'),
    );
    expect(names()).toEqual(['a', 'b']);
    click('Tải thêm');
    await vi.waitFor(() => expect(names()).toEqual(['a', 'b', 'c']));
  });
});
