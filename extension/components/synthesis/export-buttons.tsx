import { useState } from 'preact/hooks';
import { errorText, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { downloadSynthesis, type ExportChoice } from '../../utils/synthesis/calls.ts';
import { saveBlob, type FileResult } from '../../utils/synthesis/download.ts';

/** The downloads offered, and their labels: the CSV twice, as is and for a Vietnamese-locale Excel. */
const CHOICES: readonly [ExportChoice, MessageKey][] = [
  ['xlsx', 'ex_xlsx'],
  ['docx', 'ex_docx'],
  ['csv', 'ex_csv'],
  ['csv-vi', 'ex_csvVi'],
];

type State =
  | { kind: 'idle' }
  | { kind: 'running'; format: ExportChoice }
  | { kind: 'done'; name: string }
  | { kind: 'error'; message: string };

/**
 * XLSX / DOCX / CSV (default, or `;` and decimal comma for Excel in Vietnamese) of the synthesis. A province's file takes seconds to build: the buttons are
 * disabled while one is made, a spinner says so, and a failure says why.
 */
export function ExportButtons(props: {
  month?: string;
  bodyId: string;
  gap?: number;
  /** Another file than the month's synthesis (the year view). */
  download?: (choice: ExportChoice) => Promise<FileResult>;
}) {
  const t = useT();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const running = state.kind === 'running';

  const run = async (format: ExportChoice) => {
    setState({ kind: 'running', format });
    const res = props.download
      ? await props.download(format)
      : await downloadSynthesis(
          { month: props.month ?? '', bodyId: props.bodyId, gap: props.gap },
          format,
        );
    if (!res.ok) return setState({ kind: 'error', message: errorText(t, res.code, res.message) });
    saveBlob(res.blob, res.filename);
    setState({ kind: 'done', name: res.filename });
  };

  return (
    <fieldset class="export-bar" aria-label={t('ex_title')} aria-busy={running}>
      {CHOICES.map(([f, label]) => (
        <button
          key={f}
          type="button"
          data-export={f}
          disabled={running}
          onClick={() => void run(f)}
        >
          {t(label)}
        </button>
      ))}
      <span class="export-state" role="status" aria-live="polite" data-testid="export-state">
        {running && (
          <>
            <span class="spinner" aria-hidden="true" /> {t('ex_running')}
          </>
        )}
        {state.kind === 'done' && <span class="ok-text">{t('ex_done', { name: state.name })}</span>}
      </span>
      {state.kind === 'error' && (
        <p class="error-text" role="alert">
          {t('ex_failed', { message: state.message })}
        </p>
      )}
    </fieldset>
  );
}
