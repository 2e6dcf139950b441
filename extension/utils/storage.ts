import type { User } from '@duhop/shared';
import { storage } from 'wxt/utils/storage';

/**
 * Every value kept in extension storage, each defined once. Extension storage is shared by the
 * side panel, the options page, the workspace and the service worker, and never by web pages.
 */

export const DEFAULT_API_BASE = 'http://127.0.0.1:8787';

export type Locale = 'vi' | 'en';

export interface Session {
  token: string;
  user: User;
  expiresAt: string;
}

/** Where the API lives (origin only, no trailing slash). */
export const apiBaseItem = storage.defineItem<string>('local:apiBase', { fallback: DEFAULT_API_BASE });

/** The signed-in user and the bearer token; null when signed out. */
export const sessionItem = storage.defineItem<Session | null>('local:session', { fallback: null });

/** Interface language: Vietnamese first. */
export const localeItem = storage.defineItem<Locale>('local:locale', { fallback: 'vi' });

/** Set when the server refused the token (401): every page asks to sign in again. */
export const authExpiredItem = storage.defineItem<boolean>('local:authExpired', { fallback: false });

/** The draft open in the side panel: the context menu adds captured text to it. */
export const currentDraftItem = storage.defineItem<string | null>('local:currentDraftId', { fallback: null });

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
