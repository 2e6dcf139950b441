import type { ComponentChildren } from 'preact';
import { fieldMessage, useT } from '../../utils/i18n/index.ts';

/**
 * A labelled control with its hint and errors, linked for screen readers (`aria-describedby`).
 * Errors the server (or the shared schemas) wrote are shown in the interface language. The list is
 * not a live region: a form shows dozens at once; its one `ErrorSummary` announces how many.
 */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  errors?: readonly string[];
  children: ComponentChildren;
  class?: string;
}) {
  const t = useT();
  const { id, label, hint, children } = props;
  const errors = [...new Set((props.errors ?? []).map((e) => fieldMessage(t, e)))];
  return (
    <div class={`field ${errors.length ? 'field--invalid' : ''} ${props.class ?? ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {errors.length > 0 && (
        <ul id={`${id}-err`} class="errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A form's one live region for its errors: how many fields to correct, announced politely once
 * (each field's errors are read with the field, through `aria-describedby`). Always rendered, so
 * screen readers see it change.
 */
export function ErrorSummary(props: { count: number; visible?: boolean }) {
  const t = useT();
  return (
    <p class={props.visible ? 'errors' : 'sr-only'} role="status" data-error-summary>
      {props.count > 0 ? t('errorSummary', { n: props.count }) : ''}
    </p>
  );
}

/** `aria-*` attributes for a control inside `Field`. */
export function describedBy(id: string, errors: readonly string[] = [], hint?: string) {
  const ids = [hint ? `${id}-hint` : '', errors.length ? `${id}-err` : '']
    .filter(Boolean)
    .join(' ');
  return {
    id,
    'aria-invalid': errors.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': ids || undefined,
  };
}

/** A whole-or-decimal number input whose empty state is null (never 0 by accident). */
export function NumberInput(props: {
  id: string;
  value: number | null;
  onValue: (v: number | null) => void;
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  errors?: readonly string[];
  hint?: string;
  disabled?: boolean;
  label?: string;
}) {
  const { id, value, onValue, errors, hint, ...rest } = props;
  return (
    <input
      type="number"
      inputMode={rest.step && rest.step < 1 ? 'decimal' : 'numeric'}
      {...describedBy(id, errors, hint)}
      aria-label={rest.label}
      value={value ?? ''}
      min={rest.min}
      max={rest.max}
      step={rest.step ?? 1}
      placeholder={rest.placeholder}
      disabled={rest.disabled}
      onInput={(e) => {
        const raw = e.currentTarget.value;
        const n = raw === '' ? null : Number(raw);
        onValue(n === null || Number.isNaN(n) ? null : n);
      }}
    />
  );
}
