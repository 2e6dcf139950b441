import { ASSIGNMENT_CSV_COLUMNS } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../utils/api.ts';
import {
  buildPreview,
  decodeCsvBytes,
  sampleCsv,
  splitImportFields,
  type CsvSpec,
} from '../../utils/admin/csv-preview.ts';
import { errorText, localFields, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { importAssignments } from '../../utils/synthesis/calls.ts';
import { PreviewTable } from '../admin/csv-preview-table.tsx';
import { Notice } from '../ui/states.tsx';
import '../admin/admin.css';

/** The assignment file as the API reads it (headers in Vietnamese; English keys accepted). */
export const ASSIGNMENT_CSV: CsvSpec = {
  columns: ASSIGNMENT_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header, aliases: [c.key] })),
  sample: [
    ['observer', 'hn-xom-1', '125-QĐ/ĐU', '01/07/2025', ''],
    ['observer2', 'hn-yen-ho', '125-QĐ/ĐU', '01/07/2025', '30/06/2030'],
  ],
  fileName: 'mau-phan-cong.csv',
};

type Step =
  | { kind: 'empty' }
  | { kind: 'checking'; text: string }
  | { kind: 'checked'; text: string; valid: number }
  | { kind: 'invalid'; text: string; fields: Record<string, string[]> }
  | { kind: 'importing'; text: string; valid: number }
  | { kind: 'imported'; text: string; n: number };

/**
 * CSV import with a dry run: the chosen file is checked at once (`?dryRun=true`, nothing stored)
 * and shown as a table with each row's errors on its cell; only a clean file can be imported, and
 * the server imports every row or none.
 */
export function AssignmentImport(props: {
  onImported: () => void;
  /** Another file than assignments (the residence register): its columns, call and texts. */
  spec?: CsvSpec;
  run?: (text: string, dryRun: boolean) => Promise<ApiResult<{ imported: number; valid?: number }>>;
  texts?: { title: MessageKey; importNow: MessageKey; imported: MessageKey };
}) {
  const t = useT();
  const spec = props.spec ?? ASSIGNMENT_CSV;
  const run = props.run ?? importAssignments;
  const texts = props.texts ?? {
    title: 'as_import',
    importNow: 'as_importNow',
    imported: 'as_imported',
  };
  const [step, setStep] = useState<Step>({ kind: 'empty' });
  const [name, setName] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const fail = (text: string, f: ApiFailure) => {
    if (f.code === 'VALIDATION_FAILED' && f.fields)
      setStep({ kind: 'invalid', text, fields: localFields(t, f.fields) });
    else {
      setStep({ kind: 'empty' });
      setProblem(errorText(t, f.code, f.message));
    }
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setName(file.name);
    const text = decodeCsvBytes(await file.arrayBuffer());
    if (text === null) {
      setStep({ kind: 'empty' });
      return setProblem(t('as_notUtf8', { name: file.name }));
    }
    setStep({ kind: 'checking', text });
    const res = await run(text, true);
    if (res.ok) setStep({ kind: 'checked', text, valid: res.data.valid ?? 0 });
    else fail(text, res);
  };

  const commit = async () => {
    if (step.kind !== 'checked') return;
    const { text, valid } = step;
    setStep({ kind: 'importing', text, valid });
    const res = await run(text, false);
    if (!res.ok) return fail(text, res);
    setStep({ kind: 'imported', text, n: res.data.imported });
    props.onImported();
  };

  const sample = () => {
    const url = URL.createObjectURL(
      new Blob([sampleCsv(spec)], { type: 'text/csv;charset=utf-8' }),
    );
    const a = Object.assign(document.createElement('a'), {
      href: url,
      download: spec.fileName,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const split =
    step.kind === 'invalid' ? splitImportFields(step.fields) : { rowErrors: [], fileErrors: [] };
  const preview =
    step.kind === 'empty' ? null : buildPreview(step.text, spec, split.rowErrors, split.fileErrors);

  return (
    <section class="card" aria-labelledby="as-import-h" data-testid="assignment-import">
      <h2 id="as-import-h">{t(texts.title)}</h2>
      <p class="hint">
        {t('as_importHint', { columns: spec.columns.map((c) => c.header).join(', ') })}
      </p>
      <p class="actions">
        <button type="button" onClick={sample}>
          {t('adm_csvSample')}
        </button>
        <label class="file-pick">
          <span>{t('as_chooseFile')}</span>{' '}
          <input
            id="as-import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              // Cleared so that choosing the same file again, once fixed, reads it again.
              e.currentTarget.value = '';
              void pick(file);
            }}
          />
        </label>
        {name && <span class="hint">{name}</span>}
      </p>
      {problem && <Notice kind="error">{problem}</Notice>}
      <div role="status" aria-live="polite" data-testid="import-state">
        {step.kind === 'checking' && (
          <p class="state">
            <span class="spinner" aria-hidden="true" /> {t('as_checking')}
          </p>
        )}
        {step.kind === 'checked' && (
          <Notice kind="info">{t('as_checkOk', { n: step.valid })}</Notice>
        )}
        {step.kind === 'invalid' && preview && (
          <Notice kind="error">
            <p>{t('as_checkErrors', { n: preview.errorRows })}</p>
            {preview.fileErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </Notice>
        )}
        {step.kind === 'imported' && <Notice kind="ok">{t(texts.imported, { n: step.n })}</Notice>}
      </div>
      {(step.kind === 'checked' || step.kind === 'importing') && (
        <p class="actions">
          <button
            type="button"
            class="primary"
            disabled={step.kind === 'importing'}
            onClick={() => void commit()}
          >
            {step.kind === 'importing' ? t('as_importing') : t(texts.importNow, { n: step.valid })}
          </button>
        </p>
      )}
      {preview && step.kind !== 'imported' && (
        <PreviewTable preview={preview} items={[]} describe={() => ''} />
      )}
    </section>
  );
}
