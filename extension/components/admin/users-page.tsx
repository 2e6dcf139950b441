import type { AdminUser, Role } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { listUsers, type UserFilter } from '../../utils/admin/calls.ts';
import { USER_CSV } from '../../utils/admin/csv-preview.ts';
import { useT } from '../../utils/i18n/index.ts';
import { Notice } from '../ui/states.tsx';
import { failureText, roleLabel, rolesLabel, ROLES, useAdminUnits } from './common.tsx';
import { PagedTable, useMorePages } from './paged-table.tsx';
import { CsvImport } from './csv-import.tsx';
import { UserForm } from './user-form.tsx';
import { UserRow } from './user-row.tsx';
import './admin.css';

type Panel = 'create' | 'import' | null;

/** `#/admin-users`: the province's accounts — search, create, edit, deactivate, reset a password, import. */
export function UsersPage() {
  const t = useT();
  const units = useAdminUnits();
  const [filter, setFilter] = useState<UserFilter>({ q: '', role: '', active: '' });
  const [panel, setPanel] = useState<Panel>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Typing in the search box waits for a pause; the selects apply at once. A newer search wins.
  const list = useMorePages(
    (cursor) => listUsers({ ...filter, cursor }),
    [filter.q, filter.role, filter.active],
    { delayMs: filter.q ? 300 : 0 },
  );

  const changed = (u: AdminUser, text: string) => {
    list.update((items) => items.map((x) => (x.id === u.id ? u : x)));
    setMessage(text);
  };

  return (
    <section class="admin-page" aria-labelledby="h-users">
      <h1 id="h-users">{t('adm_usersTitle')}</h1>
      <search class="toolbar">
        <input
          type="search"
          aria-label={t('adm_usersSearch')}
          placeholder={t('adm_usersSearch')}
          value={filter.q}
          onInput={(e) => setFilter({ ...filter, q: e.currentTarget.value })}
        />
        <select
          aria-label={t('adm_role')}
          value={filter.role}
          onChange={(e) => setFilter({ ...filter, role: e.currentTarget.value as Role | '' })}
        >
          <option value="">{t('adm_allRoles')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(t, r)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('adm_status')}
          value={filter.active}
          onChange={(e) =>
            setFilter({ ...filter, active: e.currentTarget.value as UserFilter['active'] })
          }
        >
          <option value="">{t('adm_allStatuses')}</option>
          <option value="true">{t('adm_active')}</option>
          <option value="false">{t('adm_inactive')}</option>
        </select>
        <span class="grow" />
        <button
          type="button"
          class="primary"
          aria-expanded={panel === 'create'}
          onClick={() => {
            setMessage(null);
            setPanel(panel === 'create' ? null : 'create');
          }}
        >
          {t('adm_userNew')}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'import'}
          onClick={() => {
            setMessage(null);
            setPanel(panel === 'import' ? null : 'import');
          }}
        >
          {t('adm_importCsv')}
        </button>
      </search>
      {units.failure && <Notice kind="warn">{failureText(t, units.failure)}</Notice>}
      {panel === 'create' && (
        <UserForm
          idPrefix="u-new"
          units={units.units ?? []}
          onSaved={(u) => {
            setPanel(null);
            setMessage(t('adm_userCreated', { name: u.username }));
            list.reload();
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === 'import' && (
        <CsvImport
          kind="users"
          spec={USER_CSV}
          idPrefix="u-csv"
          describe={(i) =>
            `${rolesLabel(t, i)} · ${units.units?.find((u) => u.id === i.orgUnitId)?.name ?? '—'}`
          }
          onImported={(r) => {
            setMessage(t('adm_csvImported', { n: r.count }));
            list.reload();
          }}
          onClose={() => setPanel(null)}
        />
      )}
      {message && <Notice kind="ok">{message}</Notice>}
      <PagedTable
        list={list}
        labelledBy="h-users"
        empty={t('adm_usersEmpty')}
        testid="users-table"
        head={
          <>
            <th scope="col">{t('username')}</th>
            <th scope="col">{t('adm_displayName')}</th>
            <th scope="col">{t('adm_role')}</th>
            <th scope="col">{t('adm_unit')}</th>
            <th scope="col">{t('adm_status')}</th>
            <th scope="col">
              <span class="sr-only">{t('adm_actions')}</span>
            </th>
          </>
        }
        row={(u) => <UserRow key={u.id} user={u} units={units.units ?? []} onChanged={changed} />}
      />
    </section>
  );
}
