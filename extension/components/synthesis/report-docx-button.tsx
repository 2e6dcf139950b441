import { useState } from 'preact/hooks';
import { errorText, useT } from '../../utils/i18n/index.ts';
import { downloadReportDocx } from '../../utils/synthesis/calls.ts';
import { saveBlob } from '../../utils/synthesis/download.ts';

/** "Tải báo cáo (DOCX)": the submitted report in the administrative layout, for the member's records. */
export function ReportDocxButton(props: { reportId: string; cellId: string; meetingDate: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const res = await downloadReportDocx(
      props.reportId,
      `bao-cao-du-sinh-hoat-${props.cellId}-${props.meetingDate}.docx`,
    );
    setBusy(false);
    if (!res.ok) return setError(errorText(t, res.code, res.message));
    saveBlob(res.blob, res.filename);
  };
  return (
    <>
      <button
        type="button"
        data-export="report-docx"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void run()}
      >
        {busy ? (
          <>
            <span class="spinner" aria-hidden="true" /> {t('ex_running')}
          </>
        ) : (
          t('ex_reportDocx')
        )}
      </button>
      {error && (
        <span class="error-text" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
