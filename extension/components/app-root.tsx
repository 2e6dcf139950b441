import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadLocale, LocaleContext } from '../utils/i18n/index.ts';
import { localeItem, type Locale } from '../utils/storage.ts';
import { useStorageItem } from '../utils/use-storage-item.ts';

/** Every page's root: the interface language from storage, applied to `<html lang>` too. */
export function AppRoot(props: { children: ComponentChildren }) {
  const wanted = useStorageItem(localeItem) ?? 'vi';
  // The language switches once its texts are loaded (English is fetched on demand).
  const [locale, setLocale] = useState<Locale>('vi');
  useEffect(() => {
    let alive = true;
    void loadLocale(wanted).then(() => alive && setLocale(wanted));
    return () => {
      alive = false;
    };
  }, [wanted]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <LocaleContext.Provider value={locale}>{props.children}</LocaleContext.Provider>;
}
