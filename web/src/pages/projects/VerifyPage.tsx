// 核验: anyone, without signing in, checks a printed pledge (its code from the QR code) against the
// signed version, and compares the hash printed on the paper.
import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Input, Space, Spin } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get } from '../../app/api';
import { fmtDate, punct } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Verification } from '../../app/types';
import { PledgeView } from './PledgeSection';

function Verify() {
  const { code } = useParams();
  const { t } = useTranslation();
  const pu = punct();
  useDocumentTitle(t('verify.title'));
  const q = useQuery({ queryKey: ['verify', code], queryFn: () => get<Verification>(`/verify/${code}`), retry: false });
  const [hash, setHash] = useState('');
  const [checked, setChecked] = useState<boolean | null>(null);
  if (q.error) return <div className="page inline-links"><h1>{t('verify.title')}</h1><Alert type="error" showIcon title={t('verify.unknown')} description={problemMessage(q.error)} /></div>;
  if (!q.data) return <div className="page inline-links"><Spin /></div>;
  const v = q.data;
  const check = () => setChecked(hash.trim().toLowerCase() === v.hash);
  return (
    <div className="page inline-links">
      <h1>{t('verify.title')}</h1>
      <Alert type={v.superseded ? 'warning' : 'success'} showIcon title={v.superseded ? t('verify.superseded', { version: v.version }) : t('verify.valid', { version: v.version, at: fmtDate(v.signedAt, true) })} style={{ marginBottom: 12 }} />
      <h2 className="h2">{v.title}</h2>
      <ul>{v.signatories.map((s) => <li key={s.role}>{t(`pledge.roles.${s.role}`)}{pu.colon}{s.name}{pu.open}{t('pledge.signedAt', { at: fmtDate(s.signedAt, true) })}{pu.close}</li>)}</ul>
      <p>{t('pledge.hash')}{pu.colon}<span className="hash">{v.hash}</span></p>
      <label htmlFor="paper-hash">{t('verify.paperHash')}</label>
      <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
        <Input id="paper-hash" value={hash} onChange={(e) => { setHash(e.target.value); setChecked(null); }} placeholder={t('verify.paperHashHint')} />
        <Button type="primary" onClick={check}>{t('verify.compare')}</Button>
      </Space.Compact>
      {checked !== null && <Alert role="status" style={{ marginTop: 8 }} type={checked ? 'success' : 'error'} showIcon title={checked ? t('verify.matches') : t('verify.differs')} />}
      <div className="card" style={{ marginTop: 16 }}>
        <PledgeView pledge={{ content: v.content } as never} />
      </div>
    </div>
  );
}

export default function VerifyPage() {
  return <AntdScope><Verify /></AntdScope>;
}
