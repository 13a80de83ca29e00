import { hasRole, type Actor } from '../../lib/context.ts';

export const mayManageCampaigns = (actor: Actor | null) => hasRole(actor, 'organizer', 'admin');

export const campaignActions = (actor: Actor | null): string[] => (mayManageCampaigns(actor) ? ['edit'] : []);

/**
 * Who may read the board, its campaigns and challenges: everyone signed in, and anyone at all when
 * the deployment opened the board (JIEBANG_PUBLIC_BOARD=1). The one rule behind every public read.
 */
export const mayReadBoard = (actor: Actor | null, publicBoard: boolean) => actor !== null || publicBoard;

/** How the deployment opened its board: the app's config (config.publicBoard) is one. */
export interface BoardAccess {
  publicBoard: boolean;
}
