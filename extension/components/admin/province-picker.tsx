import type { AdminOrgUnit } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { navigate } from '../../utils/hash-route.ts';
import { useT } from '../../utils/i18n/index.ts';

/**
 * Which province the page works on: the admin's own by default, another one by its code (a
 * province set up from a CSV import). The choice lives in the address (`#/admin-org/ht-tu`).
 */
export function ProvincePicker(props: {
  page: string;
  provinceId?: string;
  units: readonly AdminOrgUnit[];
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const root = props.units.find((u) => u.parentId === null);
  return (
    <form
      noValidate
      class="province-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) navigate(props.page, code.trim());
      }}
    >
      <span>
        {t('adm_province')}: <strong data-testid="province-name">{root ? root.name : '—'}</strong>
      </span>
      <label class="inline">
        {t('adm_otherProvince')}
        <input
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
          placeholder="ht-tu"
          size={10}
        />
      </label>
      <button type="submit" disabled={!code.trim()}>
        {t('view')}
      </button>
      {props.provinceId && (
        <a href={`#/${props.page}`} class="link">
          {t('adm_ownProvince')}
        </a>
      )}
    </form>
  );
}
