// The accessibility bar: elder mode, 繁體, 拼音, read aloud, zoom. Toggle buttons carry
// aria-pressed and a visible "开/关" state in words, not only in colour.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useA11y, ZOOMS } from './settings';

const canSpeak = () => typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';

function Toggle({ on, label, onClick, id, disabled, title }: { on: boolean; label: string; onClick(): void; id: string; disabled?: boolean; title?: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" id={id} className={`a11y-toggle${on ? ' on' : ''}`} aria-pressed={on} onClick={onClick} disabled={disabled} title={title}>
      {label}<span className="a11y-state">{on ? t('a11y.on') : t('a11y.off')}</span>
    </button>
  );
}

export function A11yBar() {
  const { t, i18n } = useTranslation();
  const { settings, set, reset } = useA11y();
  const [speaking, setSpeaking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // On phones only elder mode shows; the rest opens from the 无障碍 button (one row, not two).
  const [open, setOpen] = useState(false);
  const zi = ZOOMS.indexOf(settings.zoom);

  useEffect(() => () => { if (canSpeak()) window.speechSynthesis.cancel(); }, []);

  /** The browser's voices; Chromium lists them a moment after the first ask. */
  async function voices(synth: SpeechSynthesis): Promise<number> {
    if (synth.getVoices().length) return synth.getVoices().length;
    await new Promise((r) => { synth.addEventListener('voiceschanged', r, { once: true }); setTimeout(r, 600); });
    return synth.getVoices().length;
  }

  async function readAloud() {
    if (!canSpeak()) return;
    const synth = window.speechSynthesis;
    if (speaking) { synth.cancel(); setSpeaking(false); return; }
    setNote(null);
    // Without a voice nothing would be heard: say so instead of doing nothing.
    if ((await voices(synth)) === 0) { setNote(t('a11y.noVoice')); return; }
    const main = document.getElementById('main');
    // Read the text without the pinyin annotations.
    const clone = main?.cloneNode(true) as HTMLElement | undefined;
    clone?.querySelectorAll('rt').forEach((rt) => rt.remove());
    const text = (clone?.innerText || clone?.textContent || '').trim();
    if (!text) return;
    const u = new SpeechSynthesisUtterance(text.slice(0, 4000));
    u.lang = i18n.language === 'en' ? 'en-GB' : settings.trad || i18n.language === 'zh-TW' ? 'zh-TW' : 'zh-CN';
    u.rate = settings.elder ? 0.85 : 1;
    u.onend = () => setSpeaking(false);
    u.onerror = () => setSpeaking(false);
    synth.cancel();
    synth.speak(u);
    setSpeaking(true);
  }

  return (
    <section className="a11y-bar" aria-label={t('a11y.bar')} data-no-pinyin>
      <div className="a11y-inner">
        <span className="a11y-title" aria-hidden="true">{t('a11y.title')}</span>
        <button type="button" className="a11y-expand" aria-expanded={open} aria-controls="a11y-more" onClick={() => setOpen(!open)}>
          {t('a11y.title')} {open ? '▴' : '▾'}
        </button>
        <Toggle id="a11y-elder" on={settings.elder} label={t('a11y.elder')} onClick={() => set({ elder: !settings.elder })} />
        <span id="a11y-more" className={`a11y-more${open ? ' open' : ''}`}>
        {/* The zh-TW interface is 繁體 throughout, data included: the toggle shows that and stays on. */}
        <Toggle id="a11y-trad" on={settings.trad || i18n.language === 'zh-TW'} label={t('a11y.trad')} onClick={() => set({ trad: !settings.trad })}
          disabled={i18n.language === 'zh-TW'} title={i18n.language === 'zh-TW' ? t('a11y.tradByLanguage') : undefined} />
        <Toggle id="a11y-pinyin" on={settings.pinyin} label={t('a11y.pinyin')} onClick={() => set({ pinyin: !settings.pinyin })} />
        {canSpeak() && (
          <button type="button" className={`a11y-toggle${speaking ? ' on' : ''}`} aria-pressed={speaking} onClick={readAloud}>
            {speaking ? t('a11y.stopReading') : t('a11y.readAloud')}
          </button>
        )}
        <span role="status" className="a11y-note">{note}</span>
        <span className="a11y-zoom" role="group" aria-label={t('a11y.zoom')}>
          <button type="button" onClick={() => set({ zoom: ZOOMS[Math.max(0, zi - 1)] })} disabled={zi <= 0} aria-label={t('a11y.zoomOut')}>A−</button>
          <output aria-live="polite" aria-label={t('a11y.zoomLevel')}>{settings.zoom}%</output>
          <button type="button" onClick={() => set({ zoom: ZOOMS[Math.min(ZOOMS.length - 1, zi + 1)] })} disabled={zi >= ZOOMS.length - 1} aria-label={t('a11y.zoomIn')}>A+</button>
        </span>
        <button type="button" className="a11y-reset" onClick={reset}>{t('a11y.reset')}</button>
        </span>
      </div>
    </section>
  );
}
