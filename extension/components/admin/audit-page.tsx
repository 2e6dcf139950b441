import { useState } from 'preact/hooks';
import { listAudit } from '../../utils/admin/calls.ts';
import { formatDateTime } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey, type Translate } from '../../utils/i18n/index.ts';
import { Empty, ErrorBox, Loading } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { failureText } from './common.tsx';
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
  // cursors[i] is the cursor that loads page i (page 0 has none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const n = cursors.length - 1;
  // Each page replaces the one before (nothing is shown while it loads).
  const { state, reload: load } = useLoader(
    () => listAudit(cursors[n], entity),
    [cursors, entity],
    { reset: true },
  );
  const page = state.status === 'ready' ? state.data : null;
  const failure = state.status === 'error' ? state.failure : null;

  return (
    <section class="admin-page" aria-labelledby="h-audit">
      <h1 id="h-audit">{t('adm_auditTitle')}</h1>
      <div class="toolbar">
        <select
          aria-label={t('adm_auditEntity')}
          value={entity}
          onChange={(e) => {
            setEntity(e.currentTarget.value);
            setCursors([undefined]);
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
        <span class="hint">{t('adm_page', { n: n + 1 })}</span>
        <button type="button" disabled={n === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('adm_prevPage')}
        </button>
        <button
          type="button"
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}
        >
          {t('adm_nextPage')}
        </button>
      </div>
      {failure && <ErrorBox message={failureText(t, failure)} onRetry={() => void load()} />}
      {!page && !failure && <Loading />}
      {page && page.items.length === 0 && <Empty>{t('adm_auditEmpty')}</Empty>}
      {page && page.items.length > 0 && (
        <div class="table-scroll">
          <table class="admin-table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('adm_auditAt')}</th>
                <th scope="col">{t('adm_auditActor')}</th>
                <th scope="col">{t('adm_auditAction')}</th>
                <th scope="col">{t('adm_auditObject')}</th>
                <th scope="col">{t('adm_auditData')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
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
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
