import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../storage.ts';
import { translator, type Translate } from './translate.ts';

export const LocaleContext = createContext<Locale>('vi');

/** The translator of the nearest `LocaleContext` (Vietnamese by default). */
export function useT(): Translate {
  return translator(useContext(LocaleContext));
}

/** The interface language, for Intl formatting. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}
