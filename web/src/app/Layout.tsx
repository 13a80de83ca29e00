// The page frame in the app's own light markup (no antd here, so the board stays small):
// skip link, banner with navigation, the accessibility bar, main, footer.
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, hasRole } from './auth';
import { usePublicBoard } from './publicConfig';
import { A11yBar } from './a11y/A11yBar';
import { NotificationBell } from './notifications';
import { PageErrorBoundary } from './chunks';
import { LANGS, setLanguage, type Lang } from './i18n';
import type { Role } from './types';

interface NavItem { to: string; key: string; roles?: Role[] }
const NAV: NavItem[] = [
  { to: '/board', key: 'nav.board' },
  { to: '/me', key: 'nav.myWork' },
  { to: '/projects', key: 'nav.projects', roles: ['employee'] },
  { to: '/review', key: 'nav.review', roles: ['expert'] },
  { to: '/help-requests', key: 'nav.help', roles: ['party_branch', 'leader'] },
  { to: '/approvals', key: 'nav.approvals', roles: ['leader'] },
  { to: '/sponsor', key: 'nav.sponsor', roles: ['sponsor'] },
  { to: '/console', key: 'nav.console', roles: ['organizer', 'admin'] },
  { to: '/admin', key: 'nav.admin', roles: ['admin'] },
  { to: '/audit', key: 'nav.audit', roles: ['supervisor', 'admin'] },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switch" data-no-convert>
      <span className="sr-only">{t('lang.label')}</span>
      <select value={i18n.language} onChange={(e) => void setLanguage(e.target.value as Lang)} aria-label={t('lang.label')}>
        {LANGS.map((l) => <option key={l} value={l}>{t(`lang.${l}`)}</option>)}
      </select>
    </label>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <p className="loading" role="status">{t('common.loading')}</p>;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  // Anonymous visitors of a public board get a sign-in link that brings them back here.
  const publicBoard = usePublicBoard();
  const signInLink = !user && publicBoard && loc.pathname !== '/login';
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(loc.pathname);
  // On phones the account tools (language, password, sign out) fold into one menu button, so the
  // header is one row and the page starts near the top.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [loc.pathname]);

  // After a route change (not on the first load), move focus to main so keyboard and screen
  // reader users start there.
  useEffect(() => {
    if (shownPath.current === loc.pathname) return;
    shownPath.current = loc.pathname;
    mainRef.current?.focus({ preventScroll: false });
  }, [loc.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/board" className="brand" aria-label={t('app.home')}>
            <span className="brand-mark" aria-hidden="true" data-no-pinyin>榜</span>
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          {user && (
            <nav aria-label={t('nav.main')} className="main-nav">
              <ul>
                {NAV.filter((n) => !n.roles || hasRole(user, ...n.roles)).map((n) => (
                  <li key={n.to}><NavLink to={n.to}>{t(n.key)}</NavLink></li>
                ))}
              </ul>
            </nav>
          )}
          <div className="header-tools">
            {!user && <LanguageSwitch />}
            {signInLink && (
              <Link to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} className="btn primary sign-in-link">{t('nav.signIn')}</Link>
            )}
            {user && (
              <>
                <NotificationBell />
                <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="account-tools" onClick={() => setMenuOpen(!menuOpen)}>
                  <span className="sr-only">{t('nav.accountMenu')}</span><span aria-hidden="true">{user.name} {menuOpen ? '▴' : '▾'}</span>
                </button>
                <div id="account-tools" className={`account-tools${menuOpen ? ' open' : ''}`} onKeyDown={(e) => { if (e.key === 'Escape') setMenuOpen(false); }}>
                  <LanguageSwitch />
                  <Link to="/me/password" className="user-name" title={t('nav.changePassword')}>
                    <span className="sr-only">{t('nav.signedInAs')}</span>{user.name}
                  </Link>
                  <Link to="/me/tokens" className="menu-only">{t('nav.tokens')}</Link>
                  <button type="button" className="link-button" onClick={async () => { await signOut(); nav('/login'); }}>
                    {t('nav.signOut')}
                  </button>
                </div>
              </>
            )}
          </div>
        </div>
      </header>
      <A11yBar />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <PageErrorBoundary resetKey={loc.pathname}><Suspense fallback={<Loading />}>{children}</Suspense></PageErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
