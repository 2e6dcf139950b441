import type { ImportError } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { postCsv, type CsvImportKind, type CsvImportResult } from '../../utils/admin/calls.ts';
import {
  buildPreview,
  decodeCsvBytes,
  sampleCsv,
  splitImportFields,
  type CsvSpec,
} from '../../utils/admin/csv-preview.ts';
import { localFields, useT } from '../../utils/i18n/index.ts';
import { Notice } from '../ui/states.tsx';
import { failureText } from './common.tsx';
import { PreviewTable } from './csv-preview-table.tsx';

type Checked<K extends CsvImportKind> = {
  text: string;
  result: CsvImportResult<K> | null;
  errors: ImportError[];
  fileErrors: string[];
};

/**
 * A CSV import in three steps: choose a file (or paste), check it with a dry run (the table shows
 * each row with its errors on the cell), then import, which the server does for every row or none.
 */
export function CsvImport<K extends CsvImportKind>(props: {
  kind: K;
  spec: CsvSpec;
  idPrefix: string;
  /** How a valid row will be read (shown in the preview's last column). */
  describe: (item: CsvImportResult<K>['items'][number]) => string;
  onImported: (result: CsvImportResult<K>) => void;
  onClose: () => void;
}) {
  const t = useT();
  const p = props.idPrefix;
  const [text, setText] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked<K> | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const stale = checked !== null && checked.text !== text;

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    const decoded = decodeCsvBytes(await file.arrayBuffer());
    if (decoded === null) return setFileError(t('adm_csvNotUtf8', { name: file.name }));
    setSource(file.name);
    setText(decoded);
    setChecked(null);
  };

  const send = async (dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'import');
    setFailure(null);
    const sent = text;
    const res = await postCsv(props.kind, sent, dryRun);
    setBusy(null);
    if (res.ok) {
      setChecked({ text: sent, result: res.data, errors: res.data.errors, fileErrors: [] });
      if (!dryRun) props.onImported(res.data);
      return;
    }
    if (res.code === 'VALIDATION_FAILED' && res.fields) {
      // A bad file (a missing column, not UTF-8) or a row that went bad since the dry run.
      const { rowErrors, fileErrors } = splitImportFields(localFields(t, res.fields));
      setChecked({ text: sent, result: null, errors: rowErrors, fileErrors });
    } else setFailure(res);
  };

  const download = () => {
    const url = URL.createObjectURL(
      new Blob([sampleCsv(props.spec)], { type: 'text/csv;charset=utf-8' }),
    );
    const a = Object.assign(document.createElement('a'), {
      href: url,
      download: props.spec.fileName,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const preview = checked
    ? buildPreview(checked.text, props.spec, checked.errors, checked.fileErrors)
    : null;
  const result = checked?.result ?? null;
  const ready = result?.dryRun && result.ok && !stale && result.count > 0;
  const done = result !== null && !result.dryRun && !stale;

  return (
    <section class="card csv-import" aria-labelledby={`${p}-h`} data-csv-import={props.kind}>
      <h2 id={`${p}-h`}>{t('adm_csvTitle')}</h2>
      <p class="hint">
        {t('adm_csvColumns')} <code>{props.spec.columns.map((c) => c.header).join(', ')}</code>
      </p>
      <p class="actions">
        <button type="button" onClick={download}>
          {t('adm_csvSample')}
        </button>
        <label class="file-pick">
          <span>{t('adm_csvPick')}</span>
          <input
            id={`${p}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void pick(e.currentTarget.files?.[0])}
          />
        </label>
        {source && <span class="hint">{source}</span>}
      </p>
      {fileError && <Notice kind="error">{fileError}</Notice>}
      <label for={`${p}-text`}>{t('adm_csvPaste')}</label>
      <textarea
        id={`${p}-text`}
        class="mono"
        rows={6}
        spellcheck={false}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setSource(null);
        }}
      />
      <p class="actions">
        <button
          type="button"
          class={ready ? '' : 'primary'}
          disabled={!text.trim() || busy !== null}
          onClick={() => void send(true)}
        >
          {busy === 'check' ? t('adm_working') : t('adm_csvCheck')}
        </button>
        <button
          type="button"
          class={ready ? 'primary' : ''}
          disabled={!ready || busy !== null}
          onClick={() => void send(false)}
        >
          {busy === 'import' ? t('adm_working') : t('adm_csvImport', { n: result?.count ?? 0 })}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </p>
      {failure && <Notice kind="error">{failureText(t, failure)}</Notice>}
      {stale && <Notice kind="warn">{t('adm_csvStale')}</Notice>}
      {preview && !stale && (
        <div data-testid="csv-summary">
          {done ? (
            <Notice kind="ok">{t('adm_csvImported', { n: result.count })}</Notice>
          ) : preview.fileErrors.length || preview.errorRows ? (
            <Notice kind="error">
              <p>{t('adm_csvHasErrors', { n: preview.errorRows, total: preview.rows.length })}</p>
              {preview.fileErrors.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </Notice>
          ) : (
            <Notice kind="info">
              {t('adm_csvAllGood', { n: result?.count ?? preview.rows.length })}
            </Notice>
          )}
          <PreviewTable preview={preview} items={result?.items ?? []} describe={props.describe} />
        </div>
      )}
    </section>
  );
}
