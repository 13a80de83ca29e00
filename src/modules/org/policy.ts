import { hasRole, type Actor } from '../../lib/context.ts';

// Who may do what with departments and users. The same functions guard the service and fill
// `allowedActions` for the UI.
export const mayManageOrg = (actor: Actor | null) => hasRole(actor, 'admin');

/** Political status, birth year and skills are personnel data: not for every colleague. */
export const maySeePersonnelData = (actor: Actor | null, userId: string) =>
  actor?.id === userId || hasRole(actor, 'admin', 'organizer', 'supervisor', 'leader', 'party_branch');

export const userActions = (actor: Actor | null, user: { id: string; disabled: boolean }): string[] =>
  mayManageOrg(actor) ? ['edit', user.disabled ? 'enable' : 'disable'] : [];

export const departmentActions = (actor: Actor | null): string[] => (mayManageOrg(actor) ? ['edit'] : []);
