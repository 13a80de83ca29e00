import { hasRole, type Actor } from '../../lib/context.ts';

/** The supervisor (纪检) reads everything; the admin too. Nobody edits the audit log. */
export const mayReadAudit = (actor: Actor | null) => hasRole(actor, 'supervisor', 'admin');
