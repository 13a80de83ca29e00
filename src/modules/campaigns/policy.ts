import { hasRole, type Actor } from '../../lib/context.ts';

export const mayManageCampaigns = (actor: Actor | null) => hasRole(actor, 'organizer', 'admin');

export const campaignActions = (actor: Actor | null): string[] => (mayManageCampaigns(actor) ? ['edit'] : []);
