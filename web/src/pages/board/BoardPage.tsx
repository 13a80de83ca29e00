// 榜单: the challenges of the campaigns, as cards or a list. Search, filters, sorting, view and
// page live in the URL, so a view can be shared. Own markup only (the board must load light).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, qs, type Page } from '../../app/api';
import { countdown, fmtBudget, fmtDate } from '../../app/format';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import { useAuth } from '../../app/auth';
import { useLifecycles } from '../../app/lifecycles';
import type { Campaign, Challenge } from '../../app/types';
import { ErrorNotice, Highlighted, StatusBadge } from '../shared';

const SORTS = ['newest', 'deadline', 'budget', 'applicants'];
const PAGE_SIZE = 12;

function ChallengeCard({ c }: { c: Challenge }) {
  const { t } = useTranslation();
  const cd = countdown(c.deadline);
  const open = c.status === 'published';
  const titleId = `ch-${c.id}`;
  return (
    <li className="challenge-card" aria-labelledby={titleId}>
      <div className="tags">
        <StatusBadge status={c.status} />
        <span className="tag">{c.category}</span>
        {c.raceMode && <span className="tag">{t('board.raceMode', { n: c.raceWinners })}</span>}
        {c.myApplication && <span className="tag">{t('board.mine', { status: t(`appStatus.${c.myApplication.status}`) })}</span>}
      </div>
      <h2 id={titleId}><Link to={`/challenges/${c.id}`}><Highlighted html={c.highlights?.title} fallback={c.title} /></Link></h2>
      {c.highlights?.summary
        ? <p className="summary"><Highlighted html={c.highlights.summary} fallback="" /></p>
        : <p className="summary">{c.goals}</p>}
      <dl className="facts">
        <div><dt>{t('challenge.sponsor')}</dt><dd>{c.sponsorDepartmentName}</dd></div>
        <div><dt>{t('challenge.budget')}</dt><dd>{fmtBudget(c.budgetCents)}</dd></div>
        <div><dt>{t('challenge.duration')}</dt><dd>{t('challenge.months', { n: c.durationMonths })}</dd></div>
        <div><dt>{t('challenge.deadline')}</dt><dd>{fmtDate(c.deadline)}</dd></div>
        <div>
          <dt>{t('challenge.countdown')}</dt>
          <dd className={open && cd.urgent ? 'urgent' : undefined}>{open ? cd.text : t('countdown.closed')}</dd>
        </div>
        <div><dt>{t('challenge.applicants')}</dt><dd>{t('challenge.people', { n: c.applicantCount ?? 0 })}</dd></div>
      </dl>
    </li>
  );
}

