import { Type } from 'typebox';
import { PageQuery, pageOf } from '../../lib/pagination.ts';
import { OneOf } from '../../lib/schema.ts';

export const NotificationQuery = Type.Object({
  ...PageQuery,
  unread: Type.Optional(OneOf(['0', '1', 'true', 'false'] as const, { description: '1: unread only' })),
}, { additionalProperties: false });

export const NotificationOut = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'e.g. team.invited, application.selected — words for it come from the client or `text`' }),
  entity: Type.String(),
  entityId: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
  text: Type.String({ description: 'the notification in the reader’s language (Accept-Language: zh-CN, zh-TW, en)' }),
  link: Type.String({ description: 'the web app’s page of its subject' }),
  readAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const NotificationPage = Type.Intersect([pageOf(NotificationOut), Type.Object({ unread: Type.Integer() })]);
export const UnreadCount = Type.Object({ unread: Type.Integer() });
export const ReadAllOut = Type.Object({ marked: Type.Integer(), unread: Type.Integer() });
