import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Loading } from './states.tsx';

/**
 * A screen whose code is a separate chunk, fetched the first time it is shown (or earlier with
 * `preload`, e.g. when the browser is idle): the page's first load then carries only the screens
 * it opens on. Until the chunk is there it shows the loading state; once loaded it renders at once.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> & { preload(): Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        pending = undefined; // another try on the next visit
        throw err;
      },
    ));
  function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState<string | null>(null);
    useEffect(() => {
      if (Screen) return;
      let alive = true;
      preload().then(
        (c) => alive && setScreen(() => c),
        (err: unknown) => alive && setFailed(String(err)),
      );
      return () => {
        alive = false;
      };
    }, []);
    if (failed) return <ErrorBox message={failed} />;
    return Screen ? <Screen {...props} /> : <Loading />;
  }
  return Object.assign(LazyScreen, { preload });
}
