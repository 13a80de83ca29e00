// The bell in the header: the unread count (polled, and refreshed when the window regains
// focus or a page changes), a short list of the newest notifications, mark one or all read,
// and a link to each subject. Light markup: the board's bundle stays small.
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from './api';
import { fmtDate } from './format';
import type { Notification, NotificationPage } from './types';

/** The words of a notification in the reader's language, from its kind and parameters. */
export function useNotificationText() {
  const { t } = useTranslation();
  return (n: Notification) => t(`notifications.kind.${n.kind.replace('.', '_')}`, {
    ...n.params, actorName: n.params.actorName ?? t('notifications.someone'), reason: n.params.reason ?? '', defaultValue: n.text,
  });
}

/** Open one (marking it read) and mark all read: the bell and the notifications page alike. */
export function useNotificationActions(afterOpen: () => void = () => {}) {
  const qc = useQueryClient();
  const nav = useNavigate();
  return {
    async open(n: Notification) {
      if (!n.readAt) await post(`/notifications/${n.id}/read`).catch(() => undefined);
      await qc.invalidateQueries({ queryKey: ['notifications'] });
      afterOpen();
      nav(n.link);
    },
    async readAll() {
      await post('/notifications/read-all');
      await qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  };
}

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'], enabled, refetchInterval: 30_000, refetchOnWindowFocus: true,
    queryFn: () => get<{ unread: number }>('/notifications/unread-count'),
  });
}

export function NotificationBell() {
  const { t } = useTranslation();
  const text = useNotificationText();
  const qc = useQueryClient();
  const loc = useLocation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const count = useUnreadCount(true);
  const list = useQuery({ queryKey: ['notifications', 'latest'], enabled: open, queryFn: () => get<NotificationPage>('/notifications?pageSize=8') });
  const unread = count.data?.unread ?? 0;

  // A new page may be the result of something that notifies; and the panel closes on navigation.
  useEffect(() => { setOpen(false); void qc.invalidateQueries({ queryKey: ['notifications'] }); }, [loc.pathname, qc]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => { document.removeEventListener('mousedown', close); document.removeEventListener('keydown', close); };
  }, [open]);

  const { open: openOne, readAll } = useNotificationActions(() => setOpen(false));

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <div className="bell-wrap" ref={wrap}>
      <button type="button" className="bell" aria-expanded={open} aria-controls={panelId} aria-label={label} title={label} onClick={() => setOpen((o) => !o)}>
        <svg aria-hidden="true" className="bell-icon" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && <span className="bell-count" aria-hidden="true" data-testid="bell-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div id={panelId} className="bell-panel" role="region" aria-label={t('notifications.title')}>
          <div className="bell-head">
            <strong>{t('notifications.title')}</strong>
            {unread > 0 && <button type="button" className="link-button" onClick={readAll}>{t('notifications.readAll')}</button>}
          </div>
          {list.isLoading && <p className="loading" role="status">{t('common.loading')}</p>}
          {list.data && list.data.items.length === 0 && <p className="empty">{t('notifications.none')}</p>}
          <ul className="bell-list">
            {list.data?.items.map((n) => (
              <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                <a href={n.link} onClick={(e) => { e.preventDefault(); void openOne(n); }}>
                  {!n.readAt && <span className="sr-only">{t('notifications.unread')}</span>}
                  <span className="bell-text">{text(n)}</span>
                  <span className="muted bell-time">{fmtDate(n.createdAt, true)}</span>
                </a>
              </li>
            ))}
          </ul>
          <Link to="/notifications" className="bell-all">{t('notifications.all')}</Link>
        </div>
      )}
    </div>
  );
}
