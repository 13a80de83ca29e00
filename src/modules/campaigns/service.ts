import { inTransaction, type Db } from '../../db/connect.ts';
import { bumpVersion } from '../../core/command.ts';
import { iso, signedIn, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound, unauthorized } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { pageWindow } from '../../lib/pagination.ts';
import type { CampaignTable } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { campaignActions, mayManageCampaigns, mayReadBoard, type BoardAccess } from './policy.ts';
import type { CampaignCreate, CampaignPatch, CampaignQuery } from './schemas.ts';
import { withDefaults, type CampaignSettings } from './settings.ts';

export type CampaignPhase = 'upcoming' | 'open' | 'closed';

export const campaignPhase = (c: Pick<CampaignTable, 'apply_from' | 'apply_until'>, now: Date): CampaignPhase => {
  const t = now.toISOString();
  return t < c.apply_from ? 'upcoming' : t < c.apply_until ? 'open' : 'closed';
};

function present(ctx: Ctx, c: CampaignTable) {
  return {
    id: c.id, name: c.name, theme: c.theme, description: c.description,
    applyFrom: c.apply_from, applyUntil: c.apply_until, phase: campaignPhase(c, ctx.now()),
    settings: withDefaults(fromJson<Partial<CampaignSettings>>(c.settings, {})),
    createdAt: c.created_at, allowedActions: campaignActions(ctx.actor),
  };
}


function checkWindow(applyFrom: string, applyUntil: string) {
  if (iso(applyUntil) <= iso(applyFrom)) throw invalid([{ path: 'body.applyUntil', message: 'must be after applyFrom', code: 'window_order' }]);
}

export async function loadCampaign(db: Db, id: string): Promise<CampaignTable> {
  const c = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('campaign', id);
  return c;
}

export const campaignSettings = (c: CampaignTable): CampaignSettings => withDefaults(fromJson(c.settings, {}));

/** The list feeds the board's campaign filter, so it is as public as the board (names and windows only are personal to nobody). */
export async function listCampaigns(ctx: Ctx, q: CampaignQuery, access: BoardAccess = { publicBoard: false }) {
  if (!mayReadBoard(ctx.actor, access.publicBoard)) throw unauthorized();
  const { page, pageSize, offset } = pageWindow(q);
  const [rows, count] = await Promise.all([
    ctx.db.selectFrom('campaigns').selectAll().orderBy('apply_from', 'desc').limit(pageSize).offset(offset).execute(),
    ctx.db.selectFrom('campaigns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((c) => present(ctx, c)), total: Number(count.n), page, pageSize };
}

export async function getCampaign(ctx: Ctx, id: string) {
  signedIn(ctx);
  return present(ctx, await loadCampaign(ctx.db, id));
}

export async function createCampaign(ctx: Ctx, input: CampaignCreate) {
  signedIn(ctx);
  if (!mayManageCampaigns(ctx.actor)) throw forbidden('Creating a campaign needs the organizer role.', { requiredRoles: ['organizer'] });
  checkWindow(input.applyFrom, input.applyUntil);
  return inTransaction(ctx.db, async (tx) => {
    const at = ctx.now().toISOString();
    const row: CampaignTable = {
      id: newId(), name: input.name, theme: input.theme ?? null, description: input.description ?? null,
      apply_from: iso(input.applyFrom), apply_until: iso(input.applyUntil), settings: toJson(withDefaults(input.settings)),
      created_by: ctx.actor!.id, created_at: at, updated_at: at,
    };
    await tx.insertInto('campaigns').values(row).execute();
    await recordAudit(tx, ctx, { action: 'campaign.create', entity: 'campaign', entityId: row.id, after: row });
    return present(ctx, row);
  });
}

/**
 * A category still used by one of the campaign's challenges stays in the list (otherwise those
 * challenges would fall out of the board's filter). The challenges' table is read directly: the
 * challenges area depends on this one, not the other way round.
 */
async function checkCategoriesKept(db: Db, campaignId: string, categories: string[]) {
  const used = await db.selectFrom('challenges').select('category').distinct()
    .where('campaign_id', '=', campaignId).where('category', 'not in', categories).orderBy('category').execute();
  if (used.length) {
    throw invalid(used.map((u) => ({
      path: 'body.settings.categories', message: `keeps ${u.category}: challenges of this campaign use it`, code: 'category_in_use', params: { category: u.category },
    })));
  }
}

export async function updateCampaign(ctx: Ctx, id: string, patch: CampaignPatch) {
  signedIn(ctx);
  if (!mayManageCampaigns(ctx.actor)) throw forbidden('Changing a campaign needs the organizer role.', { requiredRoles: ['organizer'] });
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadCampaign(tx, id);
    const after: CampaignTable = {
      ...before,
      name: patch.name ?? before.name,
      theme: patch.theme !== undefined ? patch.theme : before.theme,
      description: patch.description !== undefined ? patch.description : before.description,
      apply_from: patch.applyFrom ? iso(patch.applyFrom) : before.apply_from,
      apply_until: patch.applyUntil ? iso(patch.applyUntil) : before.apply_until,
      settings: patch.settings ? toJson(withDefaults({ ...campaignSettings(before), ...patch.settings })) : before.settings,
      updated_at: ctx.now().toISOString(),
    };
    checkWindow(after.apply_from, after.apply_until);
    if (patch.settings?.categories) await checkCategoriesKept(tx, id, patch.settings.categories);
    await tx.updateTable('campaigns').set(after).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'campaign.update', entity: 'campaign', entityId: id, before, after });
    // Its challenges show its name, window and settings: what the board keeps of them is retired.
    await bumpVersion(tx, 'challenges');
    return present(ctx, after);
  });
}

/** What the audit log calls a campaign: its name. */
export async function campaignTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
