import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../utils/api.ts';

export type Load<T> = { status: 'loading'; last: T | null } | { status: 'ready'; value: T } | { status: 'error'; failure: ApiFailure; last: T | null };

/**
 * Runs a request whenever `deps` change and keeps only the latest answer (a quick change of month
 * must not be overwritten by the slower answer of the month before). The last value stays
 * available while the next loads, so the page does not blank out.
 */
export function useLoad<T>(run: () => Promise<ApiResult<T>>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ status: 'loading', last: null });
  const seq = useRef(0);
  const last = useRef<T | null>(null);
  const load = () => {
    const n = ++seq.current;
    setState({ status: 'loading', last: last.current });
    void run().then((res) => {
      if (n !== seq.current) return;
      if (res.ok) {
        last.current = res.data;
        setState({ status: 'ready', value: res.data });
      } else setState({ status: 'error', failure: res, last: last.current });
    });
  };
  useEffect(load, deps);
  return [state, load];
}
