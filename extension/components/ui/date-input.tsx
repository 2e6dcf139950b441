import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';
import { isoToVnDate, maskDigits, parseVnDate } from '../../utils/report/form-inputs.ts';

/** dd/mm/yyyy as the form's boxes read it, and an ISO day pasted as is (`2026-11-03`). */
const parse = (text: string): string | null =>
  parseVnDate(text) ??
  (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) && parseVnDate(isoToVnDate(text.trim()))
    ? text.trim()
    : null);

/**
 * A date box typed and shown dd/mm/yyyy whatever the browser's language (Chromium's native date
 * box follows the browser: mm/dd/yyyy in an English one). The box alone, inside a `Field`: `value`
 * and `onValue` speak ISO (`2026-11-03`); text left that is not a date is passed on as typed (so
 * the form's checks refuse it rather than take it for empty) and flagged under the box.
 */
export function DateInput(props: {
  id: string;
  value: string;
  onValue: (v: string) => void;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
  required?: boolean;
  class?: string;
}) {
  const t = useT();
  const { id, value } = props;
  const [text, setText] = useState(isoToVnDate(value));
  const [left, setLeft] = useState(false);
  const emitted = useRef(value);
  useEffect(() => {
    // Set from elsewhere (a form reset, a default): show it.
    if (value !== emitted.current) {
      emitted.current = value;
      setText(isoToVnDate(value));
    }
  }, [value]);
  const emit = (v: string) => {
    if (v === emitted.current) return;
    emitted.current = v;
    props.onValue(v);
  };
  const unreadable = parse(text) === null;
  const own = unreadable && left;
  const ownId = `${id}-fmt`;
  return (
    <>
      <input
        id={id}
        type="text"
        class={['masked masked--date', props.class].filter(Boolean).join(' ')}
        inputMode="numeric"
        autoComplete="off"
        spellcheck={false}
        maxLength={12}
        placeholder="dd/mm/yyyy"
        required={props.required}
        aria-invalid={own ? 'true' : props['aria-invalid']}
        aria-describedby={
          [own ? ownId : '', props['aria-describedby'] ?? ''].filter(Boolean).join(' ') || undefined
        }
        value={text}
        onInput={(e) => {
          const el = e.currentTarget;
          const next = maskDigits(text, el.value, 'date');
          if (next !== el.value) el.value = next;
          setText(next);
          // Half-typed: empty for now (the form is told once a whole date is there, so its
          // re-renders cannot bring back an older text between two fast keystrokes).
          emit(parse(next) ?? '');
        }}
        onBlur={() => {
          setLeft(true);
          const v = parse(text);
          if (v) setText(isoToVnDate(v));
          // Left as no date: passed on as typed, so the form's checks refuse it.
          else if (v === null) emit(text.trim());
        }}
      />
      {own && (
        <small id={ownId} class="errors">
          {t('dateFormat')}
        </small>
      )}
    </>
  );
}
