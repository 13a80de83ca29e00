import { ctxOf, type App } from '../../server/http.ts';
import { IdParams } from '../../lib/schema.ts';
import { langOf } from './messages.ts';
import { NotificationOut, NotificationPage, NotificationQuery, ReadAllOut, UnreadCount } from './schemas.ts';
import * as notifications from './service.ts';

const tags = ['notifications'];

export async function notificationRoutes(app: App) {
  app.get('/notifications', {
    schema: { tags, operationId: 'listNotifications', summary: 'My notifications, newest first, with the unread count', querystring: NotificationQuery, response: { 200: NotificationPage } },
  }, async (req) => {
    return notifications.listNotifications(ctxOf(req), req.query, langOf(req.headers['accept-language']));
  });

  app.get('/notifications/unread-count', {
    schema: { tags, operationId: 'countUnreadNotifications', summary: 'How many of my notifications are unread (the bell)', response: { 200: UnreadCount } },
  }, async (req) => {
    return notifications.countUnread(ctxOf(req));
  });

  app.post('/notifications/:id/read', {
    schema: { tags, operationId: 'readNotification', summary: 'Mark one of my notifications read', params: IdParams, response: { 200: NotificationOut } },
  }, async (req) => {
    return notifications.readOne(ctxOf(req), req.params.id, langOf(req.headers['accept-language']));
  });

  app.post('/notifications/read-all', {
    schema: { tags, operationId: 'readAllNotifications', summary: 'Mark all my notifications read', response: { 200: ReadAllOut } },
  }, async (req) => {
    return notifications.readAll(ctxOf(req));
  });
}
