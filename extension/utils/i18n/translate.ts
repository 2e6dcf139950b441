import type { Locale } from '../storage.ts';
import { en } from './en.ts';
import { vi, type MessageKey } from './vi.ts';

export type { MessageKey } from './vi.ts';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const DICTS: Record<Locale, Record<MessageKey, string>> = { vi, en };
const translators = new Map<Locale, Translate>();

/** A translator for a locale; missing parameters are left as `{name}` so they show in testing. */
export function translator(locale: Locale): Translate {
  const cached = translators.get(locale);
  if (cached) return cached;
  const dict = DICTS[locale] ?? vi;
  const t: Translate = (key, params) => {
    const text = dict[key] ?? vi[key] ?? key;
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
  if (key in vi) return t(key);
  if (code.startsWith('HTTP_5')) return t('err_INTERNAL_ERROR');
  return serverMessage || t('err_unknown', { code });
}
