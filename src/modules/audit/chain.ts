import { createHash } from 'node:crypto';

// Each audit event is chained to the one before it: hash = sha256(prev_hash + the event's
// fields). Editing or deleting any row breaks every link after it, which `audit verify` finds.
export const GENESIS = '0'.repeat(64);

export interface ChainFields {
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export function linkHash(prevHash: string, e: ChainFields): string {
  const body = JSON.stringify([e.at, e.actor_id, e.action, e.entity, e.entity_id, e.before, e.after, e.reason]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
