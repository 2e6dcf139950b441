import type { User } from '@duhop/shared';
import { storage } from 'wxt/utils/storage';
import type { ReminderState } from './synthesis/reminders.ts';
import type { StaffInboxState } from './triage/staff-inbox.ts';

/**
 * Every value kept in extension storage, each defined once. Extension storage is shared by the
 * side panel, the options page, the workspace and the service worker, and never by web pages.
 */

/** The API address built in: the server given to `npm run package`, else the local demo. */
export const DEFAULT_API_BASE: string =
  (import.meta.env.DUHOP_API_URL as string | undefined) || 'http://127.0.0.1:8787';

export type Locale = 'vi' | 'en';

export interface Session {
  token: string;
  user: User;
  expiresAt: string;
  /** The API origin that issued the token: it is never sent anywhere else (utils/api-address.ts). */
  apiBase?: string;
}

/**
 * Where the API lives as chosen on the options page (origin only, no trailing slash). The address
 * in force is `getApiBase()` (utils/api-address.ts): an organisation's policy comes first.
 */
export const apiBaseItem = storage.defineItem<string>('local:apiBase', {
  fallback: DEFAULT_API_BASE,
});

/**
 * The API address an organisation sets by policy (`storage.managed_schema`, key `apiUrl`):
 * read-only for the extension and its user; null when no policy sets it.
 */
export const managedApiUrlItem = storage.defineItem<string | null>('managed:apiUrl', {
  fallback: null,
});

/** The signed-in user and the bearer token; null when signed out. */
export const sessionItem = storage.defineItem<Session | null>('local:session', { fallback: null });

/** Interface language: Vietnamese first. */
export const localeItem = storage.defineItem<Locale>('local:locale', { fallback: 'vi' });

/** Set when the server refused the token (401): every page asks to sign in again. */
export const authExpiredItem = storage.defineItem<boolean>('local:authExpired', {
  fallback: false,
});

/** The draft open in the side panel: the context menu adds captured text to it. */
export const currentDraftItem = storage.defineItem<string | null>('local:currentDraftId', {
  fallback: null,
});

/**
 * The observer's "what changed" feed (`GET /api/my/events`): the last cursor read, for whom, and
 * since when events count as news (events older than the first poll are absorbed silently).
 */
export interface MyFeedState {
  userId: string;
  cursor: string | null;
  since: number;
}
export const myFeedItem = storage.defineItem<MyFeedState | null>('local:myFeed', {
  fallback: null,
});

/** Issues of the observer answered or returned since they last looked: the badge counts them. */
export const myUnseenItem = storage.defineItem<string[]>('local:myUnseen', { fallback: [] });

/** The browser notifications the background raised about the observer's issues, newest first. */
export interface MyNotificationRecord {
  id: string;
  at: number;
  title: string;
  message: string;
  issueIds: string[];
}
export const myNotificationsItem = storage.defineItem<MyNotificationRecord[]>(
  'local:myNotifications',
  { fallback: [] },
);

/** Normalises a typed API address to an origin (`http://host:port`), or null when it is not one. */
export function normalizeApiBase(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Deadline reminders of the signed-in member: the cells still due this month and those already notified. */
export const deadlineRemindersItem = storage.defineItem<ReminderState | null>(
  'local:deadlineReminders',
  { fallback: null },
);

/**
 * The staff's watch over their body's inbox (utils/triage/staff-watch.ts): what was seen and
 * announced, and the counts the badge shows.
 */
export const staffInboxItem = storage.defineItem<StaffInboxState | null>('local:staffInbox', {
  fallback: null,
});

/**
 * An administrator's watch over the whole province's inbox (`GET /api/inbox?scope=all`): the badge
 * counts, and (with `staffNotifyItem`) desktop notifications. On by default, off on the options page.
 */
export const adminProvinceWatchItem = storage.defineItem<boolean>('local:adminProvinceWatch', {
  fallback: true,
});

/** Desktop notifications for staff (new issues, issues about to be overdue): opt-in, on the options page. */
export const staffNotifyItem = storage.defineItem<boolean>('local:staffNotify', {
  fallback: false,
});
