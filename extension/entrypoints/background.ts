// Every text in both languages (badge, notifications, context menu): no dynamic import here.
import '../utils/i18n/messages-all.ts';
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  CAPTURE_MENU_ID,
  captureSelection,
  createCaptureMenu,
  watchCaptureMenuLanguage,
} from '../utils/report/capture.ts';
import { db } from '../utils/db.ts';
import { purgeDeleted } from '../utils/report/draft-store.ts';
import { onMessage } from '../utils/messaging.ts';
import { flushSerial, refreshBadge, RETRY_ALARM } from '../utils/outbox/outbox-sender.ts';
import { sessionItem } from '../utils/storage.ts';
import { setupDeadlineReminders } from '../utils/synthesis/reminder-watch.ts';
import { setupMyIssuesWatch } from '../utils/triage/my-watch.ts';
import { setupStaffInboxWatch } from '../utils/triage/staff-watch.ts';

// Wiring only: the outbox, the badge and the capture menu live in utils/.
export default defineBackground(() => {
  browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  browser.runtime.onInstalled.addListener(() => void createCaptureMenu());
  watchCaptureMenuLanguage();
  browser.runtime.onStartup.addListener(() => void purgeDeleted());

  onMessage('outbox/flush', ({ force }) => flushSerial(force));
  browser.alarms.onAlarm.addListener((alarm) => alarm.name === RETRY_ALARM && void flushSerial());
  globalThis.addEventListener?.('online', () => void flushSerial(true));
  sessionItem.watch((s) => s && void flushSerial(true));

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== CAPTURE_MENU_ID) return;
    // Opening the panel needs the click's user gesture: no await may come before it.
    if (tab?.windowId !== undefined)
      browser.sidePanel.open({ windowId: tab.windowId }).catch(() => undefined);
    void captureSelection(info.selectionText ?? '', info.pageUrl);
  });

  liveQuery(() => db.drafts.where('status').anyOf('queued', 'draft').count()).subscribe(
    () => void refreshBadge(),
  );
  void flushSerial();
  setupMyIssuesWatch();
  setupDeadlineReminders();
  setupStaffInboxWatch();
});
