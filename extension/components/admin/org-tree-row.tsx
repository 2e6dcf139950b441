import type { AdminOrgUnit, OrgChangeResult } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { validity, type TreeRow } from '../../utils/admin/org-tree.ts';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { kindLabel, today } from './common.tsx';
import { OrgCloseForm } from './org-close-form.tsx';
import { OrgDocumentForm } from './org-document-form.tsx';
import { OrgUnitForm } from './org-unit-form.tsx';

type Mode = 'view' | 'edit' | 'close' | 'documents';

/** One unit of the tree: expand/collapse, kind, code, validity, and edit (rename, move) or close. */
export function OrgTreeRow(props: {
  row: TreeRow;
  units: readonly AdminOrgUnit[];
  expanded: boolean;
  onToggle: () => void;
  onChanged: (message: string) => void;
  describeChange: (r: OrgChangeResult) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const { unit: u, depth, childCount } = props.row;
  const [mode, setMode] = useState<Mode>('view');
  const state = validity(u, today());
  const successor = u.successorId ? props.units.find((x) => x.id === u.successorId) : undefined;
  const nameId = `org-${u.id}-name`;

  return (
    <li class={`org-row org-row--${state}`} data-unit={u.id} style={{ '--depth': depth }}>
      <div class="org-line">
        {childCount > 0 ? (
          <button
            type="button"
            class="icon toggle"
            aria-expanded={props.expanded}
            aria-label={t(props.expanded ? 'adm_collapse' : 'adm_expand', { name: u.name })}
            onClick={props.onToggle}
          >
            {props.expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span class="toggle" aria-hidden="true" />
        )}
        <span class="grow">
          <strong id={nameId}>{u.name}</strong> <span class="pill">{kindLabel(t, u.kind)}</span>{' '}
          <code class="hint">{u.id}</code>
          <span class="meta">
            {t('adm_fromDate', { date: formatDate(u.validFrom, locale) })}
            {u.validTo && <span>{t('adm_toDate', { date: formatDate(u.validTo, locale) })}</span>}
            {state !== 'open' && (
              <span class={`pill pill--${state === 'closed' ? 'bad' : 'warn'}`}>
                {t(`adm_validity_${state}` as MessageKey)}
              </span>
            )}
            {u.validTo && u.successorId && (
              <span>{t('adm_successor', { name: successor?.name ?? '—' })}</span>
            )}
            {u.kind === 'cell' && u.meetingDay != null && (
              <span>{t('adm_meetingDayShort', { day: u.meetingDay })}</span>
            )}
            {childCount > 0 && <span>{t('adm_childCount', { n: childCount })}</span>}
          </span>
        </span>
        {state !== 'closed' && (
          <span class="row-actions">
            <button
              type="button"
              aria-expanded={mode === 'edit'}
              aria-describedby={nameId}
              onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}
            >
              {t('adm_edit')}
            </button>
            {u.kind !== 'cell' && (
              <button
                type="button"
                aria-expanded={mode === 'documents'}
                aria-describedby={nameId}
                onClick={() => setMode(mode === 'documents' ? 'view' : 'documents')}
              >
                {t('adm_documents')}
              </button>
            )}
            {u.parentId !== null && (
              <button
                type="button"
                class="danger"
                aria-expanded={mode === 'close'}
                aria-describedby={nameId}
                onClick={() => setMode(mode === 'close' ? 'view' : 'close')}
              >
                {t('adm_close')}
              </button>
            )}
          </span>
        )}
      </div>
      {mode === 'edit' && (
        <OrgUnitForm
          idPrefix={`o-${u.id}`}
          unit={u}
          units={props.units}
          onSaved={(saved) => {
            setMode('view');
            props.onChanged(t('adm_unitSaved', { name: saved.name }));
          }}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'documents' && (
        <OrgDocumentForm
          unit={u}
          onSaved={(message) => {
            setMode('view');
            props.onChanged(message);
          }}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'close' && (
        <OrgCloseForm
          unit={u}
          units={props.units}
          onDone={(r) => {
            setMode('view');
            props.onChanged(props.describeChange(r));
          }}
          onCancel={() => setMode('view')}
        />
      )}
    </li>
  );
}
