import { useEffect, useState } from 'preact/hooks';

/**
 * A tiny hash router: pages are `#/`, `#/draft/<id>`, `#/report/<id>`… so the panel can be reopened
 * (or opened by the background) on a given screen, and Back works as expected.
 */
export function parseHash(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .replace(/\?.*$/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
}

/** The query after `?` in the hash (`#/inbox?status=routed` → `status=routed`), for a page's filters. */
export function hashQuery(hash: string = location.hash): string {
  const i = hash.indexOf('?');
  return i < 0 ? '' : hash.slice(i + 1);
}

/**
 * Writes a page's filters into the address without a new history entry or a hashchange (the
 * page already shows them): `#/inbox` + `?status=routed`.
 */
export function replaceHashQuery(query: string): void {
  const base = location.hash.replace(/\?.*$/, '') || '#/';
  const next = query ? `${base}?${query}` : base;
  if (next !== location.hash) history.replaceState(history.state, '', next);
}

export function useHashRoute(): string[] {
  const [parts, setParts] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setParts(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return parts;
}

export function navigate(...parts: string[]): void {
  location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** Whether the browser believes it is online, kept up to date. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(navigator.onLine);
    addEventListener('online', on);
    addEventListener('offline', on);
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', on);
    };
  }, []);
  return online;
}
