import type { CsvPreview } from '../../utils/admin/csv-preview.ts';
import { useT } from '../../utils/i18n/index.ts';

/**
 * The file as a table: the spreadsheet's row number, its own columns, and a last column with what
 * the server will store (a valid row) or the row's errors. A bad cell is outlined and carries its
 * message, so the admin can fix the file line by line.
 */
export function PreviewTable<I extends { row: number }>(props: {
  preview: CsvPreview;
  items: readonly I[];
  describe: (item: I) => string;
}) {
  const t = useT();
  const { preview } = props;
  const byRow = new Map(props.items.map((i) => [i.row, i]));
  if (!preview.rows.length) return null;
  return (
    <div class="table-scroll">
      <table class="admin-table csv-preview">
        <thead>
          <tr>
            <th scope="col">{t('adm_csvRow')}</th>
            {preview.header.map((h, i) => (
              <th
                key={i}
                scope="col"
                class={h.key ? '' : 'unknown-col'}
                title={h.key ? undefined : t('adm_csvUnknownColumn')}
              >
                {h.label}
              </th>
            ))}
            <th scope="col">{t('adm_csvOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => {
            const item = byRow.get(r.row);
            const shown = new Set(preview.header.map((h) => h.key).filter(Boolean));
            const other = r.errors.filter((e) => !shown.has(e.field));
            return (
              <tr
                key={r.row}
                data-row={r.row}
                class={r.errors.length ? 'row--error' : ''}
                aria-invalid={r.errors.length ? 'true' : undefined}
              >
                <th scope="row">{r.row}</th>
                {r.cells.map((c, i) => (
                  <td
                    key={i}
                    class={c.errors.length ? 'cell--error' : ''}
                    data-field={preview.header[i]?.key ?? undefined}
                  >
                    <span>{c.value}</span>
                    {c.errors.map((m) => (
                      <small key={m} class="cell-error">
                        {m}
                      </small>
                    ))}
                  </td>
                ))}
                <td>
                  {r.errors.length ? (
                    <span class="error-text">
                      {t('adm_csvRowErrors', { n: r.errors.length })}
                      {other.map((e) => (
                        <small key={e.field + e.message} class="cell-error">
                          {e.message}
                        </small>
                      ))}
                    </span>
                  ) : item ? (
                    <span class="ok-text">{props.describe(item)}</span>
                  ) : (
                    <span class="hint">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
