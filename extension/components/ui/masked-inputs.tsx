import { useEffect, useRef, useState } from 'preact/hooks';
import {
  isoToVnDate,
  maskDigits,
  parseTime24,
  parseVnDate,
} from '../../utils/report/form-inputs.ts';
import { useT } from '../../utils/i18n/index.ts';
import { describedBy, Field } from './field.tsx';

/**
 * A date (dd/mm/yyyy) or 24-hour time (hh:mm) typed in a plain text box, in the app's language
 * whatever the browser's: no native picker, no browser validation bubble. `value` and `onValue`
 * speak ISO (`2026-11-03`, `19:30`); what cannot be read is kept as typed and flagged at the field
 * once the box is left, while the draft holds an empty value.
 */
export function MaskedField(props: {
  kind: 'date' | 'time';
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  errors?: readonly string[];
}) {
  const t = useT();
  const { kind, id, value } = props;
  const show = kind === 'date' ? isoToVnDate : (v: string) => v;
  const parse = kind === 'date' ? parseVnDate : parseTime24;
  const [text, setText] = useState(show(value));
  const [left, setLeft] = useState(false);
  const emitted = useRef(value);
  useEffect(() => {
    // Changed from elsewhere (another tab, a reload): show it.
    if (value !== emitted.current) {
      emitted.current = value;
      setText(show(value));
    }
  }, [value]);

  const unreadable = parse(text) === null;
  const own = unreadable && left ? [t(kind === 'date' ? 'dateFormat' : 'timeFormat')] : [];
  const errors = [...own, ...(props.errors ?? []).filter(() => !unreadable)];
  const hintId = `${id}-fmt`;
  const aria = describedBy(id, errors);
  return (
    <Field id={id} label={props.label} errors={errors}>
      <input
        type="text"
        {...aria}
        aria-describedby={[hintId, aria['aria-describedby']].filter(Boolean).join(' ')}
        class={`masked masked--${kind}`}
        inputMode="numeric"
        autoComplete="off"
        spellcheck={false}
        maxLength={kind === 'date' ? 12 : 8}
        placeholder={kind === 'date' ? 'dd/mm/yyyy' : 'hh:mm'}
        value={text}
        onInput={(e) => {
          const el = e.currentTarget;
          const next = maskDigits(text, el.value, kind);
          if (next !== el.value) el.value = next;
          setText(next);
          const v = parse(next);
          const iso = v ?? '';
          if (iso !== emitted.current) {
            emitted.current = iso;
            props.onValue(iso);
          }
        }}
        onBlur={() => {
          setLeft(true);
          const v = parse(text);
          if (v) setText(show(v));
        }}
      />
      <small id={hintId} class="hint visually-hidden">
        {t(kind === 'date' ? 'dateFormatHint' : 'timeFormatHint')}
      </small>
    </Field>
  );
}