export default function BoardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('board.title'));
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const category = params.get('category') ?? '';
  const campaignId = params.get('campaignId') ?? '';
  const sort = params.get('sort') ?? '';
  const view = params.get('view') === 'list' ? 'list' : 'cards';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  // From the URL as it is now, not this render's params: two quick changes (sort, then category)
  // must both land. react-router 7 hands a functional setSearchParams the params of the render it
  // was created in, so the second of two changes made before a re-render lost the first; the
  // browser's location is updated synchronously by each navigation.
  const update = (patch: Record<string, string>, resetPage = true) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    if (resetPage && !('page' in patch)) next.delete('page');
    setParams(next);
  };

  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => get<Page<Campaign>>('/campaigns?pageSize=100') });
  // The categories are each campaign's managed list: the chosen campaign's, or all of them.
  const categories = [...new Set([
    ...(campaigns.data?.items ?? []).filter((c) => !campaignId || c.id === campaignId).flatMap((c) => c.settings.categories),
    ...(category ? [category] : []),
  ])];
  // The board's states come from the server (an organizer would otherwise see drafts here too).
  const STATUSES = useLifecycles()?.challenge.boardStates;
  const list = useQuery({
    queryKey: ['challenges', { q, status, category, campaignId, sort, page }],
    enabled: !!STATUSES,
    queryFn: () => get<Page<Challenge>>(`/challenges${qs({
      q, status: status || STATUSES!.join(','), category, campaignId, sort: sort || undefined, page, pageSize: PAGE_SIZE,
      order: sort === 'deadline' ? 'asc' : undefined,
    })}`),
    placeholderData: keepPreviousData,
  });

  const anonymous = !useAuth().user;
  const submit = (e: FormEvent) => { e.preventDefault(); update({ q: text.trim() }); };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <div className="page">
      <div className="board-head">
        <h1>{t('board.title')}</h1>
        <div className="view-switch" role="group" aria-label={t('board.view')}>
          <button type="button" aria-pressed={view === 'cards'} onClick={() => update({ view: '' }, false)}>{t('board.cards')}</button>
          <button type="button" aria-pressed={view === 'list'} onClick={() => update({ view: 'list' }, false)}>{t('board.list')}</button>
        </div>
      </div>
      {anonymous && <p className="muted">{t('challenge.publicNote')}</p>}
      <form className="filters" role="search" onSubmit={submit} aria-label={t('board.searchAndFilter')}>
        <div className="field search">
          <label htmlFor="board-q">{t('board.search')}</label>
          <input id="board-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('board.searchHint')} maxLength={100} />
        </div>
        <button type="submit" className="btn primary">{t('board.searchButton')}</button>
        <div className="field">
          <label htmlFor="board-status">{t('board.status')}</label>
          <select id="board-status" value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('board.allStatuses')}</option>
            {(STATUSES ?? []).map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="board-category">{t('board.category')}</label>
          <select id="board-category" value={category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">{t('board.allCategories')}</option>
            {categories.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="board-campaign">{t('board.campaign')}</label>
          <select id="board-campaign" value={campaignId} onChange={(e) => update({ campaignId: e.target.value })}>
            <option value="">{t('board.allCampaigns')}</option>
            {campaigns.data?.items.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="board-sort">{t('board.sort')}</label>
          <select id="board-sort" value={sort} onChange={(e) => update({ sort: e.target.value })}>
            <option value="">{q ? t('board.sortRelevance') : t('board.sortDefault')}</option>
            {SORTS.map((s) => <option key={s} value={s}>{t(`board.sorts.${s}`)}</option>)}
          </select>
        </div>
      </form>

      {list.error && <ErrorNotice message={problemMessage(list.error)} />}
      {/* While the first page loads, placeholders of the cards' size hold the space (no layout shift). */}
      {list.isLoading && (
        <>
          <p className="result-count loading" role="status">{t('common.loading')}</p>
          <ul className={`cards ${view}`} aria-hidden="true">
            {Array.from({ length: 6 }, (_, i) => <li key={i} className="card-skeleton" />)}
          </ul>
        </>
      )}
      {list.data && (
        <>
          <p className="result-count" role="status" aria-live="polite">
            {q
              ? t(list.data.totalExact === false ? 'board.foundForMore' : 'board.foundFor', { n: list.data.total.toLocaleString(i18n.language), q })
              : t('board.found', { n: list.data.total.toLocaleString(i18n.language) })}
          </p>
          {list.data.items.length === 0
            ? <p className="empty">{t('board.empty')}</p>
            : (
              <ul className={`cards ${view}`} aria-label={t('board.results')}>
                {list.data.items.map((c) => <ChallengeCard key={c.id} c={c} />)}
              </ul>
            )}
          {pages > 1 && (
            <nav className="pager" aria-label={t('board.pages')}>
              <button type="button" className="btn" disabled={page <= 1} onClick={() => update({ page: String(page - 1) }, false)}>{t('board.prev')}</button>
              <span aria-current="page">{t('board.pageOf', { page, pages })}</span>
              <button type="button" className="btn" disabled={page >= pages} onClick={() => update({ page: String(page + 1) }, false)}>{t('board.next')}</button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
