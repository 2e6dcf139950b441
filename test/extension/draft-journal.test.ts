import { describe, expect, it } from 'vitest';
import {
  clearJournal,
  readJournal,
  resumeData,
  writeJournal,
} from '../../extension/utils/report/draft-journal.ts';
import { filledDraft } from './helpers/fixtures.ts';

/** A Storage stand-in (node has no localStorage). */
function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

describe('draft journal', () => {
  it('resumes from the journal when it holds words IndexedDB missed (a crash inside the debounce)', () => {
    const store = memoryStorage();
    const saved = filledDraft({ suggestions: 'Chuẩn bị' });
    writeJournal('d1', { ...saved, suggestions: 'Chuẩn bị tài liệu sớm' }, 2_000, store);
    const out = resumeData('d1', { data: saved, updatedAt: 1_000 }, store);
    expect(out).toMatchObject({
      fromJournal: true,
      data: { suggestions: 'Chuẩn bị tài liệu sớm' },
    });
  });

  it('ignores and drops a journal older than the record (saved since, or changed elsewhere)', () => {
    const store = memoryStorage();
    writeJournal('d1', filledDraft({ suggestions: 'cũ' }), 1_000, store);
    const out = resumeData(
      'd1',
      { data: filledDraft({ suggestions: 'mới' }), updatedAt: 2_000 },
      store,
    );
    expect(out).toMatchObject({ fromJournal: false, data: { suggestions: 'mới' } });
    expect(store.m.size).toBe(0);
  });

  it('is cleared only up to the change that was saved', () => {
    const store = memoryStorage();
    writeJournal('d1', filledDraft(), 5_000, store);
    clearJournal('d1', 4_000, store); // a save of an earlier state: keep the newer words
    expect(readJournal('d1', store)?.at).toBe(5_000);
    clearJournal('d1', 5_000, store);
    expect(readJournal('d1', store)).toBeNull();
  });

  it('survives a storage that refuses writes', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    expect(() => writeJournal('d1', filledDraft(), 1, full)).not.toThrow();
  });
});
