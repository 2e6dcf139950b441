import {
  isOpenOn,
  localDate,
  OrgIndex,
  RESIDENCE_CSV_COLUMNS,
  type ResidenceMemberList,
  type ResidenceMemberRecord,
  type ResidenceStatus,
} from '@duhop/shared';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CsvSpec } from '../../utils/admin/csv-preview.ts';
import { formatDate } from '../../utils/format.ts';
import { navigate } from '../../utils/hash-route.ts';
import { errorText, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import {
  downloadLetter,
  downloadRegister,
  importResidence,
  listResidence,
  listWorkplaces,
} from '../../utils/residence/calls.ts';
import type { Session } from '../../utils/storage.ts';
import { summaryBodies } from '../../utils/synthesis/bodies.ts';
import { saveBlob, type FileResult } from '../../utils/synthesis/download.ts';
import { useOrgUnits } from '../../utils/triage/org-units.ts';
import { AssignmentImport } from '../synthesis/assignment-import.tsx';
import { StaffOnly } from '../synthesis/staff-only.tsx';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { AssessmentForm } from './assessment-form.tsx';
import { ResidenceForm, STATUSES, type Choice } from './residence-form.tsx';
import '../synthesis/synthesis.css';
import './residence.css';

/** The register file as the API reads it (Vietnamese headers; English keys accepted). */
const RESIDENCE_CSV: CsvSpec = {
  columns: RESIDENCE_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header, aliases: [c.key] })),
  sample: [
    ['Nguyễn Văn Thành', '1984', 'hn-xom-1', 'na-syt', '', '01/04/2026', '10/04/2026', '', '', ''],
    [
      'Lê Thị Hoa',
      '1990',
      'hn-xom-2',
      '',
      'Kho bạc Nhà nước khu vực X',
      '15/03/2026',
      '',
      '',
      '',
      '',
    ],
  ],
  fileName: 'mau-dang-vien-76.csv',
};

/**
 * `#/residence/<year>/<bodyId>[/unassessed]`: the residence members of the cells under a commune
 * (`unassessed`: only those still without the year's assessment, as the synthesis links to it).
 */
export function ResidencePage(props: { params: string[] }) {
  return (
    <StaffOnly>{(session) => <Residence session={session} params={props.params} />}</StaffOnly>
  );
}

