// i18next set-up: Japanese is the default and the fallback; the choice is remembered in
// localStorage and mirrored on <html lang>.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import ja from './locales/ja';
import en from './locales/en';
import type { Lang } from './api/types';

const STORAGE_KEY = 'mamori.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

/** The translation function plus the current language as our Lang type. */
export function useLang(): { t: ReturnType<typeof useTranslation>['t']; lang: Lang } {
  const { t, i18n: inst } = useTranslation();
  return { t, lang: inst.language === 'en' ? 'en' : 'ja' };
}

/** The server's message in the current language. */
export function serverMessage(m: { message_ja: string; message_en: string }, lang: Lang): string {
  return lang === 'en' ? m.message_en : m.message_ja;
}

export default i18n;
