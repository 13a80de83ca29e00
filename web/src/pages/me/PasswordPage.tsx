// Change my password (own markup).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../app/api';
import { fieldErrors, problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';

export default function PasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.title'));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMsg(null);
    const errs: Record<string, string> = {};
    if (!current) errs.currentPassword = t('validation.required');
    if (next.length < 12) errs.newPassword = t('validation.minLength', { n: 12 });
    if (next !== again) errs.again = t('password.mismatch');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      await post('/me/password', { currentPassword: current, newPassword: next });
      setCurrent(''); setNext(''); setAgain('');
      setMsg({ ok: true, text: t('password.done') });
    } catch (err) {
      setErrors(fieldErrors(err));
      setMsg({ ok: false, text: problemMessage(err) });
    }
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, auto: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete={auto} value={value} onChange={(e) => set(e.target.value)}
        aria-invalid={!!errors[id]} aria-describedby={errors[id] ? `${id}-err` : undefined} />
      {errors[id] && <span id={`${id}-err`} className="form-error">{errors[id]}</span>}
    </div>
  );

  return (
    <div className="page narrow">
      <h1>{t('password.title')}</h1>
      <form className="form card" onSubmit={submit} noValidate>
        {field('currentPassword', t('password.current'), current, setCurrent, 'current-password')}
        {field('newPassword', t('password.new'), next, setNext, 'new-password')}
        {field('again', t('password.again'), again, setAgain, 'new-password')}
        {msg && <p className={msg.ok ? 'notice-box' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
        <button type="submit" className="btn primary">{t('password.submit')}</button>
      </form>
      <p><Link to="/me/tokens">{t('tokens.link')}</Link></p>
    </div>
  );
}
