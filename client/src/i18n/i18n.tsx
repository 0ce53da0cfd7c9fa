import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCAL_TIME_ZONE } from '#domain/local-time.ts';
import { INTL_LOCALE, MESSAGES, type Locale, type MessageKey } from './messages.ts';

type Pair = readonly [string, string];

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A vocabulary label (category, status, ...) in the current language. */
  label(pair: Pair | undefined, fallback?: string): string;
  /** An area or feature name: Chinese names stay Chinese; the English name when there is one. */
  areaName(area: { name: string; nameEn?: string | null } | undefined): string;
  number(value: number | null | undefined, options?: Intl.NumberFormatOptions): string;
  percent(value: number | null | undefined, digits?: number): string;
  dateTime(value: string | number | Date | null | undefined, options?: Intl.DateTimeFormatOptions): string;
  date(value: string | number | Date | null | undefined): string;
  time(value: string | number | Date | null | undefined, withSeconds?: boolean): string;
}

const LOCALE_STORAGE_KEY = 'gridatlas:locale';
/** Times are shown in the demo places' own zone, whatever the viewer's machine says. */
const TIME_ZONE = LOCAL_TIME_ZONE;

function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
    document.documentElement.lang = INTL_LOCALE[next];
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const index = locale === 'zh' ? 0 : 1;
    const intlLocale = INTL_LOCALE[locale];
    const numberFormats = new Map<string, Intl.NumberFormat>();
    const numberFormat = (options?: Intl.NumberFormatOptions) => {
      const key = JSON.stringify(options ?? {});
      let format = numberFormats.get(key);
      if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(intlLocale, options)));
      return format;
    };
    const toDate = (value: string | number | Date) => (value instanceof Date ? value : new Date(value));
    return {
      locale,
      setLocale,
      t(key, values) {
        let text: string = MESSAGES[key][index];
        for (const [name, replacement] of Object.entries(values ?? {})) text = text.replaceAll(`{${name}}`, String(replacement));
        return text;
      },
      label: (pair, fallback = '') => (pair ? pair[index] : fallback),
      areaName: (area) => (area ? (locale === 'en' && area.nameEn ? area.nameEn : area.name) : ''),
      number: (value, options) => (value === null || value === undefined || Number.isNaN(value) ? '–' : numberFormat(options).format(value)),
      percent: (value, digits = 0) =>
        value === null || value === undefined || Number.isNaN(value) ? '–' : numberFormat({ style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value),
      dateTime: (value, options) =>
        value === null || value === undefined
          ? '–'
          : new Intl.DateTimeFormat(intlLocale, options ?? { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(toDate(value)),
      date: (value) => (value === null || value === undefined ? '–' : new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone: TIME_ZONE }).format(toDate(value))),
      time: (value, withSeconds = false) =>
        value === null || value === undefined
          ? '–'
          : new Intl.DateTimeFormat(intlLocale, { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone: TIME_ZONE }).format(toDate(value)),
    };
  }, [locale, setLocale]);

  // The page's language follows the UI's (screen readers, hyphenation, the CJK font choice).
  useEffect(() => {
    document.documentElement.lang = INTL_LOCALE[locale];
  }, [locale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
