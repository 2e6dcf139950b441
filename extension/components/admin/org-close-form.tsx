import type { AdminOrgUnit, OrgChangeResult } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { closeUnit } from '../../utils/admin/calls.ts';
import { successorCandidates } from '../../utils/admin/org-tree.ts';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { today, FormFooter } from './common.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { DateInput } from '../ui/date-input.tsx';

/**
 * Closing a unit on its last day, naming the successor that takes over its open issues, staff,
 * units below it and assignments from the next day. Nothing is deleted; history keeps the name.
 */
export function OrgCloseForm(props: {
  unit: AdminOrgUnit;
  units: readonly AdminOrgUnit[];
  onDone: (r: OrgChangeResult) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const u = props.unit;
  const p = `o-${u.id}-close`;
  const candidates = successorCandidates(props.units, today(), u);
  const [validTo, setValidTo] = useState(today());
  const [successorId, setSuccessorId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const successor = candidates.find((c) => c.id === successorId);

  const ask = (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!successorId) local.successorId = [t('adm_successorRequired')];
    if (!validTo) local.validTo = [t('required')];
    setErrors(local);
    setFailure(null);
    if (!Object.keys(local).length) setConfirming(true);
  };
  const run = async () => {
    setBusy(true);
    const res = await closeUnit(u.id, {
      validTo,
      successorId,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (res.ok) {
      setConfirming(false);
      props.onDone(res.data);
      return;
    }
    setConfirming(false);
    setErrors(res.fields ?? {});
    setFailure(res);
  };

  return (
    <form
      noValidate
      class="card admin-form"
      onSubmit={ask}
      aria-label={t('adm_closeTitle', { name: u.name })}
    >
      <p class="hint">{t('adm_closeIntro')}</p>
      <div class="grid2">
        <Field id={`${p}-to`} label={t('adm_lastDay')} errors={errors.validTo}>
          <DateInput
            {...describedBy(`${p}-to`, errors.validTo)}
            value={validTo}
            onValue={setValidTo}
          />
        </Field>
        <Field id={`${p}-succ`} label={t('adm_successorLabel')} errors={errors.successorId}>
          <select
            {...describedBy(`${p}-succ`, errors.successorId)}
            value={successorId}
            onChange={(e) => setSuccessorId(e.currentTarget.value)}
          >
            <option value="">{t('adm_choose')}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={`${p}-note`} label={t('adm_note')} errors={errors.note}>
        <input
          {...describedBy(`${p}-note`, errors.note)}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </Field>
      <FormFooter
        errors={errors}
        bound={['validTo', 'successorId', 'note']}
        failure={failure}
        submitLabel={`${t('adm_close')}…`}
        danger
        onCancel={props.onCancel}
      />
      <ConfirmDialog
        open={confirming}
        title={t('adm_closeTitle', { name: u.name })}
        confirmLabel={t('adm_close')}
        danger
        busy={busy}
        onConfirm={() => void run()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {t('adm_closeConfirm', {
            name: u.name,
            date: formatDate(validTo || today(), locale),
            successor: successor?.name ?? successorId,
          })}
        </p>
        <p class="hint">{t('adm_whatMoves')}</p>
      </ConfirmDialog>
    </form>
  );
}
