import { useEffect } from 'react';
import i18n from './i18n';

/** Each page names itself in the tab title (WCAG 2.4.2). */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · ${i18n.t('app.name')}`;
  }, [title]);
}
