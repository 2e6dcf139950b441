import type { CriteriaSet } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { adoptCriteria, getCriteriaSet, listCriteria } from '../../utils/admin/calls.ts';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';
import { today } from './common.tsx';
import { CriteriaEditor } from './criteria-editor.tsx';
import { PagedTable } from './paged-table.tsx';
import './admin.css';
import { DateInput } from '../ui/date-input.tsx';

type Summary = Extract<
  Awaited<ReturnType<typeof listCriteria>>,
  { ok: true }
>['data']['items'][number];
type Open = { mode: 'import' } | { mode: 'view' | 'edit'; set: CriteriaSet };

/**
 * `#/admin-criteria`: criteria sets with their scope (national, a province's, or a template a
 * province adopts from a date) and the "Cấu hình địa phương / tạm tính" mark of those that are not
 * an official text; a set some report was scored with is read-only; import and edit as JSON.
 */
export function CriteriaPage() {
  const t = useT();
  const locale = useLocale();
  const [items, setItems] = useState<Summary[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [adopting, setAdopting] = useState<string | null>(null);
  const [adoptOn, setAdoptOn] = useState(today());
  const [adoptErrors, setAdoptErrors] = useState<Record<string, string[]>>({});

  const load = async () => {
    setFailure(null);
    const res = await listCriteria();
    if (res.ok) setItems(res.data.items);
    else setFailure(res);
  };
  useEffect(() => void load(), []);
  const show = async (s: Summary, mode: 'view' | 'edit') => {
    setMessage(null);
    const res = await getCriteriaSet(s.id);
    if (!res.ok) return setFailure(res);
    setOpen({ mode, set: res.data });
  };
  const saved = (set: CriteriaSet, created: boolean) => {
    setOpen(null);
    setMessage(t(created ? 'adm_criteriaCreated' : 'adm_criteriaSaved', { name: set.name }));
    void load();
  };

  const adopt = async (e: Event, s: Summary) => {
    e.preventDefault();
    setMessage(null);
    setAdoptErrors({});
    const res = await adoptCriteria(s.id, { adoptedOn: adoptOn });
    if (!res.ok) {
      if (res.fields) return setAdoptErrors(res.fields);
      return setFailure(res);
    }
    setAdopting(null);
    setMessage(
      t('adm_adopted', { name: s.name, date: formatDate(res.data.adoptedOn ?? adoptOn, locale) }),
    );
    void load();
  };
  const scopeText = (s: Summary) =>
    s.scope === 'national'
      ? t('adm_scope_national')
      : s.scope === 'province'
        ? t('adm_scope_province', { province: s.provinceName ?? '' })
        : t('adm_scope_template');

  return (
    <section class="admin-page" aria-labelledby="h-criteria">
      <h1 id="h-criteria">{t('adm_criteriaTitle')}</h1>
      <p class="hint">{t('adm_criteriaIntro')}</p>
      <p class="actions">
        <button
          type="button"
          class="primary"
          aria-expanded={open?.mode === 'import'}
          onClick={() => {
            setMessage(null);
            setOpen(open?.mode === 'import' ? null : { mode: 'import' });
          }}
        >
          {t('adm_criteriaImport')}
        </button>
      </p>
      {open && (
        <CriteriaEditor
          key={open.mode === 'import' ? 'import' : `${open.mode}-${open.set.id}`}
          mode={open.mode}
          set={open.mode === 'import' ? undefined : open.set}
          onSaved={saved}
          onClose={() => setOpen(null)}
        />
      )}
      {message && <Notice kind="ok">{message}</Notice>}
      <PagedTable
        list={{ items, failure, reload: () => void load() }}
        labelledBy="h-criteria"
        empty={t('adm_criteriaEmpty')}
        testid="criteria-table"
        head={
          <>
            <th scope="col">{t('adm_criteriaName')}</th>
            <th scope="col">{t('adm_criteriaScope')}</th>
            <th scope="col">{t('adm_validity')}</th>
            <th scope="col">{t('adm_cellTypes')}</th>
            <th scope="col">{t('adm_criteriaUse')}</th>
            <th scope="col">
              <span class="sr-only">{t('adm_actions')}</span>
            </th>
          </>
        }
        row={(s) => (
          <tr key={s.id} data-criteria={s.id}>
            <td>
              {s.name}
              {s.provenance && (
                <>
                  {' '}
                  <span
                    class="provenance-mark"
                    data-testid="criteria-provenance"
                    title={s.source ?? undefined}
                  >
                    {t('adm_provenanceLocal')}
                  </span>
                </>
              )}
            </td>
            <td data-testid="criteria-scope">
              {scopeText(s)}
              {s.adoptions?.map((a) => (
                <div key={a.provinceId} class="hint">
                  {t('adm_adoptedBy', {
                    province: a.provinceName,
                    date: formatDate(a.adoptedOn, locale),
                  })}
                </div>
              ))}
              {s.scope === 'template' && adopting === s.id && (
                <form noValidate class="inline-form" onSubmit={(e) => void adopt(e, s)}>
                  <p class="hint">{t('adm_adoptHint')}</p>
                  <Field
                    id={`adopt-${s.id}`}
                    label={t('adm_adoptOn')}
                    errors={adoptErrors.adoptedOn ?? adoptErrors.id}
                  >
                    <DateInput
                      {...describedBy(`adopt-${s.id}`, adoptErrors.adoptedOn ?? adoptErrors.id)}
                      value={adoptOn}
                      onValue={setAdoptOn}
                    />
                  </Field>
                  <button type="submit" class="primary">
                    {t('adm_adoptGo')}
                  </button>{' '}
                  <button type="button" onClick={() => setAdopting(null)}>
                    {t('cancel')}
                  </button>
                </form>
              )}
            </td>
            <td>
              {t('adm_fromDate', { date: formatDate(s.validFrom, locale) })}
              {s.validTo && ` ${t('adm_toDate', { date: formatDate(s.validTo, locale) })}`}
            </td>
            <td>
              {s.cellTypes
                ? s.cellTypes.map((c) => t(`adm_cellType_${c}` as MessageKey)).join(', ')
                : t('adm_allCellTypes')}
            </td>
            <td>
              {s.inUse ? (
                <span class="pill">{t('adm_criteriaInUse', { n: s.reportCount })}</span>
              ) : (
                <span class="pill pill--ok">{t('adm_criteriaUnused')}</span>
              )}
            </td>
            <td class="row-actions">
              <button type="button" onClick={() => void show(s, 'view')}>
                {t('adm_viewJson')}
              </button>
              {s.scope === 'template' && adopting !== s.id && (
                <button
                  type="button"
                  onClick={() => {
                    setAdoptErrors({});
                    setAdoptOn(s.validFrom);
                    setAdopting(s.id);
                  }}
                >
                  {t('adm_adopt')}
                </button>
              )}
              {!s.inUse && (
                <button type="button" onClick={() => void show(s, 'edit')}>
                  {t('adm_edit')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
