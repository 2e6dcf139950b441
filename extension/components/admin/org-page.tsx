import type { OrgChangeResult } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { refreshOrgCache } from '../../utils/admin/calls.ts';
import { ORG_CSV } from '../../utils/admin/csv-preview.ts';
import { dayBefore, matchWithAncestors, treeRows, validity } from '../../utils/admin/org-tree.ts';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { failureText, kindLabel, today, useAdminUnits } from './common.tsx';
import { CsvImport } from './csv-import.tsx';
import { OrgMergeForm } from './org-merge-form.tsx';
import { OrgTreeRow } from './org-tree-row.tsx';
import { OrgUnitForm } from './org-unit-form.tsx';
import { ProvincePicker } from './province-picker.tsx';
import './admin.css';

type Panel = 'add' | 'merge' | 'import' | null;

/** `#/admin-org[/<provinceId>]`: the province's units as a tree — add, rename, move, close, merge, import. */
export function OrgPage(props: { params: string[] }) {
  const t = useT();
  const locale = useLocale();
  const provinceId = props.params[0];
  const { units, failure, reload } = useAdminUnits(provinceId);
  const [q, setQ] = useState('');
  const [showClosed, setShowClosed] = useState(false);
  const [collapsed, setCollapsed] = useState<Set<string> | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [message, setMessage] = useState<string | null>(null);
  const day = today();

  if (failure && !units)
    return <ErrorBox message={failureText(t, failure)} onRetry={() => void reload()} />;
  if (!units) return <Loading />;

  const shown = showClosed ? units : units.filter((u) => validity(u, day) !== 'closed');
  // At first only the province and its direct children show; a search opens what it finds.
  const folded = collapsed ?? new Set(shown.filter((u) => u.parentId !== null).map((u) => u.id));
  const rows = treeRows(shown, day, folded, matchWithAncestors(shown, q));
  const toggle = (id: string) => {
    const next = new Set(folded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  const done = async (text: string) => {
    setPanel(null);
    setMessage(text);
    await Promise.all([reload(), refreshOrgCache()]);
  };
  const changed = (r: OrgChangeResult) =>
    t('adm_orgChanged', {
      names: r.closed.map((u) => u.name).join(', '),
      successor: r.successor.name,
      date: formatDate(r.closed[0]?.validTo ? dayBefore(r.closed[0].validTo, -1) : day, locale),
      issues: r.issuesMoved,
      users: r.usersMoved,
      children: r.childrenMoved,
      assignments: r.assignmentsMoved,
      rules: r.rulesUpdated,
    });

  return (
    <section class="admin-page" aria-labelledby="h-org">
      <h1 id="h-org">{t('adm_orgTitle')}</h1>
      <ProvincePicker page="admin-org" provinceId={provinceId} units={units} />
      <search class="toolbar">
        <input
          type="search"
          aria-label={t('adm_orgSearch')}
          placeholder={t('adm_orgSearch')}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={showClosed}
            onChange={(e) => setShowClosed(e.currentTarget.checked)}
          />
          {t('adm_showClosed')}
        </label>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          {t('adm_expandAll')}
        </button>
        <button type="button" onClick={() => setCollapsed(null)}>
          {t('adm_collapseAll')}
        </button>
        <span class="grow" />
        {(['add', 'merge', 'import'] as const).map((k) => (
          <button
            key={k}
            type="button"
            class={k === 'add' ? 'primary' : ''}
            aria-expanded={panel === k}
            onClick={() => {
              setMessage(null);
              setPanel(panel === k ? null : k);
            }}
          >
            {t(k === 'add' ? 'adm_unitNew' : k === 'merge' ? 'adm_merge' : 'adm_importCsv')}
          </button>
        ))}
      </search>
      {panel === 'add' && (
        <OrgUnitForm
          idPrefix="o-new"
          units={units}
          onSaved={(u) => void done(t('adm_unitCreated', { name: u.name }))}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === 'merge' && (
        <OrgMergeForm
          units={units}
          onDone={(r) => void done(changed(r))}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === 'import' && (
        <CsvImport
          kind="org-units"
          spec={ORG_CSV}
          idPrefix="o-csv"
          describe={(i) =>
            `${kindLabel(t, i.kind)}${i.parentId ? ` · ${t('adm_under', { parent: i.parentId })}` : ''} · ${t('adm_fromDate', { date: formatDate(i.validFrom, locale) })}`
          }
          onImported={(r) => {
            setMessage(t('adm_csvImported', { n: r.count }));
            void Promise.all([reload(), refreshOrgCache()]);
          }}
          onClose={() => setPanel(null)}
        />
      )}
      {message && (
        <Notice kind="ok">
          <span data-testid="org-message">{message}</span>
        </Notice>
      )}
      {failure && <Notice kind="error">{failureText(t, failure)}</Notice>}
      {rows.length === 0 ? (
        <Empty>{q ? t('adm_orgNoMatch') : t('adm_orgEmpty')}</Empty>
      ) : (
        <ul class="org-tree" aria-label={t('adm_orgTitle')}>
          {rows.map((r) => (
            <OrgTreeRow
              key={r.unit.id}
              row={r}
              units={units}
              expanded={!folded.has(r.unit.id) || !!q.trim()}
              onToggle={() => toggle(r.unit.id)}
              onChanged={(text) => void done(text)}
              describeChange={changed}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
