import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiResult } from '../../utils/api.ts';
import { createLoader, LOADING, type LoadState } from '../../utils/loader.ts';

export type { LoadState } from '../../utils/loader.ts';

export interface LoaderOptions {
  /** Wait this long after the last change of `deps` (typing in a search box). */
  delayMs?: number;
  /** Forget the last value when `deps` change (a different object, not a different filter). */
  reset?: boolean;
  /** Do not load on `deps` (the caller calls `reload` itself, or nothing to load yet). */
  manual?: boolean;
}

/**
 * The one loader of the screens: runs `run` whenever `deps` change and keeps only the latest
 * answer (utils/loader.ts). `reload` runs it again now; `more` adds a page; `update` changes the
 * value locally after an action.
 */
export function useLoader<T>(
  run: () => Promise<ApiResult<T>>,
  deps: readonly unknown[],
  opts: LoaderOptions = {},
) {
  const [state, setState] = useState<LoadState<T>>(LOADING);
  const loader = useMemo(() => createLoader<T>(setState), []);
  const latestRun = useRef(run);
  latestRun.current = run;
  const reload = (reset = false) => loader.load(() => latestRun.current(), { reset });

  useEffect(() => {
    if (opts.manual) return;
    if (!opts.delayMs) return void reload(opts.reset);
    const id = setTimeout(() => void reload(opts.reset), opts.delayMs);
    return () => clearTimeout(id);
  }, [...deps, opts.manual]);

  return { state, reload: () => reload(), more: loader.more, update: loader.update };
}
