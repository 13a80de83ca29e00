// i18n: zh-CN ships in the main bundle; zh-TW and English load when a person switches to them.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../i18n/zh-CN.json';

export type Lang = 'zh-CN' | 'zh-TW' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'zh-TW', 'en'];
const KEY = 'jb.lang';

const loaders: Record<Exclude<Lang, 'zh-CN'>, () => Promise<{ default: object }>> = {
  'zh-TW': () => import('../i18n/zh-TW.json'),
  en: () => import('../i18n/en.json'),
};

function stored(): Lang {
  try {
    const v = localStorage.getItem(KEY);
    if (v && (LANGS as string[]).includes(v)) return v as Lang;
  } catch { /* storage may be off */ }
  return 'zh-CN';
}

let traditionalDisplay = false;

/** <html lang> names what the page shows: simplified text displayed in 繁體 is zh-Hant. */
export function syncDocumentLang(trad = traditionalDisplay) {
  traditionalDisplay = trad;
  const ui = (i18n.language || 'zh-CN') as Lang;
  document.documentElement.lang = trad && ui === 'zh-CN' ? 'zh-Hant' : ui;
}

export async function setLanguage(lang: Lang) {
  if (lang !== 'zh-CN' && !i18n.hasResourceBundle(lang, 'translation')) {
    const mod = await loaders[lang]();
    i18n.addResourceBundle(lang, 'translation', mod.default, true, true);
  }
  await i18n.changeLanguage(lang);
  syncDocumentLang();
  try { localStorage.setItem(KEY, lang); } catch { /* ignore */ }
}

export async function initI18n() {
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const lang = stored();
  if (lang !== 'zh-CN') await setLanguage(lang);
  else syncDocumentLang();
}

export default i18n;
