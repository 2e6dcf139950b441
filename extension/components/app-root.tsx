import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { LocaleContext } from '../utils/i18n/index.ts';
import { localeItem } from '../utils/storage.ts';
import { useStorageItem } from '../utils/use-live-query.ts';

/** Every page's root: the interface language from storage, applied to `<html lang>` too. */
export function AppRoot(props: { children: ComponentChildren }) {
  const locale = useStorageItem(localeItem) ?? 'vi';
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <LocaleContext.Provider value={locale}>{props.children}</LocaleContext.Provider>;
}
