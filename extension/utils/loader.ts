import type { ApiFailure, ApiResult } from './api.ts';

/**
 * What a screen shows of a request: `data` is the last value that arrived, kept while the next one
 * loads and after a failure (the page does not blank out). When `ready`, `failure` is that of a
 * "more" page that did not come (the loaded rows stay).
 */
export type LoadState<T> =
  | { status: 'loading'; data: T | null; failure: null; more: boolean }
  | { status: 'ready'; data: T; failure: ApiFailure | null; more: boolean }
  | { status: 'error'; data: T | null; failure: ApiFailure; more: false };

export const LOADING: LoadState<never> = {
  status: 'loading',
  data: null,
  failure: null,
  more: false,
};

/**
 * "Latest request wins", without Preact (the hook is components/ui/use-loader.ts): every `load`
 * supersedes the ones before it, so a slow answer to older filters never overwrites a newer one,
 * and a "more" page that answers after a new `load` started is dropped.
 */
export function createLoader<T>(publish: (s: LoadState<T>) => void) {
  let seq = 0;
  let state: LoadState<T> = LOADING;
  const set = (next: LoadState<T>) => publish((state = next));

  return {
    get state() {
      return state;
    },
    /** Runs `run` as the current request; `reset` forgets the last value (another object is shown). */
    async load(run: () => Promise<ApiResult<T>>, opts: { reset?: boolean } = {}): Promise<void> {
      const mine = ++seq;
      set({ status: 'loading', data: opts.reset ? null : state.data, failure: null, more: false });
      const res = await run();
      if (mine !== seq) return;
      set(
        res.ok
          ? { status: 'ready', data: res.data, failure: null, more: false }
          : { status: 'error', data: state.data, failure: res, more: false },
      );
    },
    /** Adds a page to the loaded value; ignored while one is on its way or before a first value. */
    async more<P>(run: () => Promise<ApiResult<P>>, merge: (data: T, page: P) => T): Promise<void> {
      if (state.status !== 'ready' || state.more) return;
      const mine = seq;
      set({ ...state, more: true });
      const res = await run();
      if (mine !== seq || state.status !== 'ready') return;
      set(
        res.ok
          ? { status: 'ready', data: merge(state.data, res.data), failure: null, more: false }
          : { ...state, failure: res, more: false },
      );
    },
    /** A local change to the loaded value (an action's result), without asking the server. */
    update(change: (data: T) => T): void {
      if (state.data !== null) set({ ...state, data: change(state.data) } as LoadState<T>);
    },
  };
}
export type Loader<T> = ReturnType<typeof createLoader<T>>;
