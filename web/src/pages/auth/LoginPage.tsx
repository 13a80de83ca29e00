// Sign in, in the app's own markup (it is the first page people see; no antd needed).
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { problemMessage } from '../../app/problems';
import { ApiError } from '../../app/api';
import { useDocumentTitle } from '../../app/title';

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const [params] = useSearchParams();
  const nav = useNavigate();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('login.title'));
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/board';
  if (user) return <Navigate to={target} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!login.trim() || !password) { setError(t('login.missing')); return; }
    setBusy(true);
    try {
      await signIn(login.trim(), password);
      nav(target, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.wrong') : problemMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <h1>{t('login.title')}</h1>
      <p className="muted">{t('login.intro')}</p>
      <form className="form card" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="login">{t('login.login')}</label>
          <input id="login" name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required aria-required="true" />
        </div>
        <div className="field">
          <label htmlFor="password">{t('login.password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required aria-required="true" />
        </div>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="btn primary" disabled={busy}>{busy ? t('login.signingIn') : t('login.submit')}</button>
      </form>
    </div>
  );
}
