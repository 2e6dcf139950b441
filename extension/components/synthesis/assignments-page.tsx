import {
  endedBefore,
  expectedIn,
  hasRole,
  isOpenOn,
  OrgIndex,
  type AssignmentRecord,
  type OrgUnit,
} from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatMonth } from '../../utils/format.ts';
import { errorText, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { sessionItem, type Session } from '../../utils/storage.ts';
import {
  downloadAssignments,
  endAssignment,
  listAssignments,
  listObservers,
} from '../../utils/synthesis/calls.ts';
import { saveBlob } from '../../utils/synthesis/download.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { AssignmentForm, type Choice } from './assignment-form.tsx';
import { AssignmentImport } from './assignment-import.tsx';
import { MonthBodyFilter } from './month-body-filter.tsx';
import { useMonthBody, type MonthBody } from './use-month-body.ts';
import './synthesis.css';
import { DateInput } from '../ui/date-input.tsx';

const inForce = (a: AssignmentRecord, month: string) =>
  a.validFrom <= `${month}-31` && (a.validTo == null || a.validTo >= `${month}-01`);

/** `#/assignments/<month>/<bodyId>`: who attends which cell, by decision; add, end, import, export. */
export function AssignmentsPage(props: { params: string[] }) {
  const t = useT();
  const session = useStorageItem(sessionItem);
  if (!session) return <Loading />;
  if (!hasRole(session.user, 'staff', 'leader', 'admin'))
    return <Notice kind="info">{t('as_forbidden')}</Notice>;
  return <Assignments session={session} params={props.params} />;
}

function Assignments(props: { session: Session; params: string[] }) {
  const t = useT();
  const locale = useLocale();
  const mb = useMonthBody('assignments', props.params, props.session);
  const [monthOnly, setMonthOnly] = useState(false);
  const [panel, setPanel] = useState<'add' | 'import' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const { state, reload } = useLoader(() => listAssignments({ bodyId: mb.bodyId }), [mb.bodyId]);
  const [observers, setObservers] = useState<(Choice & { unit?: string })[] | null>(null);
  const isAdmin = hasRole(props.session.user, 'admin');

  useEffect(() => {
    if (!isAdmin || panel !== 'add' || observers) return;
    void listObservers().then(
      (res) =>
        res.ok &&
        setObservers(
          res.data.items.map((u) => ({
            id: u.id,
            name: `${u.displayName} (${u.username})`,
            unit: u.orgUnitId,
          })),
        ),
    );
  }, [panel]);

  if (state.status === 'error' && state.failure.status === 403)
    return <Notice kind="info">{t('as_forbidden')}</Notice>;
  const all = state.data?.items ?? null;
  const rows = all && monthOnly ? all.filter((a) => inForce(a, mb.month)) : all;
  const expected = all ? expectedThisMonth(all, mb.month, mb.units) : new Set<string>();

  const exportCsv = async () => {
    setExporting(t('ex_running'));
    const res = await downloadAssignments({
      bodyId: mb.bodyId,
      ...(monthOnly ? { month: mb.month } : {}),
    });
    if (!res.ok)
      return setExporting(t('ex_failed', { message: errorText(t, res.code, res.message) }));
    saveBlob(res.blob, res.filename);
    setExporting(null);
  };

  return (
    <section class="monthly assignments" aria-labelledby="as-h">
      <h1 id="as-h">{t('as_title')}</h1>
      <MonthBodyFilter idPrefix="as" mb={mb}>
        <label class="check">
          <input
            type="checkbox"
            checked={monthOnly}
            onChange={(e) => setMonthOnly(e.currentTarget.checked)}
          />
          {t('as_inForce')} {formatMonth(mb.month)}
        </label>
      </MonthBodyFilter>
      <p class="actions">
        <button
          type="button"
          aria-expanded={panel === 'add'}
          onClick={() => setPanel(panel === 'add' ? null : 'add')}
        >
          {t('as_add')}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'import'}
          onClick={() => setPanel(panel === 'import' ? null : 'import')}
        >
          {t('as_import')}
        </button>
        <button
          type="button"
          data-export="assignments-csv"
          disabled={exporting === t('ex_running')}
          onClick={() => void exportCsv()}
        >
          {t('as_export')}
        </button>
        {exporting && <span class="hint">{exporting}</span>}
      </p>
      {message && <Notice kind="ok">{message}</Notice>}
      {panel === 'add' && (
        <AssignmentForm
          members={memberChoices(mb, all ?? [], isAdmin ? observers : null)}
          cells={cellChoices(mb)}
          today={mb.today}
          onClose={() => setPanel(null)}
          onSaved={(a) => {
            setPanel(null);
            setMessage(t('as_added', { member: a.displayName, cell: a.cellName }));
            reload();
          }}
        />
      )}
      {panel === 'import' && <AssignmentImport onImported={reload} />}
      {state.status === 'error' && (
        <ErrorBox
          message={errorText(t, state.failure.code, state.failure.message)}
          onRetry={reload}
        />
      )}
      {!rows && state.status === 'loading' && <Loading />}
      {rows && rows.length === 0 && <Empty>{t('as_empty')}</Empty>}
      {rows && rows.length > 0 && (
        <div class="table-scroll">
          <table class="data-table" data-table="assignments">
            <thead>
              <tr>
                <th scope="col">{t('sy_colCell')}</th>
                <th scope="col">{t('as_colMember')}</th>
                <th scope="col">{t('cp_colDecision')}</th>
                <th scope="col">{t('as_colFrom')}</th>
                <th scope="col">{t('as_colTo')}</th>
                <th scope="col">{t('as_colFrequency')}</th>
                <th scope="col">{t('as_colExpected', { month: formatMonth(mb.month) })}</th>
                <th scope="col">
                  <span class="sr-only">{t('as_end')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <AssignmentRow
                  key={a.id}
                  a={a}
                  expected={expected.has(a.id)}
                  today={mb.today}
                  locale={locale}
                  onEnded={(msg) => {
                    setMessage(msg);
                    reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AssignmentRow(props: {
  a: AssignmentRecord;
  /** Whether the assignment expects a report in the page's month (shared `expectedIn`). */
  expected: boolean;
  today: string;
  locale: 'vi' | 'en';
  onEnded: (message: string) => void;
}) {
  const t = useT();
  const { a, locale } = props;
  const [ending, setEnding] = useState(false);
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compared as text; Math.max would turn them into NaN
  const [date, setDate] = useState(props.today < a.validFrom ? a.validFrom : props.today);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = !endedBefore(a, props.today);

  const confirm = async () => {
    setBusy(true);
    const res = await endAssignment(a.id, date);
    setBusy(false);
    if (!res.ok) return setError(res.fields?.validTo?.[0] ?? errorText(t, res.code, res.message));
    setEnding(false);
    props.onEnded(
      t('as_ended', { member: a.displayName, cell: a.cellName, date: formatDate(date, locale) }),
    );
  };

  return (
    <tr data-assignment={a.id} data-cell={a.cellId}>
      <th scope="row">{a.cellName}</th>
      <td>
        {a.displayName} <small>({a.username})</small>
      </td>
      <td>{a.decisionNo ?? ''}</td>
      <td>{formatDate(a.validFrom, locale)}</td>
      <td>
        {a.validTo ? formatDate(a.validTo, locale) : <span class="hint">{t('as_open')}</span>}
      </td>
      <td data-frequency={a.frequency}>
        {t(`freq_${a.frequency}` as MessageKey, {
          n: (a.frequency === 'every_n' ? a.every : a.rotaPosition) ?? '',
        })}
      </td>
      <td data-expected={props.expected}>
        {props.expected ? t('as_expectedYes') : <span class="hint">{t('as_expectedNo')}</span>}
      </td>
      <td>
        {open && !ending && (
          <button type="button" onClick={() => setEnding(true)}>
            {t('as_end')}
          </button>
        )}
        {ending && (
          <span class="end-form">
            <label class="sr-only" for={`end-${a.id}`}>
              {t('as_endOn')}
            </label>
            <DateInput id={`end-${a.id}`} class="date-text" value={date} onValue={setDate} />
            <button
              type="button"
              class="primary"
              disabled={busy || !date}
              onClick={() => void confirm()}
            >
              {t('as_confirmEnd')}
            </button>
            <button
              type="button"
              onClick={() => {
                setEnding(false);
                setError(null);
              }}
            >
              {t('cancel')}
            </button>
          </span>
        )}
        {error && (
          <small class="error-text" role="alert">
            {error}
          </small>
        )}
      </td>
    </tr>
  );
}

/**
 * Ids of the assignments that expect a report in `month`, by the shared rule the compliance uses
 * (every N months, a rota's turn, the cells' meeting day and validity). The list holds every
 * assignment under the body, ended ones too, so a rota's first month is the API's.
 */
function expectedThisMonth(
  list: readonly AssignmentRecord[],
  month: string,
  units: readonly OrgUnit[],
): Set<string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chosen = expectedIn(
    list.map((a) => ({ ...a, tieKey: a.userId })),
    month,
    { cellOf: (id) => byId.get(id) },
  );
  return new Set(chosen.map((a) => a.id));
}

/** Members to choose from: an admin's observers under the body; otherwise those already assigned here. */
function memberChoices(
  mb: MonthBody,
  list: readonly AssignmentRecord[],
  observers: (Choice & { unit?: string })[] | null,
): Choice[] {
  if (observers) {
    const below = new OrgIndex(mb.units).subtreeIds(mb.bodyId);
    return observers.filter((o) => !o.unit || below.has(o.unit) || mb.units.length === 0);
  }
  const seen = new Map<string, string>();
  for (const a of list) seen.set(a.userId, `${a.displayName} (${a.username})`);
  return [...seen]
    .map(([id, name]) => ({ id, name }))
    .sort((x, y) => x.name.localeCompare(y.name, 'vi'));
}

/** Cells open today under the body. */
function cellChoices(mb: MonthBody): Choice[] {
  const below = new OrgIndex(mb.units).subtreeIds(mb.bodyId);
  return mb.units
    .filter((u) => u.kind === 'cell' && below.has(u.id) && isOpenOn(u, mb.today))
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((x, y) => x.name.localeCompare(y.name, 'vi'));
}
