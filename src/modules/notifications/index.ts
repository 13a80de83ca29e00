// Notifications: loading this module subscribes its producers to the other areas' events and
// registers its delivery job.
import './jobs.ts';
import './producers.ts';

export { notificationRoutes } from './routes.ts';
