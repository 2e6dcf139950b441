import type { CriteriaSet } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { createCriteria, patchCriteria } from '../../utils/admin/calls.ts';
import {
  checkCriteriaJson,
  criteriaTotals,
  fieldsToPathErrors,
  patchFrom,
  type PathError,
} from '../../utils/admin/criteria-json.ts';
import { localFields, useT } from '../../utils/i18n/index.ts';
import { Notice } from '../ui/states.tsx';
import { failureText } from './common.tsx';

/**
 * A criteria set as JSON: import a new one (paste or file), view one, or edit one nobody has
 * used. The shared schema checks it here first; the server's own errors are shown the same way.
 */
export function CriteriaEditor(props: {
  mode: 'import' | 'view' | 'edit';
  set?: CriteriaSet;
  onSaved: (s: CriteriaSet, created: boolean) => void;
  onClose: () => void;
}) {
  const t = useT();
  const readOnly = props.mode === 'view';
  const [text, setText] = useState(props.set ? JSON.stringify(props.set, null, 2) : '');
  const [errors, setErrors] = useState<PathError[] | null>(null);
  const [valid, setValid] = useState<CriteriaSet | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const check = (): CriteriaSet | null => {
    setFailure(null);
    const res = checkCriteriaJson(text);
    if (!res.ok) {
      setErrors(res.errors);
      setValid(null);
      return null;
    }
    if (props.set && res.set.id !== props.set.id) {
      setErrors([{ path: 'id', message: t('adm_criteriaIdFixed', { id: props.set.id }) }]);
      setValid(null);
      return null;
    }
    setErrors([]);
    setValid(res.set);
    return res.set;
  };
  const send = async () => {
    const set = check();
    if (!set) return;
    setBusy(true);
    const res =
      props.mode === 'edit'
        ? await patchCriteria(set.id, patchFrom(set))
        : await createCriteria(set);
    setBusy(false);
    if (res.ok) return props.onSaved(res.data, props.mode === 'import');
    if (res.fields) setErrors(fieldsToPathErrors(localFields(t, res.fields)));
    setFailure(failureText(t, res));
  };
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setErrors(null);
    setValid(null);
  };
  const totals = valid ? criteriaTotals(valid) : null;

  return (
    <section class="card criteria-editor" aria-labelledby="crit-h">
      <h2 id="crit-h">
        {props.mode === 'import'
          ? t('adm_criteriaImport')
          : props.mode === 'edit'
            ? t('adm_criteriaEdit', { name: props.set!.name })
            : props.set!.name}
      </h2>
      {props.mode === 'import' && (
        <p class="actions">
          <label class="file-pick">
            <span>{t('adm_jsonPick')}</span>
            <input
              type="file"
              accept=".json,application/json"
              onChange={(e) => void pick(e.currentTarget.files?.[0])}
            />
          </label>
          <span class="hint">{t('adm_criteriaHint')}</span>
        </p>
      )}
      <label for="crit-json">{readOnly ? t('adm_viewJson') : t('adm_jsonPaste')}</label>
      <textarea
        id="crit-json"
        class="mono"
        rows={readOnly ? 16 : 12}
        spellcheck={false}
        readOnly={readOnly}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setValid(null);
          setErrors(null);
        }}
        aria-describedby={errors?.length ? 'crit-errors' : undefined}
      />
      {errors && errors.length > 0 && (
        <div
          id="crit-errors"
          class="notice notice--error"
          role="alert"
          data-testid="criteria-errors"
        >
          <p>{t('adm_criteriaErrors', { n: errors.length })}</p>
          <ul class="path-errors">
            {errors.map((e, i) => (
              <li key={i}>
                <code>{e.path}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {totals && valid && (
        <Notice kind="ok">
          {t('adm_criteriaValid', {
            name: valid.name,
            groups: totals.groups,
            items: totals.items,
            points: totals.points,
            bands: valid.bands.map((b) => `${b.code} ≥ ${b.min}`).join(', '),
          })}
        </Notice>
      )}
      {failure && !errors?.length && <Notice kind="error">{failure}</Notice>}
      <p class="actions">
        {!readOnly && (
          <>
            <button type="button" disabled={!text.trim()} onClick={() => void check()}>
              {t('adm_check')}
            </button>
            <button
              type="button"
              class="primary"
              disabled={!text.trim() || busy}
              onClick={() => void send()}
            >
              {busy
                ? t('adm_working')
                : props.mode === 'edit'
                  ? t('save')
                  : t('adm_criteriaImportGo')}
            </button>
          </>
        )}
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </p>
    </section>
  );
}
