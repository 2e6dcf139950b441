import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';
import { formatMonth } from '../../utils/format.ts';
import { parseVnMonth } from '../../utils/report/form-inputs.ts';
import { isPickableMonth } from '../../utils/synthesis/months.ts';
import type { MonthBody } from './use-month-body.ts';

/** The month picker (a past month or this one) and, when there is a choice, the body picker. */
export function MonthBodyFilter(props: {
  idPrefix: string;
  mb: MonthBody;
  children?: ComponentChildren;
}) {
  const t = useT();
  const { mb, idPrefix: p } = props;
  // What is typed (mm/yyyy), while it is not yet a month the filter shows; null when it agrees.
  const [typed, setTyped] = useState<string | null>(null);
  const parsed = typed === null ? null : parseVnMonth(typed);
  const bad = typed !== null && (parsed === null || !isPickableMonth(parsed, mb.today));
  const [left, setLeft] = useState(false);
  // Flagged once the box is left, or at once when a whole month was typed.
  const shown = bad && (left || (typed ?? '').trim().length >= 7);
  // The user's own body is always listed, even before the organisation graph has loaded.
  const bodies = mb.bodies.some((b) => b.id === mb.bodyId)
    ? mb.bodies
    : [{ id: mb.bodyId, name: mb.bodyId, depth: 0 }, ...mb.bodies];
  return (
    <fieldset class="filter-row month-filter" aria-label={t('sy_filters')}>
      <span class="inline-field">
        <label for={`${p}-month`}>{t('sy_month')}</label>
        {/* Typed mm/yyyy whatever the browser's language (a native month box shows "December 2026"
            in an English one); the month opens as soon as a whole one is typed. */}
        <input
          id={`${p}-month`}
          type="text"
          class="masked masked--month"
          inputMode="numeric"
          autoComplete="off"
          spellcheck={false}
          maxLength={8}
          placeholder="mm/yyyy"
          value={typed ?? formatMonth(mb.month)}
          aria-invalid={shown ? 'true' : undefined}
          aria-describedby={shown ? `${p}-month-err` : undefined}
          onInput={(e) => {
            const text = e.currentTarget.value;
            const v = parseVnMonth(text);
            setLeft(false);
            if (v && isPickableMonth(v, mb.today)) {
              setTyped(null);
              if (v !== mb.month) mb.go({ month: v });
            } else setTyped(text);
          }}
          onBlur={() => setLeft(true)}
        />
      </span>
      {bodies.length > 1 && (
        <span class="inline-field">
          <label for={`${p}-body`}>{t('sy_body')}</label>
          <select
            id={`${p}-body`}
            value={mb.bodyId}
            onChange={(e) => mb.go({ bodyId: e.currentTarget.value })}
          >
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {'\u00a0\u00a0'.repeat(b.depth)}
                {b.name}
              </option>
            ))}
          </select>
        </span>
      )}
      {props.children}
      {shown && (
        <span id={`${p}-month-err`} class="error-text">
          {t(parsed ? 'sy_monthInvalid' : 'sy_monthFormat')}
        </span>
      )}
    </fieldset>
  );
}
