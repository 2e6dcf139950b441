import type { CacheEntry, DraftRecord, DraftStatus } from './db.ts';

/**
 * Reads Dexie's database (`utils/db.ts`: database `duhop`, object stores `drafts` keyed by `id`
 * with an index on `status`, and `cache` keyed by `key`) with the browser's IndexedDB alone, so
 * the side panel's home paints before Dexie (~31 KB gzipped) is loaded. Read only: it opens the
 * database at whatever version Dexie made, never creates or upgrades it (a database that does not
 * exist yet reads as empty and is left for Dexie to create).
 */
export function openPlain(
  name = 'duhop',
  idb: IDBFactory = indexedDB,
): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    let creating = false;
    const req = idb.open(name);
    req.onupgradeneeded = () => {
      // No database yet: abort, so Dexie creates it with its own schema and version later.
      creating = true;
      req.transaction?.abort();
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another page (Dexie) upgrading the schema: step aside at once.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = (e) => {
      if (creating) {
        e.preventDefault();
        resolve(null);
      } else reject(req.error);
    };
    req.onblocked = () => resolve(null);
  });
}

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Runs a read on the stores named, then closes the connection; null when there is no database (or no such store). */
async function readOnly<T>(
  stores: string[],
  read: (tx: IDBTransaction) => Promise<T>,
  name?: string,
  idb?: IDBFactory,
): Promise<T | null> {
  const db = await openPlain(name, idb);
  if (!db) return null;
  try {
    if (!stores.every((s) => db.objectStoreNames.contains(s))) return null;
    return await read(db.transaction(stores, 'readonly'));
  } finally {
    db.close();
  }
}

/** The member's records in the given statuses (through the `status` index), as Dexie stored them. */
export async function readDraftsPlain(
  userId: string,
  statuses: readonly DraftStatus[],
  opts: { name?: string; idb?: IDBFactory } = {},
): Promise<DraftRecord[]> {
  const rows = await readOnly(
    ['drafts'],
    async (tx) => {
      const index = tx.objectStore('drafts').index('status');
      const lists = await Promise.all(
        statuses.map((s) => done(index.getAll(IDBKeyRange.only(s)) as IDBRequest<DraftRecord[]>)),
      );
      return lists.flat();
    },
    opts.name,
    opts.idb,
  );
  return (rows ?? []).filter((r) => r.userId === userId);
}

/** Cache entries by key, in the order asked (undefined where absent), as Dexie's `bulkGet`. */
export async function readCachePlain(
  keys: readonly string[],
  opts: { name?: string; idb?: IDBFactory } = {},
): Promise<(CacheEntry | undefined)[]> {
  const rows = await readOnly(
    ['cache'],
    (tx) => {
      const store = tx.objectStore('cache');
      return Promise.all(keys.map((k) => done(store.get(k) as IDBRequest<CacheEntry | undefined>)));
    },
    opts.name,
    opts.idb,
  );
  return rows ?? keys.map(() => undefined);
}
