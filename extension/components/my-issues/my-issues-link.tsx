import { useEffect } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';
import { sendMessage } from '../../utils/messaging.ts';
import { myUnseenItem } from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-storage-item.ts';
import '../triage/triage.css';

/** The way from the panel's home to "Kiến nghị của tôi"; opening the panel reads the feed now. */
export function MyIssuesLink() {
  const t = useT();
  const unseen = useStorageItem(myUnseenItem) ?? [];
  useEffect(() => void sendMessage('my-events/poll', {}), []);
  return (
    <p class="my-issues-link">
      <a href="#/my-issues" data-testid="my-issues-link">
        {t('my_title')}
      </a>
      {unseen.length > 0 && (
        <span class="pill pill--draft">{t('my_newCount', { n: unseen.length })}</span>
      )}
    </p>
  );
}
