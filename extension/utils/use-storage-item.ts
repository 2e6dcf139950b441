import { useEffect, useState } from 'preact/hooks';

// Apart from use-live-query.ts so that pages reading only storage (options) do not load Dexie.
/** The current value of a storage item, kept up to date across pages. */
export function useStorageItem<T>(item: {
  getValue(): Promise<T>;
  watch(cb: (v: T) => void): () => void;
}): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    item.getValue().then((v) => alive && setValue(v));
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      alive = false;
      unwatch();
    };
  }, [item]);
  return value;
}
