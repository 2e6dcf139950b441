import { useEffect, useState } from 'preact/hooks';
import type { LiveState } from './use-live-query.ts';

/**
 * A live query whose first answer comes without Dexie: `first` reads IndexedDB directly
 * (utils/idb-plain.ts) so the screen paints at once; after that paint Dexie is loaded (a chunk of
 * its own) and `live` is subscribed as `useLiveQuery` does, re-rendering on every change made by
 * this page, the service worker or another extension page.
 */
export function useLiveRead<T>(
  first: () => Promise<T>,
  live: () => Promise<T>,
  deps: readonly unknown[],
): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading' });
  useEffect(() => {
    let alive = true;
    let liveSeen = false;
    let unsubscribe = () => {};
    first().then(
      (value) => alive && !liveSeen && setState({ status: 'ready', value }),
      () => {}, // the live query answers (or fails) in its turn
    );
    const subscribe = () =>
      import('dexie').then(
        ({ liveQuery }) => {
          if (!alive) return;
          const sub = liveQuery(live).subscribe({
            next: (value) => {
              liveSeen = true;
              if (alive) setState({ status: 'ready', value });
            },
            error: (error: unknown) => alive && setState({ status: 'error', error }),
          });
          unsubscribe = () => sub.unsubscribe();
        },
        (error: unknown) => alive && setState({ status: 'error', error }),
      );
    // After the first paint: the frame is drawn, then Dexie's chunk is fetched (a page not shown
    // draws no frame: then after a moment all the same).
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      void subscribe();
    };
    const frame = requestAnimationFrame(() => setTimeout(start, 0));
    const fallback = setTimeout(start, 500);
    return () => {
      alive = false;
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
      unsubscribe();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
