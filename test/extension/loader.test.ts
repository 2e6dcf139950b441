import { describe, expect, it } from 'vitest';
import type { ApiFailure, ApiResult } from '../../extension/utils/api.ts';
import { createLoader, type LoadState } from '../../extension/utils/loader.ts';

/** A request the test answers when it chooses, to order the answers. */
function deferred<T>() {
  let answer!: (r: ApiResult<T>) => void;
  const promise = new Promise<ApiResult<T>>((r) => (answer = r));
  return {
    run: () => promise,
    ok: (data: T) => answer({ ok: true, status: 200, data }),
    fail: (f: ApiFailure) => answer(f),
  };
}
const failure: ApiFailure = {
  ok: false,
  status: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'down',
};

function setup<T>() {
  const seen: LoadState<T>[] = [];
  return { loader: createLoader<T>((s) => seen.push(s)), seen };
}

describe('createLoader (latest request wins)', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const { loader } = setup<string>();
    const march = deferred<string>();
    const april = deferred<string>();
    const first = loader.load(march.run);
    const second = loader.load(april.run);
    april.ok('april');
    await second;
    march.ok('march');
    await first;
    expect(loader.state).toEqual({ status: 'ready', data: 'april', failure: null, more: false });
  });

  it('keeps the last value while loading and after a failure, unless told to reset', async () => {
    const { loader, seen } = setup<string>();
    const a = deferred<string>();
    const p = loader.load(a.run);
    a.ok('a');
    await p;
    const b = deferred<string>();
    const q = loader.load(b.run);
    expect(loader.state).toMatchObject({ status: 'loading', data: 'a' });
    b.fail(failure);
    await q;
    expect(loader.state).toEqual({ status: 'error', data: 'a', failure, more: false });
    void loader.load(deferred<string>().run, { reset: true });
    expect(loader.state.data).toBeNull();
    expect(seen.map((s) => s.status)).toEqual(['loading', 'ready', 'loading', 'error', 'loading']);
  });

  it('adds a page, and drops a page that answers after a new load started', async () => {
    const { loader } = setup<number[]>();
    const merge = (d: number[], page: number[]) => [...d, ...page];
    const first = deferred<number[]>();
    const p = loader.load(first.run);
    first.ok([1, 2]);
    await p;
    const page = deferred<number[]>();
    const m = loader.more(page.run, merge);
    expect(loader.state.more).toBe(true);
    void loader.more(() => Promise.reject(new Error('a second "more" must not start')), merge);
    page.ok([3]);
    await m;
    expect(loader.state).toEqual({ status: 'ready', data: [1, 2, 3], failure: null, more: false });

    const late = deferred<number[]>();
    const m2 = loader.more(late.run, merge);
    const fresh = deferred<number[]>();
    const r = loader.load(fresh.run);
    late.ok([99]);
    await m2;
    fresh.ok([7]);
    await r;
    expect(loader.state.data).toEqual([7]);
  });

  it('a failed page keeps the rows and reports the failure; update changes the value locally', async () => {
    const { loader } = setup<number[]>();
    const first = deferred<number[]>();
    const p = loader.load(first.run);
    first.ok([1]);
    await p;
    const page = deferred<number[]>();
    const m = loader.more(page.run, (d, x) => [...d, ...x]);
    page.fail(failure);
    await m;
    expect(loader.state).toEqual({ status: 'ready', data: [1], failure, more: false });
    loader.update((d) => d.map((n) => n * 10));
    expect(loader.state.data).toEqual([10]);
  });
});
