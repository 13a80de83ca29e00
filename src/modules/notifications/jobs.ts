// The in-app channel: the outbox job that turns one event into one notification per recipient.
// Row ids are derived from the job and the recipient, so a retried job writes each row once.
import { createHash } from 'node:crypto';
import { defineJob } from '../../core/jobs.ts';
import { insertNotifications } from './repo.ts';

export const DELIVER = 'notifications.deliver';

export interface Delivery {
  kind: string;
  recipients: string[];
  entity: string;
  entityId: string;
  params: Record<string, string | null>;
  actorId: string | null;
  at: string;
}

const idFor = (jobId: string, recipient: string) => {
  const h = createHash('sha256').update(`${jobId}\n${recipient}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

defineJob<Delivery>({
  kind: DELIVER,
  maxAttempts: 8,
  backoffSeconds: 10,
  run: async ({ db, payload: d, job }) => {
    // A recipient removed since (e.g. `jiebang demo remove`) is skipped, not retried forever.
    const present = new Set((await db.selectFrom('users').select('id').where('id', 'in', d.recipients).execute()).map((u) => u.id));
    await insertNotifications(db, d.recipients.filter((r) => present.has(r)).map((recipient_id) => ({
      id: idFor(job.id, recipient_id), recipient_id, kind: d.kind, entity: d.entity, entity_id: d.entityId,
      params: JSON.stringify(d.params), actor_id: d.actorId, read_at: null, created_at: d.at,
    })));
  },
});
