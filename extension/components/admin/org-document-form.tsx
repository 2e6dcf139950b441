import type { AdminOrgUnit, DocumentConfig, DocumentConfigView } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { getDocumentConfig, putDocumentConfig } from '../../utils/admin/calls.ts';
import { useT } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { ErrorBox, Loading } from '../ui/states.tsx';
import { failureText, FormFooter } from './common.tsx';

interface Draft {
  numberPattern: string;
  signerOnBehalf: string;
  signerTitle: string;
  signerName: string;
  recipients: string;
}

const BOUND = ['numberPattern', 'signerOnBehalf', 'signerTitle', 'signerName', 'recipients'];

const draftOf = (c: DocumentConfig): Draft => ({
  numberPattern: c.numberPattern ?? '',
  signerOnBehalf: c.signerOnBehalf ?? '',
  signerTitle: c.signerTitle ?? '',
  signerName: c.signerName ?? '',
  recipients: (c.recipients ?? []).join('\n'),
});

/**
 * How a body numbers and signs the documents it issues (Hướng dẫn 36-HD/VPTW): the number
 * pattern, the signer's position, title and name, and the recipients. Empty fields take the
 * defaults of the body's kind, shown under each field.
 */
export function OrgDocumentForm(props: {
  unit: AdminOrgUnit;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const p = `od-${props.unit.id}`;
  const [view, setView] = useState<DocumentConfigView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setFailure(null);
    const res = await getDocumentConfig(props.unit.id);
    if (!res.ok) return setFailure(res);
    setView(res.data);
    setDraft(draftOf(res.data.config));
  };
  useEffect(() => {
    void load();
  }, [props.unit.id]);

  if (!view || !draft)
    return failure ? (
      <ErrorBox message={failureText(t, failure)} onRetry={() => void load()} />
    ) : (
      <Loading />
    );

  const set = (k: keyof Draft, v: string) => setDraft({ ...draft, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const recipients = draft.recipients
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const json: DocumentConfig = {
      ...(draft.numberPattern.trim() ? { numberPattern: draft.numberPattern.trim() } : {}),
      ...(draft.signerOnBehalf.trim() ? { signerOnBehalf: draft.signerOnBehalf.trim() } : {}),
      ...(draft.signerTitle.trim() ? { signerTitle: draft.signerTitle.trim() } : {}),
      ...(draft.signerName.trim() ? { signerName: draft.signerName.trim() } : {}),
      ...(recipients.length ? { recipients } : {}),
    };
    const res = await putDocumentConfig(props.unit.id, json);
    setBusy(false);
    if (res.ok) return props.onSaved(t('adm_docSaved', { name: props.unit.name }));
    setErrors(res.fields ?? {});
    setFailure(res);
  };
  const eff = view.effective;
  const text = (k: Exclude<keyof Draft, 'recipients'>, label: string, hint?: string) => (
    <Field
      id={`${p}-${k}`}
      label={label}
      hint={[hint, t('adm_docDefault', { value: eff[k] || '—' })].filter(Boolean).join(' · ')}
      errors={errors[k]}
    >
      <input
        {...describedBy(`${p}-${k}`, errors[k], 'h')}
        value={draft[k]}
        placeholder={eff[k]}
        onInput={(e) => set(k, e.currentTarget.value)}
      />
    </Field>
  );

  return (
    <form
      noValidate
      class="card admin-form"
      onSubmit={submit}
      aria-busy={busy}
      aria-labelledby={`${p}-title`}
    >
      <h3 id={`${p}-title`}>{t('adm_docTitle', { name: props.unit.name })}</h3>
      <p class="hint">{t('adm_docLast', { n: view.lastNumber, year: view.year })}</p>
      <div class="grid2">
        {text('numberPattern', t('adm_docPattern'), t('adm_docPatternHint'))}
        {text('signerOnBehalf', t('adm_docOnBehalf'), t('adm_docOnBehalfHint'))}
        {text('signerTitle', t('adm_docSignerTitle'))}
        {text('signerName', t('adm_docSignerName'), t('adm_docSignerNameHint'))}
        <Field
          id={`${p}-recipients`}
          label={t('adm_docRecipients')}
          hint={t('adm_docDefault', { value: eff.recipients.join('; ') })}
          errors={Object.entries(errors)
            .filter(([k]) => k === 'recipients' || k.startsWith('recipients.'))
            .flatMap(([, v]) => v)}
        >
          <textarea
            {...describedBy(`${p}-recipients`, errors.recipients, 'h')}
            rows={4}
            value={draft.recipients}
            placeholder={eff.recipients.join('\n')}
            onInput={(e) => set('recipients', e.currentTarget.value)}
          />
        </Field>
      </div>
      <FormFooter
        errors={errors}
        bound={BOUND}
        failure={failure}
        submitLabel={t('save')}
        busy={busy}
        onCancel={props.onCancel}
      />
    </form>
  );
}
