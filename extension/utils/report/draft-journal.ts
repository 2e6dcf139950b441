import type { DraftData } from './report-model.ts';

/**
 * A synchronous journal of the keystrokes not yet in IndexedDB. The autosave waits 300 ms for
 * the member to pause; if the panel's process crashes in that window, the last words would be
 * lost. Each change is therefore also written to localStorage at once (synchronous, a few KB)
 * and removed once IndexedDB has it; on reopening, a journal newer than the record wins.
 */
export interface JournalEntry {
  data: DraftData;
  /** Wall-clock time of the change (compared with the record's `updatedAt`). */
  at: number;
}

type SyncStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (id: string) => `duhop:journal:${id}`;

export function writeJournal(
  id: string,
  data: DraftData,
  at: number = Date.now(),
  store: SyncStorage = localStorage,
): void {
  try {
    store.setItem(key(id), JSON.stringify({ data, at } satisfies JournalEntry));
  } catch {
    // Quota or privacy settings: IndexedDB remains the store of record.
  }
}

/** Forgets the journal once IndexedDB holds what it held (`upTo`: the change time that was saved). */
export function clearJournal(id: string, upTo: number, store: SyncStorage = localStorage): void {
  const entry = readJournal(id, store);
  if (entry && entry.at <= upTo) store.removeItem(key(id));
}

export function readJournal(id: string, store: SyncStorage = localStorage): JournalEntry | null {
  try {
    const raw = store.getItem(key(id));
    return raw ? (JSON.parse(raw) as JournalEntry) : null;
  } catch {
    return null;
  }
}

/** The data to resume with: the journal when it is newer than the stored record, else the record's. */
export function resumeData(
  id: string,
  record: { data: DraftData; updatedAt: number },
  store: SyncStorage = localStorage,
): { data: DraftData; fromJournal: boolean } {
  const entry = readJournal(id, store);
  if (entry && entry.at > record.updatedAt) return { data: entry.data, fromJournal: true };
  if (entry) store.removeItem(key(id));
  return { data: record.data, fromJournal: false };
}
