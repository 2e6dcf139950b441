import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../storage.ts';
import { en } from './en.ts';
import { vi, type MessageKey } from './vi.ts';

export type { MessageKey } from './vi.ts';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const DICTS: Record<Locale, Record<MessageKey, string>> = { vi, en };

/** A translator for a locale; missing parameters are left as `{name}` so they show in testing. */
export function translator(locale: Locale): Translate {
  const cached = translators.get(locale);
  if (cached) return cached;
  const dict = DICTS[locale] ?? vi;
  const t: Translate = (key, params) => {
    const text = dict[key] ?? vi[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
  };
  translators.set(locale, t);
  return t;
}
const translators = new Map<Locale, Translate>();

/** The text for an API error code, in the interface language (the server's message as a fallback). */
export function errorText(t: Translate, code: string, serverMessage?: string): string {
  const key = `err_${code}` as MessageKey;
  if (key in vi) return t(key);
  if (code.startsWith('HTTP_5')) return t('err_INTERNAL_ERROR');
  return serverMessage || t('err_unknown', { code });
}

export const LocaleContext = createContext<Locale>('vi');

/** The translator of the nearest `LocaleContext` (Vietnamese by default). */
export function useT(): Translate {
  return translator(useContext(LocaleContext));
}

/** The interface language, for Intl formatting. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}
