// One challenge in the console: its transitions, and its applications side by side for the
// eligibility check (qualify / disqualify with a reason), selection and award.
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Typography } from 'antd';
import { AntdScope } from '../../app/AntdScope';
import { get, type Page } from '../../app/api';
import { fmtBudget, fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Application, Challenge } from '../../app/types';
import { StatusBadge } from '../shared';
import { APPLICATION_ORDER, CHALLENGE_ORDER, TransitionButtons } from './TransitionButtons';
import { RoundsSection } from '../review/RoundsSection';
import { ObjectionsSection } from './ObjectionsSection';
import { DecisionSection } from '../review/DecisionSection';

const SECTIONS = ['summary', 'approach', 'plan', 'expectedResults'] as const;

function Review() {
  const { id } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const c = useQuery({ queryKey: ['challenge', id], queryFn: () => get<Challenge>(`/challenges/${id}`) });
  const apps = useQuery({ queryKey: ['applications', 'challenge', id], queryFn: () => get<Page<Application>>(`/applications?challengeId=${id}&pageSize=100`) });
  useDocumentTitle(c.data ? t('console.reviewTitle', { title: c.data.title }) : t('console.title'));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['challenge', id] });
    void qc.invalidateQueries({ queryKey: ['applications'] });
    void qc.invalidateQueries({ queryKey: ['challenges'] });
  };
  if (c.error) return <Alert type="error" showIcon title={problemMessage(c.error)} />;
  if (!c.data) return <p className="loading" role="status">{t('common.loading')}</p>;
  const ch = c.data;
  const list = (apps.data?.items ?? []).filter((a) => a.status !== 'draft');
  const counts = list.reduce<Record<string, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {});

  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/console">{t('console.title')}</Link> › <Link to={`/challenges/${ch.id}`}>{t('console.publicView')}</Link></p>
      <h1>{ch.title}</h1>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }} items={[
        { key: 's', label: t('board.status'), children: <StatusBadge status={ch.status} /> },
        { key: 'd', label: t('challenge.sponsor'), children: ch.sponsorDepartmentName },
        { key: 'c', label: t('board.campaign'), children: ch.campaignName },
        { key: 'b', label: t('challenge.budget'), children: fmtBudget(ch.budgetCents) },
        { key: 'dl', label: t('challenge.deadline'), children: fmtDate(ch.deadline, true) },
        { key: 'r', label: t('console.raceWinners'), children: ch.raceMode ? t('board.raceMode', { n: ch.raceWinners }) : t('console.singleWinner') },
        ...(ch.statusReason ? [{ key: 'why', label: t('console.statusReason'), children: ch.statusReason }] : []),
      ]} />
      <section aria-labelledby="ch-actions" style={{ marginBottom: 24 }}>
        <h2 id="ch-actions" style={{ fontSize: '1.15em' }}>{t('console.challengeActions')}</h2>
        {ch.status === 'notice' && ch.noticeEndsAt && <p className="notice-box" role="status">{t('console.noticeRunning', { date: fmtDate(ch.noticeEndsAt, true) })}</p>}
        {ch.allowedActions.filter((a) => CHALLENGE_ORDER.includes(a)).length === 0
          ? ch.status !== 'notice' && <p className="muted">{t('console.noActions')}</p>
          : <TransitionButtons entity="challenges" id={ch.id} actions={ch.allowedActions} order={CHALLENGE_ORDER} onDone={refresh} label={t('console.challengeActions')} />}
        {ch.allowedActions.includes('edit') && <p style={{ marginTop: 8 }}><Link to={`/sponsor/challenges/${ch.id}/edit`}>{t('challenge.editChallenge')}</Link></p>}
      </section>
      <ObjectionsSection challenge={ch} onDone={refresh} />
      <RoundsSection challenge={ch} />
      <DecisionSection challenge={ch} applications={list} />
      <section aria-labelledby="apps-title">
        <h2 id="apps-title" style={{ fontSize: '1.15em' }}>{t('console.applications', { n: list.length })}</h2>
        <p className="muted">{Object.entries(counts).map(([s, n]) => `${t(`appStatus.${s}`)} ${n}`).join(' · ') || ' '}</p>
        {apps.error && <Alert type="error" showIcon title={problemMessage(apps.error)} />}
        {apps.data && list.length === 0 && <Empty description={t('console.noApplications')} />}
        <Row gutter={[16, 16]}>
          {list.map((a) => (
            <Col key={a.id} xs={24} md={12} xl={8}>
              <Card
                title={<span>{t('console.leadIs', { name: a.lead.name })}</span>}
                extra={<StatusBadge status={a.status} kind="appStatus" />}
                role="region" aria-label={t('console.applicationOf', { name: a.lead.name })}
              >
                <p className="muted">{a.lead.departmentName ?? ''}{a.submittedAt && ` · ${t('console.submittedAt', { at: fmtDate(a.submittedAt, true) })}`}</p>
                <p><strong>{t('console.members')}</strong>{a.members.length ? a.members.map((m) => `${m.name}（${t(`memberStatus.${m.status}`, { defaultValue: m.status })}）`).join('、') : t('me.alone')}</p>
                {SECTIONS.map((s) => (
                  <div key={s}>
                    <Typography.Text strong>{t(`proposal.${s}`)}</Typography.Text>
                    <Typography.Paragraph ellipsis={{ rows: 4, expandable: true, symbol: t('common.more') }} style={{ whiteSpace: 'pre-wrap' }}>{a.proposal[s] || '—'}</Typography.Paragraph>
                  </div>
                ))}
                {a.statusReason && <p><strong>{t('console.statusReason')}：</strong>{a.statusReason}</p>}
                <Space><TransitionButtons entity="applications" id={a.id} actions={a.allowedActions} order={APPLICATION_ORDER} onDone={refresh} label={t('console.applicationOf', { name: a.lead.name })} /></Space>
              </Card>
            </Col>
          ))}
        </Row>
      </section>
    </div>
  );
}

export default function ChallengeReviewPage() {
  return <AntdScope><Review /></AntdScope>;
}
