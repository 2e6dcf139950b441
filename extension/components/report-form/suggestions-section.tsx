import { useT } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { useForm } from './form-context.ts';

/** Suggestions to the cell (góp ý). */
export function SuggestionsSection() {
  const t = useT();
  const { data, update, readOnly, errorsFor } = useForm();
  const errs = errorsFor('suggestions');
  return (
    <fieldset class="section" disabled={readOnly}>
      <legend>{t('sectionSuggestions')}</legend>
      <Field
        id="f-suggestions"
        label={t('sectionSuggestions')}
        hint={t('suggestionsHint')}
        errors={errs}
      >
        <textarea
          {...describedBy('f-suggestions', errs, t('suggestionsHint'))}
          rows={4}
          maxLength={20000}
          value={data.suggestions}
          onInput={(e) =>
            update((d) => ({ ...d, suggestions: e.currentTarget.value }), ['suggestions'])
          }
        />
      </Field>
    </fieldset>
  );
}
