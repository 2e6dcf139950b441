import type { Locale } from '../storage.ts';
import { vi, type MessageKey } from './vi.ts';

export type { CoreMessageKey, MessageKey } from './vi.ts';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The texts this page has loaded, per language: vi.ts from the start; each surface adds its own
 * dictionaries (messages-panel.ts, messages-workspace.ts, messages-all.ts) and English arrives
 * with `loadLocale('en')`. Translators read these objects, so later additions show at once.
 */
const DICTS: Record<Locale, Record<string, string>> = { vi: { ...vi }, en: {} };
const translators = new Map<Locale, Translate>();

/** Adds texts of a language (a surface's dictionary); the key sets are checked by the compiler in each file. */
export function addMessages(locale: Locale, messages: Readonly<Record<string, string>>): void {
  Object.assign(DICTS[locale], messages);
}

/** Whether a key has a Vietnamese text on this page (dynamic keys such as `ev_${type}`). */
export function hasMessage(key: string): boolean {
  return key in DICTS.vi;
}

let english: Promise<void> | undefined;
/** Loads a language's texts (English is a separate chunk, fetched only for English users). */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale !== 'en') return Promise.resolve();
  english ??= import('./english.ts').then((m) => m.registerEnglish());
  return english;
}

/** A translator for a locale; missing parameters are left as `{name}` so they show in testing. */
export function translator(locale: Locale): Translate {
  const cached = translators.get(locale);
  if (cached) return cached;
  const dict = DICTS[locale] ?? DICTS.vi;
  const t: Translate = (key, params) => {
    const text = dict[key] ?? DICTS.vi[key] ?? key;
    return params
      ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m))
      : text;
  };
  translators.set(locale, t);
  return t;
}

/** The text for an API error code, in the interface language (the server's message as a fallback). */
export function errorText(t: Translate, code: string, serverMessage?: string): string {
  const key = `err_${code}` as MessageKey;
  if (hasMessage(key)) return t(key);
  if (code.startsWith('HTTP_5')) return t('err_INTERNAL_ERROR');
  return serverMessage || t('err_unknown', { code });
}
