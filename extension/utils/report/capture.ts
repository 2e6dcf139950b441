import { browser } from 'wxt/browser';
import { db } from '../db.ts';
import { appendCapturedIssue, latestDraft } from './draft-store.ts';
import { translator } from '../i18n/translate.ts';
import { sendMessage } from '../messaging.ts';
import { currentDraftItem, localeItem, sessionItem } from '../storage.ts';

/** The context-menu entry "Thêm vào kiến nghị" on selected text in any page. */
export const CAPTURE_MENU_ID = 'duhop-add-issue';

/**
 * Creates the entry in the interface language (the options page's setting, like every other text:
 * not the browser's, which would make it English in an English-language Chromium while the panel
 * is in Vietnamese); created again when the language changes.
 */
export async function createCaptureMenu(): Promise<void> {
  const title = translator(await localeItem.getValue())('captureMenu');
  await new Promise<void>((done) => {
    browser.contextMenus.removeAll(() => {
      browser.contextMenus.create({ id: CAPTURE_MENU_ID, title, contexts: ['selection'] }, () =>
        done(),
      );
    });
  });
}

/** Keeps the entry's title in the interface language. */
export function watchCaptureMenuLanguage(): void {
  localeItem.watch(() => void createCaptureMenu());
}

/**
 * Adds the selection as a new issue of the draft open in the side panel (or the latest draft).
 * The page holding the draft applies it itself, so its autosave never overwrites the capture.
 */
export async function captureSelection(text: string, url?: string): Promise<void> {
  const [session, locale] = await Promise.all([sessionItem.getValue(), localeItem.getValue()]);
  const t = translator(locale);
  const openId = await currentDraftItem.getValue();
  const open = openId ? await db.drafts.get(openId) : undefined;
  const draft =
    open?.status === 'draft' ? open : session ? await latestDraft(session.user.id) : undefined;
  if (!draft || !text.trim()) {
    await notify(t('captureNoDraft'));
    return;
  }
  const handled = await sendMessage('capture/add', {
    draftId: draft.id,
    text,
    ...(url ? { url } : {}),
  });
  if (!handled) await appendCapturedIssue(draft.id, text, url);
  await notify(t('captureAdded', { name: draft.data.cellName }));
}

async function notify(message: string): Promise<void> {
  await browser.notifications
    .create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: 'Dự họp',
      message,
    })
    .catch(() => undefined);
}
