import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { db, type DraftRecord } from '../../utils/db.ts';
import { clearJournal, resumeData, writeJournal } from '../../utils/report/draft-journal.ts';
import { saveDraftData } from '../../utils/report/draft-store.ts';
import type { DraftData } from '../../utils/report/report-model.ts';
import { useLiveQuery } from '../../utils/use-live-query.ts';

/** Quiet time after the last change before it is written (no save button). */
export const AUTOSAVE_MS = 300;

export type Updater = (mutate: (d: DraftData) => DraftData, touched?: readonly string[]) => void;

/**
 * Holds the form's state and writes it to IndexedDB 300 ms after the last change, and at once
 * when the panel is hidden or closed; every change also goes to a synchronous journal so a crash
 * inside the 300 ms loses nothing (draft-journal.ts). The record (status, server errors) stays live, so the
 * outbox's verdicts show up while the form is open. Each write is measured as `duhop:autosave`
 * (first unsaved change → committed) for the figures in the issue.
 */
export function useDraftEditor(id: string) {
  const live = useLiveQuery(() => db.drafts.get(id), [id]);
  const [data, setData] = useState<DraftData | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const dataRef = useRef<DraftData | null>(null);
  const pending = useRef<{ clear: Set<string>; since: number; at: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const p = pending.current;
    const d = dataRef.current;
    if (!p || !d) return;
    pending.current = null;
    setSaving(true);
    const w0 = performance.now();
    const saved = await saveDraftData(id, d, [...p.clear]);
    performance.measure('duhop:autosave-write', { start: w0, end: performance.now() });
    performance.measure('duhop:autosave', { start: p.since, end: performance.now() });
    if (saved) clearJournal(id, p.at);
    setSaving(false);
  }, [id]);

  useEffect(() => {
    if (live.status === 'ready' && live.value && dataRef.current === null) {
      const resumed =
        live.value.status === 'draft'
          ? resumeData(id, live.value)
          : { data: live.value.data, fromJournal: false };
      dataRef.current = resumed.data;
      setData(resumed.data);
      // Words that only the journal had are written back at once.
      if (resumed.fromJournal) {
        pending.current = { clear: new Set(), since: performance.now(), at: Date.now() };
        void flush();
      }
    }
  }, [live]);

  const update = useCallback<Updater>(
    (mutate, keys = []) => {
      const cur = dataRef.current;
      if (!cur) return;
      const next = mutate(cur);
      dataRef.current = next;
      setData(next);
      const at = Date.now();
      writeJournal(id, next, at);
      const p = (pending.current ??= { clear: new Set(), since: performance.now(), at });
      p.at = at;
      for (const k of keys) p.clear.add(k);
      if (keys.length) setTouched((s) => new Set([...s, ...keys]));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush, id],
  );

  useEffect(() => {
    const onHide = () => void flush();
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      onHide();
    };
  }, [flush]);

  const record: DraftRecord | undefined = live.status === 'ready' ? live.value : undefined;
  return { loading: live.status === 'loading', record, data, update, flush, touched, saving };
}