function Residence(props: { session: Session; params: string[] }) {
  const t = useT();
  const locale = useLocale();
  const today = localDate(new Date());
  const thisYear = Number(today.slice(0, 4));
  const units = useOrgUnits();
  const [y, b, only] = props.params;
  const year = y && /^\d{4}$/.test(y) && Number(y) <= thisYear ? Number(y) : thisYear;
  const bodyId = b || props.session.user.orgUnitId;
  const go = (next: { year?: number; bodyId?: string }) =>
    navigate('residence', String(next.year ?? year), next.bodyId ?? bodyId);
  const [cellId, setCellId] = useState('');
  const [status, setStatus] = useState<ResidenceStatus | ''>('');
  const [unassessed, setUnassessed] = useState(only === 'unassessed');
  const [panel, setPanel] = useState<'add' | 'import' | 'letters' | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [assessing, setAssessing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { state, reload } = useLoader(
    () => listResidence({ bodyId, year, ...(status ? { status } : {}), unassessed }),
    [bodyId, year, status, unassessed],
  );

  if (state.status === 'error' && state.failure.status === 403)
    return <Notice kind="info">{t('rm_forbidden')}</Notice>;
  const data: ResidenceMemberList | null = state.data ?? null;
  const rows = data ? data.items.filter((m) => !cellId || m.cellId === cellId) : null;
  const below = new OrgIndex(units).subtreeIds(bodyId);
  const cells: Choice[] = units
    .filter((u) => u.kind === 'cell' && below.has(u.id) && isOpenOn(u, today))
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((x, z) => x.name.localeCompare(z.name, 'vi'));
  const workplaces: Choice[] = units
    .filter((u) => u.kind !== 'cell' && isOpenOn(u, today))
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((x, z) => x.name.localeCompare(z.name, 'vi'));
  const bodies = summaryBodies(units, props.session.user);
  const years = [thisYear, thisYear - 1, thisYear - 2];
  const saved = (text: string) => {
    setMessage(text);
    reload();
  };

  return (
    <section class="monthly residence" aria-labelledby="rm-h">
      <h1 id="rm-h">{t('rm_title')}</h1>
      <p class="hint">{t('rm_intro')}</p>
      <fieldset class="filter-row month-filter" aria-label={t('rm_filters')}>
        <span class="inline-field">
          <label for="rm-year">{t('rm_year')}</label>
          <select
            id="rm-year"
            value={year}
            onChange={(e) => go({ year: Number(e.currentTarget.value) })}
          >
            {years.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </span>
        {bodies.length > 1 && (
          <span class="inline-field">
            <label for="rm-body">{t('sy_body')}</label>
            <select
              id="rm-body"
              value={bodyId}
              onChange={(e) => go({ bodyId: e.currentTarget.value })}
            >
              {bodies.map((x) => (
                <option key={x.id} value={x.id}>
                  {'\u00a0\u00a0'.repeat(x.depth)}
                  {x.name}
                </option>
              ))}
            </select>
          </span>
        )}
        <span class="inline-field">
          <label for="rm-cell">{t('rm_cell')}</label>
          <select id="rm-cell" value={cellId} onChange={(e) => setCellId(e.currentTarget.value)}>
            <option value="">{t('rm_allCells')}</option>
            {cells.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </span>
        <span class="inline-field">
          <label for="rm-status">{t('rm_status')}</label>
          <select
            id="rm-status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as ResidenceStatus | '')}
          >
            <option value="">{t('rm_allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`rms_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </span>
        <label class="check">
          <input
            type="checkbox"
            data-filter="unassessed"
            checked={unassessed}
            onChange={(e) => setUnassessed(e.currentTarget.checked)}
          />
          {t('rm_unassessedOnly')}
        </label>
      </fieldset>
      {data && (
        <p class="rm-counts" data-testid="residence-counts">
          {t('rm_counts', {
            year,
            active: data.counts.active.toLocaleString('vi-VN'),
            assessed: data.counts.assessed.toLocaleString('vi-VN'),
            good: data.counts.good.toLocaleString('vi-VN'),
            unassessed: data.counts.unassessed.toLocaleString('vi-VN'),
          })}
        </p>
      )}
      <p class="actions">
        {(['add', 'import', 'letters'] as const).map((k) => (
          <button
            key={k}
            type="button"
            aria-expanded={panel === k}
            onClick={() => setPanel(panel === k ? null : k)}
          >
            {t(k === 'add' ? 'rm_add' : k === 'import' ? 'rm_import' : 'rm_letters')}
          </button>
        ))}
        <DownloadButton
          label={t('rm_exportXlsx')}
          name="register-xlsx"
          run={() => downloadRegister({ bodyId, year, format: 'xlsx' })}
        />
        <DownloadButton
          label={t('rm_exportCsv')}
          name="register-csv"
          run={() => downloadRegister({ bodyId, year, format: 'csv' })}
        />
      </p>
      {message && <Notice kind="ok">{message}</Notice>}
      {panel === 'add' && (
        <ResidenceForm
          member={null}
          cells={cells}
          workplaces={workplaces}
          today={today}
          onClose={() => setPanel(null)}
          onSaved={(m) => {
            setPanel(null);
            saved(t('rm_added', { name: m.fullName, cell: m.cellName }));
          }}
        />
      )}
      {panel === 'import' && (
        <AssignmentImport
          onImported={reload}
          spec={RESIDENCE_CSV}
          run={importResidence}
          texts={{ title: 'rm_import', importNow: 'rm_importNow', imported: 'rm_imported' }}
        />
      )}
      {panel === 'letters' && <Letters bodyId={bodyId} year={year} />}
      {state.status === 'error' && (
        <ErrorBox
          message={errorText(t, state.failure.code, state.failure.message)}
          onRetry={reload}
        />
      )}
      {!rows && state.status === 'loading' && <Loading />}
      {rows && rows.length === 0 && (
        <Empty>
          {data?.items.length || unassessed || status ? t('rm_emptyFiltered') : t('rm_empty')}
        </Empty>
      )}
      {rows && rows.length > 0 && (
        <div class="table-scroll">
          <table class="data-table" data-table="residence">
            <thead>
              <tr>
                <th scope="col">{t('rm_colName')}</th>
                <th scope="col">{t('rm_colCell')}</th>
                <th scope="col">{t('rm_colWorkplace')}</th>
                <th scope="col">{t('rm_colIntroduced')}</th>
                <th scope="col">{t('rm_colReceived')}</th>
                <th scope="col">{t('rm_colStatus')}</th>
                <th scope="col">{t('rm_colAssessment', { year })}</th>
                <th scope="col">
                  <span class="sr-only">{t('rm_edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <MemberRows
                  key={m.id}
                  m={m}
                  year={year}
                  locale={locale}
                  editing={editing === m.id}
                  assessing={assessing === m.id}
                  onEdit={() => {
                    setAssessing(null);
                    setEditing(editing === m.id ? null : m.id);
                  }}
                  onAssess={() => {
                    setEditing(null);
                    setAssessing(assessing === m.id ? null : m.id);
                  }}
                  form={
                    editing === m.id ? (
                      <ResidenceForm
                        member={m}
                        cells={cells}
                        workplaces={workplaces}
                        today={today}
                        onClose={() => setEditing(null)}
                        onSaved={(x) => {
                          setEditing(null);
                          saved(t('rm_saved', { name: x.fullName }));
                        }}
                      />
                    ) : assessing === m.id ? (
                      <AssessmentForm
                        member={m}
                        year={year}
                        onClose={() => setAssessing(null)}
                        onSaved={(x) => {
                          setAssessing(null);
                          saved(t('rm_assessed', { year, name: x.fullName }));
                        }}
                      />
                    ) : null
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const activeIn = (m: ResidenceMemberRecord, year: number) =>
  m.introducedOn <= `${year}-12-31` &&
  (m.status === 'active' || !m.statusOn || m.statusOn >= `${year}-01-01`);

function MemberRows(props: {
  m: ResidenceMemberRecord;
  year: number;
  locale: 'vi' | 'en';
  editing: boolean;
  assessing: boolean;
  onEdit: () => void;
  onAssess: () => void;
  form: ComponentChildren;
}) {
  const t = useT();
  const { m, locale } = props;
  const a = m.assessment;
  const listed = activeIn(m, props.year);
  return (
    <>
      <tr data-member={m.id}>
        <th scope="row">
          {m.fullName}
          {m.birthYear && (
            <>
              <br />
              <small class="hint">{t('rm_born', { year: m.birthYear })}</small>
            </>
          )}
        </th>
        <td>{m.cellName}</td>
        <td>{m.workplace}</td>
        <td>{formatDate(m.introducedOn, locale)}</td>
        <td>
          {m.receivedOn ? (
            formatDate(m.receivedOn, locale)
          ) : (
            <span class="hint">{t('rm_notReceived')}</span>
          )}
        </td>
        <td>
          <span class={`pill pill--rm-${m.status}`} data-status={m.status}>
            {t(`rms_${m.status}` as MessageKey)}
          </span>
          {m.statusOn && m.status !== 'active' && (
            <>
              <br />
              <small class="hint">{t('rm_since', { date: formatDate(m.statusOn, locale) })}</small>
            </>
          )}
        </td>
        <td data-assessment={a?.rating ?? (listed ? 'none' : 'n/a')}>
          {a ? (
            <>
              <span class={`pill pill--rm-${a.rating}`}>{t(`rmr_${a.rating}` as MessageKey)}</span>
              {a.reasons && (
                <>
                  <br />
                  <small>{a.reasons}</small>
                </>
              )}
            </>
          ) : listed ? (
            <span class="pill pill--rm-none">{t('rm_unassessed')}</span>
          ) : (
            <span class="hint">{t('rm_notListed')}</span>
          )}
        </td>
        <td class="rm-actions">
          {listed && (
            <button
              type="button"
              aria-expanded={props.assessing}
              aria-label={a ? undefined : t('rm_assessOf', { name: m.fullName })}
              onClick={props.onAssess}
            >
              {a ? t('rm_correct') : t('rm_assess')}
            </button>
          )}
          <button
            type="button"
            aria-expanded={props.editing}
            aria-label={t('rm_editOf', { name: m.fullName })}
            onClick={props.onEdit}
          >
            {t('rm_edit')}
          </button>
        </td>
      </tr>
      {props.form && (
        <tr class="form-row">
          <td colSpan={8}>{props.form}</td>
        </tr>
      )}
    </>
  );
}

/** The workplaces of the year's members, one DOCX letter each. */
function Letters(props: { bodyId: string; year: number }) {
  const t = useT();
  const { state, reload } = useLoader(
    () => listWorkplaces({ bodyId: props.bodyId, year: props.year }),
    [props.bodyId, props.year],
  );
  const items = state.data?.items ?? null;
  return (
    <section class="card" aria-labelledby="rm-letters-h" data-testid="residence-letters">
      <h2 id="rm-letters-h">{t('rm_letters')}</h2>
      <p class="hint">{t('rm_lettersHint')}</p>
      {state.status === 'error' && (
        <ErrorBox
          message={errorText(t, state.failure.code, state.failure.message)}
          onRetry={reload}
        />
      )}
      {!items && state.status === 'loading' && <Loading />}
      {items && items.length === 0 && <Empty>{t('rm_noWorkplaces')}</Empty>}
      {items && items.length > 0 && (
        <ul class="rm-letters">
          {items.map((w) => (
            <li key={w.key}>
              <DownloadButton
                label={t('rm_letterOf', { name: w.name })}
                name={`letter-${w.key}`}
                run={() =>
                  downloadLetter({ bodyId: props.bodyId, year: props.year, workplace: w.key })
                }
              />{' '}
              <span class="hint">
                {t('rm_letterCount', { assessed: w.assessed, members: w.members })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A download that says while it runs and why it failed. */
function DownloadButton(props: { label: string; name: string; run: () => Promise<FileResult> }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'running' | string>('idle');
  const click = async () => {
    setState('running');
    const res = await props.run();
    if (!res.ok) return setState(t('ex_failed', { message: errorText(t, res.code, res.message) }));
    saveBlob(res.blob, res.filename);
    setState('idle');
  };
  return (
    <>
      <button
        type="button"
        data-export={props.name}
        disabled={state === 'running'}
        onClick={() => void click()}
      >
        {props.label}
      </button>
      {state === 'running' && <span class="hint"> {t('ex_running')}</span>}
      {state !== 'idle' && state !== 'running' && (
        <small class="error-text" role="alert">
          {state}
        </small>
      )}
    </>
  );
}
