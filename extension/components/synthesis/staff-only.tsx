import { hasRole } from '@duhop/shared';
import type { ComponentChildren } from 'preact';
import { useT } from '../../utils/i18n/index.ts';
import { sessionItem, type Session } from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { Loading, Notice } from '../ui/states.tsx';

/**
 * The gate of the synthesis pages (monthly synthesis, compliance, year view): the page once the
 * session is read and any of its roles is staff, leader or admin; a notice for everyone else.
 */
export function StaffOnly(props: { children: (session: Session) => ComponentChildren }) {
  const t = useT();
  const session = useStorageItem(sessionItem);
  if (!session) return <Loading />;
  if (!hasRole(session.user, 'staff', 'leader', 'admin'))
    return <Notice kind="info">{t('sy_staffOnly')}</Notice>;
  return <>{props.children(session)}</>;
}
