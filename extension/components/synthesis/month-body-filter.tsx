import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';
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
  const [typed, setTyped] = useState<string | null>(null);
  const bad = typed !== null && !isPickableMonth(typed, mb.today);
  // The user's own body is always listed, even before the organisation graph has loaded.
  const bodies = mb.bodies.some((b) => b.id === mb.bodyId)
    ? mb.bodies
    : [{ id: mb.bodyId, name: mb.bodyId, depth: 0 }, ...mb.bodies];
  return (
    <fieldset class="filter-row month-filter" aria-label={t('sy_filters')}>
      <span class="inline-field">
        <label for={`${p}-month`}>{t('sy_month')}</label>
        <input
          id={`${p}-month`}
          type="month"
          value={typed ?? mb.month}
          max={mb.today.slice(0, 7)}
          aria-invalid={bad ? 'true' : undefined}
          onInput={(e) => setTyped(e.currentTarget.value)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isPickableMonth(v, mb.today)) {
              setTyped(null);
              mb.go({ month: v });
            } else setTyped(v);
          }}
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
      {bad && <span class="error-text">{t('sy_monthInvalid')}</span>}
    </fieldset>
  );
}
