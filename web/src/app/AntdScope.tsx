// Ant Design, for the console, admin and form pages only (imported by their chunks, never by
// the board). Theme tokens chosen to pass axe's contrast check; elder mode enlarges everything.
import type { ReactNode } from 'react';
import { App, ConfigProvider, theme as antdTheme } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import zhTW from 'antd/es/locale/zh_TW';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { useA11y } from './a11y/settings';

const LOCALES = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } as const;

export function AntdScope({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const { settings } = useA11y();
  const elder = settings.elder;
  return (
    <ConfigProvider
      locale={LOCALES[i18n.language as keyof typeof LOCALES] ?? zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: antdTheme.defaultAlgorithm,
        token: {
          colorPrimary: elder ? '#002c8c' : '#0958d9',
          colorLink: elder ? '#002c8c' : '#0958d9',
          // antd lightens colours on hover; white text on the lighter blue fails 4.5:1, so hover darkens.
          colorPrimaryHover: '#003eb3',
          colorPrimaryActive: '#002c8c',
          colorLinkHover: '#003eb3',
          colorErrorHover: '#820014',
          colorErrorActive: '#5c0011',
          colorSuccess: '#237804',
          colorError: '#a8071a',
          colorWarning: '#874d00',
          colorText: elder ? '#000000' : 'rgba(0,0,0,0.88)',
          colorTextSecondary: elder ? '#1a1a1a' : 'rgba(0,0,0,0.65)',
          colorTextDescription: elder ? '#1a1a1a' : 'rgba(0,0,0,0.65)',
          colorTextPlaceholder: 'rgba(0,0,0,0.6)',
          colorBorder: elder ? '#000000' : '#8c8c8c',
          fontSize: elder ? 20 : 14,
          lineHeight: elder ? 1.8 : 1.5715,
          controlHeight: elder ? 48 : 36,
          fontFamily: 'system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif',
        },
        components: {
          Table: { headerColor: 'rgba(0,0,0,0.88)' },
          Tag: { defaultColor: 'rgba(0,0,0,0.88)' },
        },
      }}
    >
      <App>{children}</App>
    </ConfigProvider>
  );
}
