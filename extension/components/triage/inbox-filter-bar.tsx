import { Category, RESPONSIBLE_KINDS, type OrgUnit } from '@duhop/shared';
import type { Ref } from 'preact';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';
import {
  DEFAULT_FILTERS,
  INBOX_STATUSES,
  isNarrowed,
  toggleStatus,
  type InboxFilters,
} from '../../utils/triage/inbox-filters.ts';
import { placeOptions } from '../../utils/triage/org-units.ts';

/**
 * Scope tabs, status chips with their counts, and the narrowing filters. The search box is
 * controlled by the page (it is debounced there) and focused by the `/` key.
 */
export function InboxFilterBar(props: {
  filters: InboxFilters;
  onChange: (f: InboxFilters) => void;
  search: string;
  onSearch: (q: string) => void;
  searchRef: Ref<HTMLInputElement>;
  /** Per-status counts, or null while they are unknown (offline): shown as "—", never 0. */
  counts: Record<string, number> | null;
  units: readonly OrgUnit[];
  bodyId: string;
  isAdmin: boolean;
}) {
  const t = useT();
  const f = props.filters;
  const set = (patch: Partial<InboxFilters>) => props.onChange({ ...f, ...patch });
  const { communes, cells } = placeOptions(props.units, f.bodyId || props.bodyId, f.communeId);
  const counts = props.counts;
  const count = (n: number | undefined) =>
    counts ? (
      <span class="count">{n ?? 0}</span>
    ) : (
      <span class="count" title={t('tg_countUnknown')} data-unknown="true">
        —
      </span>
    );
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;

  return (
    <div class="inbox-filters">
      <fieldset class="scope" aria-label={t('tg_body')}>
        {(['own', 'escalated'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={f.scope === s}
            data-scope={s}
            onClick={() => set({ scope: s, cellId: '', communeId: '' })}
          >
            {t(s === 'own' ? 'tg_scopeOwn' : 'tg_scopeEscalated')}
          </button>
        ))}
        {props.isAdmin && (
          <select
            aria-label={t('tg_body')}
            value={f.bodyId}
            onChange={(e) => set({ bodyId: e.currentTarget.value, communeId: '', cellId: '' })}
          >
            <option value="">{t('tg_wholeProvince')}</option>
            {props.units
              .filter((u) => RESPONSIBLE_KINDS.includes(u.kind))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        )}
      </fieldset>
      <input
        ref={props.searchRef}
        type="search"
        class="search"
        aria-label={t('tg_search')}
        placeholder={t('tg_searchPlaceholder')}
        value={props.search}
        onInput={(e) => props.onSearch(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
      />
      <fieldset class="chips" aria-label={t('tg_statusFilter')}>
        <button
          type="button"
          class="chip"
          aria-pressed={f.statuses.length === 0}
          onClick={() => set({ statuses: [] })}
        >
          {t('tg_statusAll')} {count(total)}
        </button>
        {INBOX_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            class="chip"
            data-chip={s}
            aria-pressed={f.statuses.includes(s)}
            onClick={() => props.onChange(toggleStatus(f, s))}
          >
            {t(`st_${s}` as MessageKey)} {count(counts?.[s])}
          </button>
        ))}
      </fieldset>
      <div class="filter-row">
        <select
          aria-label={t('category')}
          value={f.category}
          onChange={(e) => set({ category: e.currentTarget.value as InboxFilters['category'] })}
        >
          <option value="">{t('tg_allCategories')}</option>
          {Category.options.map((c) => (
            <option key={c} value={c}>
              {t(`cat_${c}` as MessageKey)}
            </option>
          ))}
        </select>
        {communes.length > 0 && (
          <select
            aria-label={t('tg_commune')}
            value={f.communeId}
            onChange={(e) => set({ communeId: e.currentTarget.value, cellId: '' })}
          >
            <option value="">{t('tg_allCommunes')}</option>
            {communes.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
        {cells.length > 0 && (
          <select
            aria-label={t('cell')}
            value={f.cellId}
            onChange={(e) => set({ cellId: e.currentTarget.value })}
          >
            <option value="">{t('tg_allCells')}</option>
            {cells.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
        <select
          aria-label={t('tg_overdueFilter')}
          value={f.overdue}
          onChange={(e) => set({ overdue: e.currentTarget.value as InboxFilters['overdue'] })}
        >
          <option value="">
            {t('tg_overdueFilter')}: {t('tg_overdueAny')}
          </option>
          <option value="true">{t('tg_overdueOnly')}</option>
          <option value="false">{t('tg_overdueNot')}</option>
        </select>
        <label class="inline">
          {t('tg_dueWithin')}
          <input
            type="number"
            min={0}
            max={365}
            inputMode="numeric"
            value={f.dueWithinDays ?? ''}
            onInput={(e) => {
              const v = e.currentTarget.value;
              set({ dueWithinDays: v === '' || Number.isNaN(Number(v)) ? null : Number(v) });
            }}
          />
        </label>
        {isNarrowed(f) && (
          <button
            type="button"
            class="link"
            onClick={() => {
              props.onSearch('');
              props.onChange({
                ...DEFAULT_FILTERS,
                scope: f.scope,
                bodyId: f.bodyId,
                sort: f.sort,
              });
            }}
          >
            {t('tg_clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}
