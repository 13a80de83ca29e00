// The accessibility choices (elder mode, 繁體, 拼音, zoom), remembered in localStorage and
// applied to <html> as classes/styles so that every page, antd's included, follows them.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { syncDocumentLang } from '../i18n';

export interface A11ySettings { elder: boolean; trad: boolean; pinyin: boolean; zoom: number }
export const ZOOMS = [100, 115, 130, 150, 175];
const KEY = 'jb.a11y';
const DEFAULTS: A11ySettings = { elder: false, trad: false, pinyin: false, zoom: 100 };

function load(): A11ySettings {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) {
      const v = JSON.parse(raw);
      return {
        elder: v.elder === true, trad: v.trad === true, pinyin: v.pinyin === true,
        zoom: ZOOMS.includes(v.zoom) ? v.zoom : 100,
      };
    }
  } catch { /* ignore */ }
  return DEFAULTS;
}

interface Ctx { settings: A11ySettings; set(patch: Partial<A11ySettings>): void; reset(): void }
const A11yContext = createContext<Ctx | null>(null);

export function A11yProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<A11ySettings>(load);

  useEffect(() => {
    try { localStorage.setItem(KEY, JSON.stringify(settings)); } catch { /* ignore */ }
    const root = document.documentElement;
    root.classList.toggle('elder', settings.elder);
    root.style.setProperty('--zoom', String(settings.zoom / 100));
    // CSS zoom keeps the layout reflowing (unlike transform: scale).
    (root.style as any).zoom = settings.zoom === 100 ? '' : String(settings.zoom / 100);
  }, [settings]);

  // The zh-TW interface shows the data in 繁體 too, through the same conversion as the toggle.
  const { i18n } = useTranslation();
  const trad = settings.trad || i18n.language === 'zh-TW';
  useEffect(() => {
    syncDocumentLang(trad);
    if (!trad && !settings.pinyin) {
      // Nothing loaded unless it was switched on before; if it was, undo it.
      if (textTools) void textTools.then((m) => m.applyTextModes(document.body, { trad: false, pinyin: false }));
      return;
    }
    textTools ??= import('./textModes');
    void textTools.then((m) => m.applyTextModes(document.body, { trad, pinyin: settings.pinyin }));
  }, [trad, settings.pinyin]);

  const value: Ctx = {
    settings,
    set: (patch) => setSettings((s) => ({ ...s, ...patch })),
    reset: () => setSettings(DEFAULTS),
  };
  return <A11yContext.Provider value={value}>{children}</A11yContext.Provider>;
}

let textTools: Promise<typeof import('./textModes')> | undefined;

export function useA11y(): Ctx {
  const v = useContext(A11yContext);
  if (!v) throw new Error('useA11y outside A11yProvider');
  return v;
}
