import { useOnline } from '../../utils/hash-route.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { getRelatedHints } from '../../utils/triage/calls.ts';
import { RelatedItem } from '../triage/related-issues.tsx';
import { useLoader } from '../ui/use-loader.ts';

/** Wait this long after the last keystroke before asking the server. */
export const HINT_DELAY_MS = 700;

/** The text the hints are asked for: the title and the start of the detail, or nothing under 3 characters. */
export function hintText(title: string, detail: string): string {
  const text = `${title.trim()} ${detail.trim()}`.trim().slice(0, 500);
  return title.trim().length >= 3 ? text : '';
}

/**
 * "Kiến nghị tương tự đã có": while the member writes an issue, similar issues already raised in
 * the commune of the cell, with their status (issue 16). Online only, debounced; offline, or when
 * the server cannot answer, it shows nothing (the form never waits for it).
 */
export function RelatedHints(props: { title: string; detail: string; cellId: string | null }) {
  const t = useT();
  const locale = useLocale();
  const online = useOnline();
  const text = hintText(props.title, props.detail);
  const idle = !online || !text || !props.cellId;
  const { state } = useLoader(
    () => getRelatedHints(text, props.cellId ?? ''),
    [text, props.cellId],
    {
      delayMs: HINT_DELAY_MS,
      manual: idle,
    },
  );
  const items = !idle && state.status !== 'error' ? (state.data?.items ?? []) : [];
  return (
    <div class="related-hints" aria-live="polite" data-testid="related-hints">
      {items.length > 0 && (
        <section class="notice notice--info">
          <h3>{t('rel_hintsTitle')}</h3>
          <p class="hint">{t('rel_hintsNote')}</p>
          <ul class="related-list">
            {items.map((item) => (
              <RelatedItem key={item.id} item={item} t={t} locale={locale} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
