import { useT } from '../../utils/i18n/index.ts';
import { sessionItem } from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';

/** Placeholder landing page until the triage screens arrive. */
export function OverviewPage() {
  const t = useT();
  const session = useStorageItem(sessionItem);
  return (
    <section class="card">
      <h2>{t('navOverview')}</h2>
      {session && <p>{t('signedInAs', { name: `${session.user.displayName} (${session.user.role})` })}</p>}
      <p>{t('overviewIntro')}</p>
    </section>
  );
}
