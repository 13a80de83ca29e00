// After a redeploy, a page open since before asks for chunks that are gone (404). Reload once to
// get the new version; if a chunk still fails, say what happened instead of a white page.
import { Component, lazy, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const KEY = 'jb.reloadedForChunk';

function reloadOnce(): boolean {
  try {
    if (sessionStorage.getItem(KEY)) return false;
    sessionStorage.setItem(KEY, String(Date.now()));
  } catch { /* storage off: reload anyway, once per page life */ }
  window.location.reload();
  return true;
}

/** React.lazy that reloads the page once when the chunk cannot be loaded. */
export function lazyPage<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  // (Vite's failed preloads of shared chunks reject this same import, so one handler covers both.)
  return lazy(() => load().then((m) => {
    try { sessionStorage.removeItem(KEY); } catch { /* ignore */ }
    return m;
  }, (err) => {
    if (reloadOnce()) return new Promise<never>(() => {}); // the reload takes over
    throw err;
  }));
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('errors.loadFailedTitle')}</h1>
      <p>{t('errors.loadFailed')}</p>
      <p><button type="button" className="btn primary" onClick={() => window.location.reload()}>{t('errors.reload')}</button></p>
    </div>
  );
}

/** Any error while rendering a page: a page that says so, with a way on, instead of nothing. */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; key: string }> {
  state = { failed: false, key: this.props.resetKey };
  static getDerivedStateFromError() { return { failed: true }; }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; key: string }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }
  render() { return this.state.failed ? <LoadFailed /> : this.props.children; }
}
