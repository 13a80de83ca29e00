// 榜单详情: everything a challenge holds, laid out to be read, and the one button that fits
// the person and the state (apply, edit my application, withdraw, or none), from allowedActions.
import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post, ApiError, type Page } from '../../app/api';
import { countdown, fmtBudget, fmtDate, punct } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import { useAuth, hasRole } from '../../app/auth';
import type { Application, Challenge, ProjectSummary } from '../../app/types';
import { ErrorNotice, KpiTable, StatusBadge } from '../shared';
import { NotFoundPage } from '../errors/ErrorPages';

function Prose({ text }: { text?: string | null }) {
  return <p className="prose">{text?.trim() ? text : '—'}</p>;
}

function MyApplicationActions({ c }: { c: Challenge }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const my = c.myApplication;
  const app = useQuery({
    queryKey: ['application', my?.id],
    queryFn: () => get<Application>(`/applications/${my!.id}`),
    enabled: !!my,
  });

  const doneNote = done && <p className="notice-box" role="status">{done}</p>;
  if (c.allowedActions.includes('apply')) {
    return <>{doneNote}<Link className="btn primary" to={`/challenges/${c.id}/apply`}>{t('challenge.apply')}</Link></>;
  }
  if (!my) return doneNote || null;
  const actions = app.data?.allowedActions ?? [];

  async function withdraw() {
    setError(null);
    try {
      await post(`/applications/${my!.id}/transitions`, { action: 'withdraw', reason: reason.trim() || undefined });
      setDone(t('challenge.withdrawn'));
      setConfirming(false);
      await qc.invalidateQueries({ queryKey: ['challenge', c.id] });
      await qc.invalidateQueries({ queryKey: ['challenges'] });
      await qc.invalidateQueries({ queryKey: ['applications'] });
    } catch (e) {
      setError(problemMessage(e));
    }
  }

  return (
    <div className="actions" aria-live="polite">
      <p>{t('challenge.myApplicationIs')} <StatusBadge status={my.status} kind="appStatus" /></p>
      {actions.includes('edit') && (
        <Link className="btn primary" to={`/applications/${my.id}/edit`}>
          {my.status === 'draft' ? t('challenge.continueDraft') : t('challenge.editApplication')}
        </Link>
      )}
      {actions.includes('withdraw') && !confirming && (
        <button type="button" className="btn danger" onClick={() => { setConfirming(true); setTimeout(() => confirmRef.current?.focus(), 0); }}>
          {t('challenge.withdraw')}
        </button>
      )}
      {confirming && (
        <div className="notice-box" role="group" aria-label={t('challenge.withdrawConfirmTitle')}>
          <p><strong>{t('challenge.withdrawConfirm')}</strong></p>
          <div className="form">
            <div className="field">
              <label htmlFor="withdraw-reason">{t('challenge.withdrawReason')}</label>
              <input id="withdraw-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
            </div>
          </div>
          <div className="actions">
            <button type="button" ref={confirmRef} className="btn danger" onClick={withdraw}>{t('challenge.withdrawYes')}</button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
      {error && <ErrorNotice message={error} />}
      {app.data && app.data.lead.id === user?.id && ['draft', 'submitted', 'qualified'].includes(my.status) && <AvoidExperts applicationId={my.id} />}
    </div>
  );
}

type Avoided = { items: Array<{ expertId: string; name: string; reason: string }>; limit: number };

/** 申请回避: the lead may name up to 3 experts of the pool who should not review the application, with a reason (as NSFC allows). */
function AvoidExperts({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [expertId, setExpertId] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const list = useQuery({ queryKey: ['avoid', applicationId], queryFn: () => get<Avoided>(`/applications/${applicationId}/experts-to-avoid`) });
  const pool = useQuery({ queryKey: ['experts', 'names'], queryFn: () => get<{ items: Array<{ userId: string; name: string; unit: string | null; title: string | null }> }>('/experts'), enabled: open });
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!expertId || !reason.trim()) { setMsg({ ok: false, text: t('avoid.missing') }); return; }
    try {
      await post(`/applications/${applicationId}/experts-to-avoid`, { expertId, reason: reason.trim() });
      setExpertId(''); setReason(''); setOpen(false);
      setMsg({ ok: true, text: t('avoid.done') });
      void qc.invalidateQueries({ queryKey: ['avoid', applicationId] });
    } catch (err) { setMsg({ ok: false, text: problemMessage(err) }); }
  }
  const items = list.data?.items ?? [];
  return (
    <div className="avoid no-print">
      <h3 className="h3">{t('avoid.title')}</h3>
      {items.length > 0 ? <ul>{items.map((a) => <li key={a.expertId}>{a.name}：{a.reason}</li>)}</ul> : <p className="muted">{t('avoid.none')}</p>}
      {msg && <p className={msg.ok ? 'notice-box' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      {items.length < (list.data?.limit ?? 3) && (!open
        ? <button type="button" className="btn" onClick={() => { setOpen(true); setMsg(null); }}>{t('avoid.add', { n: (list.data?.limit ?? 3) - items.length })}</button>
        : (
          <form className="form" onSubmit={submit}>
            <div className="field">
              <label htmlFor="avoid-expert">{t('avoid.expert')}</label>
              <select id="avoid-expert" value={expertId} onChange={(e) => setExpertId(e.target.value)}>
                <option value="">{t('avoid.choose')}</option>
                {(pool.data?.items ?? []).filter((x) => !items.some((a) => a.expertId === x.userId))
                  .map((x) => <option key={x.userId} value={x.userId}>{[x.name, x.title, x.unit].filter(Boolean).join(' · ')}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="avoid-reason">{t('avoid.reason')}</label>
              <input id="avoid-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </div>
            <button type="submit" className="btn primary">{t('avoid.submit')}</button>{' '}
            <button type="button" className="btn" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          </form>
        ))}
    </div>
  );
}

type Objection = { id: string; reason: string; status: 'open' | 'upheld' | 'dismissed'; answer: string | null; createdAt: string };

/** 异议: any signed-in person may object during the notice, in their name; they see their own and its answer. */
function ObjectionForm({ c }: { c: Challenge }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const mine = useQuery({ queryKey: ['objections', c.id], queryFn: () => get<{ items: Objection[] }>(`/challenges/${c.id}/objections`), enabled: !!user });
  if (!user) return null;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!reason.trim()) { setMsg({ ok: false, text: t('objection.reasonMissing') }); return; }
    try {
      await post(`/challenges/${c.id}/objections`, { reason: reason.trim() });
      setReason(''); setOpen(false);
      setMsg({ ok: true, text: t('objection.filed') });
      void qc.invalidateQueries({ queryKey: ['objections', c.id] });
    } catch (err) { setMsg({ ok: false, text: problemMessage(err) }); }
  }
  const list = hasRole(user, 'organizer', 'admin', 'supervisor') ? [] : mine.data?.items ?? [];
  return (
    <div className="objection no-print">
      {list.map((o) => (
        <p key={o.id} className="muted">{t(`objection.mine.${o.status}`, { date: fmtDate(o.createdAt, true) })}{o.answer && `：${o.answer}`}</p>
      ))}
      {msg && <p className={msg.ok ? 'notice-box' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      {!open ? <button type="button" className="btn" onClick={() => { setOpen(true); setMsg(null); }}>{t('objection.file')}</button> : (
        <form onSubmit={submit} className="form">
          <div className="field">
            <label htmlFor="objection-reason">{t('objection.reason')}</label>
            <textarea id="objection-reason" rows={4} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="objection-help" />
            <span id="objection-help" className="muted">{t('objection.help')}</span>
          </div>
          <button type="submit" className="btn primary">{t('objection.submit')}</button>{' '}
          <button type="button" className="btn" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        </form>
      )}
    </div>
  );
}

/** 公示: who was chosen, with which team, until when, and whom to tell of an objection. */
function NoticeBox({ c }: { c: Challenge }) {
  const { t } = useTranslation();
  if (c.status !== 'notice') return null;
  return (
    <section className="notice-box notice-period" aria-labelledby="notice-title">
      <h2 id="notice-title">{t('notice.title')}</h2>
      {c.noticeEndsAt && <p>{t('notice.until', { date: fmtDate(c.noticeEndsAt, true) })}</p>}
      {c.awardedLeads ? (
        <ul>
          {c.awardedLeads.map((l) => (
            <li key={l.id}>
              <strong>{l.name}</strong>{l.departmentName && `（${l.departmentName}）`}
              {l.review && <>{t('notice.score', { score: l.review.score, rank: l.review.rank, of: l.review.of, sheets: l.review.sheets })}</>}
              {l.members.length > 0 && <>{t('notice.team')}{l.members.map((m) => m.name).join('、')}</>}
            </li>
          ))}
        </ul>
      ) : <p className="muted">{t('notice.namesAfterSignIn')}</p>}
      <p>{c.contact ? t('notice.objections', { contact: c.contact }) : t('notice.objectionsNoContact')}</p>
      <ObjectionForm c={c} />
      {/* Printed for the notice board: the print stylesheet leaves the challenge and this notice. */}
      <button type="button" className="btn no-print" onClick={() => window.print()}>{t('notice.print')}</button>
    </section>
  );
}

function Winners({ c }: { c: Challenge }) {
  const { t } = useTranslation();
  const signedIn = !!useAuth().user;
  const show = c.status === 'awarded' || c.status === 'completed';
  // The challenge names its selected leads where the server provides them; otherwise ask for
  // the selected applications (which the server shows to those who may read them).
  const q = useQuery({
    queryKey: ['applications', 'selected', c.id],
    queryFn: () => get<Page<Application>>(`/applications?challengeId=${c.id}&status=selected&pageSize=20`),
    enabled: show && !c.awardedLeads && signedIn,
    retry: false,
  });
  if (!show) return null;
  // With the review's score summary where an expert review decided it.
  const names = c.awardedLeads?.map((l) => l.name + (l.review ? t('notice.score', { score: l.review.score, rank: l.review.rank, of: l.review.of, sheets: l.review.sheets }) : ''))
    ?? q.data?.items.map((a) => a.lead?.name).filter(Boolean) ?? [];
  if (q.error instanceof ApiError || names.length === 0) return null;
  return (
    <>
      <p><strong>{t('challenge.winners')}</strong>{names.join('、')}</p>
      {signedIn && <ProjectLinks c={c} />}
    </>
  );
}

/** After the award: the projects (立项) that carry the challenge, and in race mode the comparison of the teams. */
function ProjectLinks({ c }: { c: Challenge }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['projects', 'challenge', c.id],
    queryFn: () => get<Page<ProjectSummary>>(`/projects?challengeId=${c.id}&pageSize=20`),
    retry: false,
  });
  if (!q.data || q.data.items.length === 0) return null;
  return (
    <p>
      <strong>{t('project.overview')}{punct().colon}</strong>
      {q.data.items.map((p, i) => <span key={p.id}>{i > 0 && punct().list}<Link to={`/projects/${p.id}`}>{p.lead.name} · {t(`project.status.${p.status}`)}</Link></span>)}
      {c.raceMode && q.data.items.length > 1 && <> · <Link to={`/challenges/${c.id}/race`}>{t('race.open')}</Link></>}
    </p>
  );
}

export default function ChallengePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const q = useQuery({ queryKey: ['challenge', id], queryFn: () => get<Challenge>(`/challenges/${id}`) });
  useDocumentTitle(q.data?.title ?? t('challenge.title'));
  if (q.error instanceof ApiError && q.error.status === 404) return <NotFoundPage />;
  if (q.error) return <ErrorNotice message={problemMessage(q.error)} />;
  if (!q.data) return <p className="loading" role="status">{t('common.loading')}</p>;
  const c = q.data;
  const cd = countdown(c.deadline);
  const e = c.eligibility;
  // An anonymous visitor of the public board gets no allowedActions: the sign-in link stands in
  // for the apply button while the challenge takes applications (the server decides after sign-in).
  const applyOpenToVisitor = c.status === 'published' && !cd.over && Date.parse(c.applyFrom) <= Date.now();
  const organizerActions = c.allowedActions.filter((a) => !['apply', 'edit'].includes(a));

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}><Link to="/board">{t('board.title')}</Link> › {c.campaignName}</nav>
      <h1>{c.title}</h1>
      {flash && <p className="notice-box" role="status">{flash}</p>}
      <div className="tags" style={{ marginBottom: 16 }}>
        <StatusBadge status={c.status} />
        <span className="tag">{c.category}</span>
        {c.raceMode && <span className="tag">{t('board.raceMode', { n: c.raceWinners })}</span>}
        {c.tags?.map((tag) => <span key={tag} className="tag">#{tag}</span>)}
      </div>
      <div className="challenge-page">
        <article aria-label={t('challenge.details')}>
          <section aria-labelledby="s-bg"><h2 id="s-bg">{t('challenge.background')}</h2><Prose text={c.background} /></section>
          <section aria-labelledby="s-goals"><h2 id="s-goals">{t('challenge.goals')}</h2><Prose text={c.goals} /></section>
          <section aria-labelledby="s-kpi">
            <h2 id="s-kpi">{t('challenge.kpis')}</h2>
            {c.kpis.length === 0 ? <p>—</p> : (
              <KpiTable kpis={c.kpis} caption={t('challenge.kpis')} />
            )}
          </section>
          <section aria-labelledby="s-deliv"><h2 id="s-deliv">{t('challenge.deliverables')}</h2><Prose text={c.deliverables} /></section>
          <section aria-labelledby="s-milestones">
            <h2 id="s-milestones">{t('challenge.milestones')}</h2>
            <ol>
              <li>{t('challenge.msApply', { date: fmtDate(c.deadline, true) })}</li>
              <li>{t('challenge.msStart')}</li>
              <li>{t('challenge.msEnd', { n: c.durationMonths })}</li>
            </ol>
          </section>
          {c.technicalRoute && <section aria-labelledby="s-route"><h2 id="s-route">{t('challenge.technicalRoute')}</h2><Prose text={c.technicalRoute} /></section>}
          <section aria-labelledby="s-rewards">
            <h2 id="s-rewards">{t('challenge.rewards')}</h2>
            {c.rewards?.length ? (
              <ul>{c.rewards.map((r) => (
                <li key={r.grade}>
                  <strong>{t('challenge.rewardGrade', { grade: t(`grade.${r.grade}`) })}</strong>
                  {r.amountCents != null && <>：{fmtBudget(r.amountCents)}</>}
                  {r.description && <span className="muted">　{r.description}</span>}
                </li>
              ))}</ul>
            ) : <p>{t('challenge.rewardsNone')}</p>}
          </section>
          <section aria-labelledby="s-elig">
            <h2 id="s-elig">{t('challenge.eligibility')}</h2>
            {!e || (!e.text && !e.politicalStatuses?.length && !e.youthOnly && !e.departmentIds?.length && !e.requiredSkills?.length)
              ? <p>{t('challenge.eligibilityNone')}</p>
              : (
                <ul>
                  {e.text && <li>{e.text}</li>}
                  {e.politicalStatuses?.length ? <li>{t('challenge.eligPolitical', { list: e.politicalStatuses.map((s) => t(`political.${s}`)).join('、') })}</li> : null}
                  {e.youthOnly && <li>{t('challenge.eligYouth')}</li>}
                  {e.departmentIds?.length ? <li>{t('challenge.eligDepartments')}</li> : null}
                  {e.requiredSkills?.length ? <li>{t('challenge.eligSkills', { list: e.requiredSkills.join('、') })}</li> : null}
                </ul>
              )}
            <p className="muted">{t('challenge.teamSize', { min: c.teamSizeMin ?? 1, max: c.teamSizeMax ?? 10 })}</p>
          </section>
        </article>
        <aside className="side" aria-label={t('challenge.summaryAndActions')}>
          <div className="card">
            <dl className="facts">
              <div><dt>{t('challenge.sponsor')}</dt><dd>{c.sponsorDepartmentName}</dd></div>
              <div><dt>{t('challenge.budget')}</dt><dd>{fmtBudget(c.budgetCents)}</dd></div>
              <div><dt>{t('challenge.duration')}</dt><dd>{t('challenge.months', { n: c.durationMonths })}</dd></div>
              {c.status === 'published' || c.status === 'unclaimed'
                ? <div className="wide"><dt>{t('challenge.deadline')}</dt><dd>{fmtDate(c.deadline, true)}</dd></div>
                : c.closedAt && <div className="wide"><dt>{t('notice.closedAt')}</dt><dd>{fmtDate(c.closedAt, true)}</dd></div>}
              <div><dt>{t('challenge.countdown')}</dt><dd className={c.status === 'published' && cd.urgent ? 'urgent' : undefined}>{c.status === 'published' ? cd.text : t('countdown.closed')}</dd></div>
              <div><dt>{t('challenge.applicants')}</dt><dd>{t('challenge.people', { n: c.applicantCount ?? 0 })}</dd></div>
              {c.contact && <div className="wide"><dt>{t('challenge.contact')}</dt><dd>{c.contact}</dd></div>}
              {!user && <div className="wide"><dt>{t('challenge.contact')}</dt><dd>{t('challenge.contactAfterSignIn')}</dd></div>}
            </dl>
          </div>
          <div className="card">
            <h2 className="sr-only">{t('challenge.actions')}</h2>
            <NoticeBox c={c} />
            <Winners c={c} />
            {user ? <MyApplicationActions c={c} /> : applyOpenToVisitor && (
              <Link className="btn primary" to={`/login?next=${encodeURIComponent(`/challenges/${c.id}`)}`}>{t('challenge.signInToApply')}</Link>
            )}
            {!user && !applyOpenToVisitor && <p className="muted">{t('challenge.notOpen')}</p>}
            {user && !c.allowedActions.includes('apply') && !c.myApplication && (
              <p className="muted">{c.status === 'published' ? t('challenge.cannotApply') : t('challenge.notOpen')}</p>
            )}
            {organizerActions.length > 0 && hasRole(user, 'organizer', 'admin') && (
              <p><Link to={`/console/challenges/${c.id}`}>{t('challenge.manageInConsole')}</Link></p>
            )}
            {c.allowedActions.includes('edit') && (
              <p><Link to={`/sponsor/challenges/${c.id}/edit`}>{t('challenge.editChallenge')}</Link></p>
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}
