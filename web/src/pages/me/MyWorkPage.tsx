// 我的: my applications and the teams I am invited to or in, their states and what each waits for.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { fmtDate, punct } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Application, ProjectSummary } from '../../app/types';
import { ErrorNotice, StatusBadge } from '../shared';
import { HealthLine } from '../projects/health';

function waitsFor(a: Application, mine: boolean, memberStatus?: string): string {
  if (!mine && memberStatus === 'invited') return 'waits.confirmInvite';
  switch (a.status) {
    case 'draft': return mine ? 'waits.submitDraft' : 'waits.leadSubmits';
    case 'submitted': return 'waits.eligibility';
    case 'qualified': return 'waits.selection';
    case 'selected': return 'waits.project';
    default: return 'waits.nothing';
  }
}

export default function MyWorkPage() {
  const { t } = useTranslation();
  const pu = punct();
  const { user } = useAuth();
  const qc = useQueryClient();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useDocumentTitle(t('me.title'));
  const q = useQuery({ queryKey: ['applications', 'mine'], queryFn: () => get<Page<Application>>('/applications?mine=1&pageSize=100') });
  const projects = useQuery({ queryKey: ['projects', 'mine', 'me'], queryFn: () => get<Page<ProjectSummary>>('/projects?mine=true&pageSize=50'), enabled: !!user && user.roles.includes('employee') });

  async function answer(a: Application, action: 'confirm' | 'decline') {
    setMsg(null);
    try {
      await post(`/applications/${a.id}/members/me/${action}`, {});
      setMsg({ ok: true, text: action === 'confirm' ? t('me.confirmed', { title: a.challengeTitle }) : t('me.declined', { title: a.challengeTitle }) });
      await qc.invalidateQueries({ queryKey: ['applications'] });
    } catch (e) {
      setMsg({ ok: false, text: problemMessage(e) });
    }
  }

  // A notification links here with ?application=<id>: show that row and move focus to it.
  const [params] = useSearchParams();
  const focusId = params.get('application');
  useEffect(() => {
    if (!focusId || !q.data) return;
    const row = document.getElementById(`app-${focusId}`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus();
  }, [focusId, q.data]);
  const rowProps = (a: Application) => ({ id: `app-${a.id}`, tabIndex: -1, className: a.id === focusId ? 'highlight' : undefined });

  const items = q.data?.items ?? [];
  const leading = items.filter((a) => a.lead.id === user?.id);
  const teams = items.filter((a) => a.lead.id !== user?.id);

  return (
    <div className="page">
      <h1>{t('me.title')}</h1>
      {msg && (msg.ok ? <p className="notice-box" role="status">{msg.text}</p> : <ErrorNotice message={msg.text} />)}
      {q.error && <ErrorNotice message={problemMessage(q.error)} />}
      {q.isLoading && <p className="loading" role="status">{t('common.loading')}</p>}
      {projects.data && projects.data.items.length > 0 && (
        <section aria-labelledby="me-projects">
          <h2 id="me-projects">{t('project.mine')}</h2>
          <table className="plain">
            <caption className="sr-only">{t('project.mine')}</caption>
            <thead><tr><th scope="col">{t('project.title')}</th><th scope="col">{t('project.statusLabel')}</th><th scope="col">{t('project.healthLabel')}</th><th scope="col">{t('project.nextMilestone')}</th></tr></thead>
            <tbody>
              {projects.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><Link to={`/projects/${p.id}`}>{p.title}</Link></th>
                  <td>{t(`project.status.${p.status}`)}</td>
                  <td><HealthLine p={p} /></td>
                  <td>{p.nextMilestone ? `${p.nextMilestone.title}${pu.open}${fmtDate(p.nextMilestone.dueAt)}${pu.close}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section aria-labelledby="me-lead">
        <h2 id="me-lead">{t('me.asLead')}</h2>
        {q.data && leading.length === 0 && <p className="empty">{t('me.noApplications')} <Link to="/board">{t('me.goBoard')}</Link></p>}
        {leading.length > 0 && (
          <table className="plain">
            <thead><tr>
              <th scope="col">{t('me.challenge')}</th><th scope="col">{t('me.status')}</th><th scope="col">{t('me.team')}</th>
              <th scope="col">{t('me.waitsFor')}</th><th scope="col">{t('me.updated')}</th><th scope="col">{t('me.actions')}</th>
            </tr></thead>
            <tbody>
              {leading.map((a) => (
                <tr key={a.id} {...rowProps(a)}>
                  <th scope="row"><Link to={`/challenges/${a.challengeId}`}>{a.challengeTitle}</Link></th>
                  <td><StatusBadge status={a.status} kind="appStatus" />{a.statusReason && <div className="muted">{a.statusReason}</div>}</td>
                  <td>{a.members.length === 0 ? t('me.alone') : a.members.map((m) => `${m.name}（${t(`memberStatus.${m.status}`, { defaultValue: m.status })}）`).join('、')}</td>
                  <td>{t(waitsFor(a, true))}</td>
                  <td>{fmtDate(a.updatedAt, true)}</td>
                  <td>
                    {a.allowedActions.includes('edit') && <Link to={`/applications/${a.id}/edit`}>{a.status === 'draft' ? t('challenge.continueDraft') : t('challenge.editApplication')}</Link>}
                    {a.allowedActions.includes('withdraw') && <> {' '}<Link to={`/challenges/${a.challengeId}`}>{t('me.toWithdraw')}</Link></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="me-teams" style={{ marginTop: 24 }}>
        <h2 id="me-teams">{t('me.asMember')}</h2>
        {q.data && teams.length === 0 && <p className="empty">{t('me.noTeams')}</p>}
        {teams.length > 0 && (
          <table className="plain">
            <thead><tr>
              <th scope="col">{t('me.challenge')}</th><th scope="col">{t('me.lead')}</th><th scope="col">{t('me.myMembership')}</th>
              <th scope="col">{t('me.status')}</th><th scope="col">{t('me.waitsFor')}</th><th scope="col">{t('me.actions')}</th>
            </tr></thead>
            <tbody>
              {teams.map((a) => {
                const me = a.members.find((m) => m.id === user?.id);
                return (
                  <tr key={a.id} {...rowProps(a)}>
                    <th scope="row"><Link to={`/challenges/${a.challengeId}`}>{a.challengeTitle}</Link>{a.id === focusId && <span className="tag">{t('meHighlight')}</span>}</th>
                    <td>{a.lead.name}</td>
                    <td>{me ? <StatusBadge status={me.status} kind="memberStatus" /> : '—'}</td>
                    <td><StatusBadge status={a.status} kind="appStatus" /></td>
                    <td>{t(waitsFor(a, false, me?.status))}</td>
                    <td>
                      <div className="actions">
                        {a.allowedActions.includes('confirmMembership') && (
                          <button type="button" className="btn primary" onClick={() => answer(a, 'confirm')}>{t('me.confirm')}</button>
                        )}
                        {a.allowedActions.includes('declineMembership') && (
                          <button type="button" className="btn" onClick={() => answer(a, 'decline')}>{t('me.decline')}</button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
