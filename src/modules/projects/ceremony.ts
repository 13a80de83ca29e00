// The ceremony (揭榜大会) of a campaign, as a record: date, place, video link, mode (on site, by
// video, both), the oath, attendance, photos, and the flags awarded (授旗) — beside the pledges
// of the campaign's projects as they were signed. The organizer keeps it; staff read it.
import { Type, type Static } from 'typebox';
import { runCommand } from '../../core/command.ts';
import { hasRole, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound, type FieldProblem } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { OneOf } from '../../lib/schema.ts';
import { isOrganizer, mayReadProjects } from './policy.ts';

export const CEREMONY_MODES = ['onsite', 'video', 'both'] as const;

const Photo = Type.Object({
  url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 1000 }),
  caption: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const CeremonyIn = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  heldAt: Type.String({ format: 'date-time' }),
  mode: OneOf(CEREMONY_MODES, { description: 'on site, by video, or both at once' }),
  place: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'required on site' })),
  videoUrl: Type.Optional(Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 1000 }), Type.Null()], { description: 'required by video' })),
  oath: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  attendanceOnsite: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()])),
  attendanceOnline: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()])),
  photos: Type.Optional(Type.Array(Photo, { maxItems: 30 })),
  flags: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200, uniqueItems: true, description: 'projects awarded a flag (授旗)' })),
  notes: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
}, { additionalProperties: false });
export type CeremonyIn = Static<typeof CeremonyIn>;

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
export const CeremonyOut = Type.Object({
  campaignId: Str, campaignName: Str,
  record: Type.Union([Type.Object({
    id: Str, title: Str, heldAt: Str, mode: OneOf(CEREMONY_MODES), place: NStr, videoUrl: NStr, oath: NStr,
    attendanceOnsite: Type.Union([Type.Integer(), Type.Null()]), attendanceOnline: Type.Union([Type.Integer(), Type.Null()]),
    photos: Type.Array(Type.Object({ url: Str, caption: Type.Optional(Str) })), notes: NStr, updatedAt: Str,
  }), Type.Null()], { description: 'null until the organizer records the ceremony' }),
  pledges: Type.Array(Type.Object({
    projectId: Str, title: Str, leadName: Str, status: Str, signedAt: NStr, hash: NStr, flag: Type.Boolean(),
  }), { description: "the campaign's projects with their first pledge as signed" }),
  mayEdit: Type.Boolean(),
});

async function campaignProjects(db: Ctx['db'], campaignId: string) {
  return db.selectFrom('projects as p').innerJoin('users as u', 'u.id', 'p.lead_id')
    .leftJoin('pledges as g', (j) => j.onRef('g.project_id', '=', 'p.id').on('g.version', '=', 1))
    .select(['p.id', 'p.title', 'p.status', 'u.name as leadName', 'g.signed_at as signedAt', 'g.hash'])
    .where('p.campaign_id', '=', campaignId).orderBy('g.signed_at').orderBy('p.title').execute();
}

export async function getCeremony(ctx: Ctx, campaignId: string) {
  if (!mayReadProjects(ctx.actor)) throw ctx.actor ? forbidden('External experts do not read projects.') : notFound('campaign', campaignId);
  const campaign = await ctx.db.selectFrom('campaigns').select(['id', 'name']).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw notFound('campaign', campaignId);
  const row = await ctx.db.selectFrom('ceremonies').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
  const flags = new Set(fromJson<string[]>(row?.flags, []));
  return {
    campaignId, campaignName: campaign.name,
    record: row ? {
      id: row.id, title: row.title, heldAt: row.held_at, mode: row.mode, place: row.place, videoUrl: row.video_url, oath: row.oath,
      attendanceOnsite: row.attendance_onsite, attendanceOnline: row.attendance_online, photos: fromJson(row.photos, []), notes: row.notes, updatedAt: row.updated_at,
    } : null,
    pledges: (await campaignProjects(ctx.db, campaignId)).map((p) => ({
      projectId: p.id, title: p.title, leadName: p.leadName, status: p.status, signedAt: p.signedAt ?? null, hash: p.hash ?? null, flag: flags.has(p.id),
    })),
    mayEdit: isOrganizer(ctx.actor),
  };
}

/** Record or correct the ceremony (organizer); each field problem named, nothing written when one is wrong. */
export async function putCeremony(ctx: Ctx, campaignId: string, input: CeremonyIn) {
  if (!hasRole(ctx.actor, 'organizer', 'admin')) throw forbidden('Recording the ceremony needs the organizer role.', { requiredRoles: ['organizer'] });
  await runCommand(ctx, async (cmd) => {
    const campaign = await cmd.db.selectFrom('campaigns').select('id').where('id', '=', campaignId).executeTakeFirst();
    if (!campaign) throw notFound('campaign', campaignId);
    const problems: FieldProblem[] = [];
    if (input.mode !== 'video' && !input.place?.trim()) problems.push({ path: 'body.place', message: 'is required for a ceremony on site', code: 'place_required' });
    if (input.mode !== 'onsite' && !input.videoUrl) problems.push({ path: 'body.videoUrl', message: 'is required for a ceremony by video', code: 'video_url_required' });
    const projects = new Set((await campaignProjects(cmd.db, campaignId)).map((p) => p.id));
    (input.flags ?? []).forEach((id, i) => {
      if (!projects.has(id)) problems.push({ path: `body.flags.${i}`, message: "is not a project of this campaign", code: 'unknown_reference' });
    });
    if (problems.length) throw invalid(problems);
    const at = cmd.now().toISOString();
    const row = {
      title: input.title.trim(), held_at: new Date(input.heldAt).toISOString(), mode: input.mode, place: input.place?.trim() || null,
      video_url: input.videoUrl ?? null, oath: input.oath?.trim() || null, attendance_onsite: input.attendanceOnsite ?? null,
      attendance_online: input.attendanceOnline ?? null, photos: toJson(input.photos ?? []), flags: toJson(input.flags ?? []),
      notes: input.notes?.trim() || null, updated_at: at,
    };
    const existing = await cmd.db.selectFrom('ceremonies').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
    if (existing) await cmd.db.updateTable('ceremonies').set(row).where('id', '=', existing.id).execute();
    else await cmd.db.insertInto('ceremonies').values({ id: newId(), campaign_id: campaignId, created_by: cmd.actor!.id, created_at: at, ...row }).execute();
    await cmd.audit({
      action: existing ? 'ceremony.updated' : 'ceremony.recorded', entity: 'campaign', entityId: campaignId,
      before: existing ? { heldAt: existing.held_at, flags: fromJson<string[]>(existing.flags, []).length } : {}, after: { heldAt: row.held_at, mode: row.mode, flags: (input.flags ?? []).length },
    });
  });
  return getCeremony(ctx, campaignId);
}
