// 通知: all my notifications, newest first, unread ones marked; open one to go to its subject.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, qs } from '../../app/api';
import { fmtDate } from '../../app/format';
import { useNotificationActions, useNotificationText } from '../../app/notifications';
import { problemMessage } from '../../app/problems';
import { useDocumentTitle } from '../../app/title';
import type { Notification, NotificationPage } from '../../app/types';
import { ErrorNotice } from '../shared';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const { t } = useTranslation();
  const text = useNotificationText();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  useDocumentTitle(t('notifications.title'));
  const q = useQuery({
    queryKey: ['notifications', 'page', unreadOnly, page],
    queryFn: () => get<NotificationPage>(`/notifications${qs({ unread: unreadOnly ? '1' : undefined, page, pageSize: PAGE_SIZE })}`),
  });

  const { open, readAll } = useNotificationActions();

  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / PAGE_SIZE)) : 1;
  return (
    <div className="page">
      <h1>{t('notifications.title')}</h1>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => { setUnreadOnly(e.target.checked); setPage(1); }} /> {t('notifications.unreadOnly')}
        </label>
        {!!q.data?.unread && <button type="button" className="btn" onClick={readAll}>{t('notifications.readAll')}</button>}
        {q.data && <span className="muted">{t('notifications.counts', { total: q.data.total, unread: q.data.unread })}</span>}
      </div>
      {q.error && <ErrorNotice message={problemMessage(q.error)} />}
      {q.isLoading && <p className="loading" role="status">{t('common.loading')}</p>}
      {q.data && q.data.items.length === 0 && <p className="empty">{t('notifications.none')}</p>}
      <ul className="notification-list">
        {q.data?.items.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
            <a href={n.link} onClick={(e) => { e.preventDefault(); void open(n); }}>
              {!n.readAt && <span className="dot" aria-hidden="true">●</span>}
              {!n.readAt && <span className="sr-only">{t('notifications.unread')}</span>}
              <span>{text(n)}</span>
            </a>
            <span className="muted">{fmtDate(n.createdAt, true)}</span>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label={t('notifications.pages')}>
          <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('notifications.prev')}</button>
          <span>{page} / {pages}</span>
          <button type="button" className="btn" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('notifications.next')}</button>
        </nav>
      )}
    </div>
  );
}
