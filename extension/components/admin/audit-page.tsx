import { useState } from 'preact/hooks';
import { listAudit } from '../../utils/admin/calls.ts';
import { formatDateTime } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey, type Translate } from '../../utils/i18n/index.ts';
import { PagedTable, Pager, useCursorPages } from './paged-table.tsx';
import './admin.css';

const ENTITIES = ['user', 'org_unit', 'routing_rules', 'criteria_set', 'assignment'] as const;

/** The text of `key`, or `fallback` when the dictionary has none (an action added later shows as it is). */
function known(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}
/** `user.create` → "Tạo tài khoản". */
export const actionLabel = (t: Translate, action: string) =>
  known(t, `adm_audit_${action.replace('.', '_')}`, action);

/** `#/admin-audit`: administrative changes, newest first, a page at a time (keyset pages: back keeps the cursors seen). */
export function AuditPage() {
  const t = useT();
  const locale = useLocale();
  const [entity, setEntity] = useState('');
  const pages = useCursorPages((cursor) => listAudit(cursor, entity), [entity]);

  return (
    <section class="admin-page" aria-labelledby="h-audit">
      <h1 id="h-audit">{t('adm_auditTitle')}</h1>
      <div class="toolbar">
        <select
          aria-label={t('adm_auditEntity')}
          value={entity}
          onChange={(e) => {
            setEntity(e.currentTarget.value);
            pages.first();
          }}
        >
          <option value="">{t('adm_auditAll')}</option>
          {ENTITIES.map((e) => (
            <option key={e} value={e}>
              {t(`adm_entity_${e}` as MessageKey)}
            </option>
          ))}
        </select>
        <span class="grow" />
        <Pager pages={pages} />
      </div>
      <PagedTable
        list={pages}
        labelledBy="h-audit"
        empty={t('adm_auditEmpty')}
        testid="audit-table"
        class="audit-table"
        head={
          <>
            <th scope="col">{t('adm_auditAt')}</th>
            <th scope="col">{t('adm_auditActor')}</th>
            <th scope="col">{t('adm_auditAction')}</th>
            <th scope="col">{t('adm_auditObject')}</th>
            <th scope="col">{t('adm_auditData')}</th>
          </>
        }
        row={(a) => (
          <tr key={a.id} data-audit={a.action}>
            <td>{formatDateTime(a.at, locale)}</td>
            <td>{a.actorName ?? '—'}</td>
            <td>{actionLabel(t, a.action)}</td>
            <td>
              {known(t, `adm_entity_${a.entity}`, a.entity)}
              {/* Its name, never its id (the id stays in the details). */}
              {a.entityName && (
                <>
                  {': '}
                  <strong>{a.entityName}</strong>
                </>
              )}
            </td>
            <td>
              {a.data != null && (
                <details>
                  <summary>{t('adm_auditDetails')}</summary>
                  <pre class="mono">{JSON.stringify(a.data, null, 2)}</pre>
                </details>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
