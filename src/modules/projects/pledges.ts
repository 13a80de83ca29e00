// Commands on the pledge: edit the draft, sign it (re-entering one's password), amend a signed
// one (a new version with a reason, approved by the organizer, signed again). When the last
// signatory signs, the content is frozen: its SHA-256 goes into the audit chain, the milestones
// take the pledge's terms, and a first pledge starts the project.
import { runCommand, type Command } from '../../core/command.ts';
import type { PledgeTable } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { fromJson, toJson } from '../../lib/json.ts';
import { verifyPassword } from '../../lib/password.ts';
import { projectMachine } from './lifecycle.ts';
import { projectPolicy, rolesToSign } from './policy.ts';
import { keyMilestones, pledgeHash, pledgeProblems, type MilestoneDef, type PledgeContent, type PledgePatch } from './pledge.ts';
import * as repo from './repo.ts';
import { getProject, lockProject, newVerifyCode } from './service.ts';
import { scheduleReportReminders } from './reports.ts';

const contentOf = (p: PledgeTable) => fromJson<PledgeContent>(p.content, null as never);

async function loadLocked(cmd: Command, projectId: string) {
  const { p, facts } = await lockProject(cmd, projectId);
  const pledges = await repo.pledgesOf(cmd.db, projectId);
  return { p, pledges, facts, draft: pledges.find((x) => x.status === 'draft') ?? null };
}

/** The milestones already accepted: an amendment keeps them as they are. */
async function acceptedMilestones(cmd: Command, projectId: string): Promise<Map<string, MilestoneDef>> {
  const rows = await repo.milestonesOf(cmd.db, [projectId]);
  return new Map(rows.filter((m) => m.status === 'accepted').map((m) => [m.key, {
    key: m.key, title: m.title, dueAt: m.due_at, deliverable: m.deliverable, weight: m.weight, trancheCents: m.tranche_cents,
  }]));
}

/** Signatories must be who they stand for: a sponsor for the sponsor's side, a party branch member for the party's. */
async function signatoryProblems(cmd: Command, s: PledgeContent['signatories']) {
  const ids = [s.sponsor, s.party].filter((x): x is string => !!x);
  const people = new Map((await repo.userRoles(cmd.db, ids)).map((u) => [u.id, u]));
  const out = [];
  for (const [role, needs] of [['sponsor', 'sponsor'], ['party', 'party_branch']] as const) {
    const id = s[role];
    if (!id) continue;
    const u = people.get(id);
    if (!u || u.disabled) out.push({ path: `body.signatories.${role}`, message: 'is not a known, enabled person', code: 'unknown_reference' });
    else if (!fromJson<string[]>(u.roles, []).includes(needs)) out.push({ path: `body.signatories.${role}`, message: `must hold the ${needs} role`, code: 'signatory_role', params: { role: needs } });
  }
  return out;
}

/** Change the open draft. Any signature already given is withdrawn: they signed other words. */
export async function editPledge(ctx: Ctx, projectId: string, patch: PledgePatch) {
  await runCommand(ctx, async (cmd) => {
    const { p, facts, draft } = await loadLocked(cmd, projectId);
    projectPolicy.authorize('editPledge', facts);
    const before = contentOf(draft!);
    const next: PledgeContent = {
      ...before, ...patch,
      milestones: patch.milestones ? keyMilestones(patch.milestones) : before.milestones,
      signatories: patch.signatories ? { ...patch.signatories, lead: before.signatories.lead } : before.signatories,
    };
    const problems = [...pledgeProblems(next, await acceptedMilestones(cmd, p.id)), ...await signatoryProblems(cmd, next.signatories)];
    if (problems.length) throw invalid(problems);
    const at = cmd.now().toISOString();
    // New words need a new approval (an amendment's) and new signatures.
    const approvedAt = draft!.version > 1 ? null : draft!.approved_at;
    await cmd.db.updateTable('pledges').set({ content: toJson(next), updated_at: at, approved_at: approvedAt, approved_by: approvedAt ? draft!.approved_by : null }).where('id', '=', draft!.id).execute();
    const withdrawn = await cmd.db.deleteFrom('pledge_signatures').where('pledge_id', '=', draft!.id).executeTakeFirst();
    await cmd.audit({
      action: 'pledge.edited', entity: 'project', entityId: p.id,
      before: { version: draft!.version }, after: { version: draft!.version, fields: Object.keys(patch), signaturesWithdrawn: Number(withdrawn.numDeletedRows) },
    });
    const newly = (['sponsor', 'party'] as const).map((r) => next.signatories[r]).filter((id, i) => id && id !== before.signatories[(['sponsor', 'party'] as const)[i]!]) as string[];
    if (newly.length && draft!.approved_at) await cmd.emit('pledge.toSign', { projectId: p.id, title: p.title, userIds: newly, version: draft!.version });
  });
  return getProject(ctx, projectId);
}

/**
 * Sign the draft for every side the actor stands for, after checking their password. The last
 * signature freezes the pledge: hash, audit, milestones, and the project starts (first version).
 */
export async function signPledge(ctx: Ctx, projectId: string, password: string) {
  await runCommand(ctx, async (cmd) => {
    const { p, pledges, facts, draft } = await loadLocked(cmd, projectId);
    projectPolicy.authorize('signPledge', facts);
    const me = (await repo.userRoles(cmd.db, [cmd.actor!.id]))[0];
    if (!me || !(await verifyPassword(me.password_hash, password))) {
      throw invalid([{ path: 'body.password', message: 'is not your password', code: 'password_wrong' }], 'Signing needs your own password.');
    }
    const content = contentOf(draft!);
    const hash = pledgeHash(p.id, draft!.version, content);
    const at = cmd.now().toISOString();
    for (const role of rolesToSign(facts)) {
      await cmd.db.insertInto('pledge_signatures').values({ pledge_id: draft!.id, role, user_id: cmd.actor!.id, content_hash: hash, signed_at: at }).execute();
      await cmd.audit({ action: 'pledge.signature', entity: 'project', entityId: p.id, after: { version: draft!.version, role, contentHash: hash } });
    }
    const signatures = await repo.signaturesOf(cmd.db, [draft!.id]);
    if (signatures.length < 3) return;
    // Everyone signed the same words (any edit withdrew the signatures before it).
    await cmd.db.updateTable('pledges').set({ status: 'signed', hash, signed_at: at, updated_at: at }).where('id', '=', draft!.id).execute();
    const previous = pledges.find((x) => x.status === 'signed');
    if (previous) await cmd.db.updateTable('pledges').set({ status: 'superseded', updated_at: at }).where('id', '=', previous.id).execute();
    await syncMilestones(cmd, p.id, content);
    await cmd.audit({ action: 'pledge.signed', entity: 'project', entityId: p.id, before: previous ? { version: previous.version, hash: previous.hash } : {}, after: { version: draft!.version, hash } });
    if (p.status === 'pledging') {
      await cmd.transition(projectMachine, { table: 'projects', key: { id: p.id }, entityId: p.id, status: p.status }, 'start');
      await scheduleReportReminders(cmd, p.id, at);
    }
    await cmd.emit('pledge.signed', { projectId: p.id, title: p.title, version: draft!.version, hash, userIds: [...new Set([p.lead_id, ...p.memberIds, ...signatures.map((s) => s.user_id)])] });
  });
  return getProject(ctx, projectId);
}

/** The milestones follow the signed pledge: new ones appear, changed ones take the new terms, removed ones go (never an accepted one). */
async function syncMilestones(cmd: Command, projectId: string, content: PledgeContent) {
  const rows = await repo.milestonesOf(cmd.db, [projectId]);
  const byKey = new Map(rows.map((m) => [m.key, m]));
  const at = cmd.now().toISOString();
  let seq = 0;
  for (const m of content.milestones) {
    seq++;
    const row = byKey.get(m.key!);
    byKey.delete(m.key!);
    if (!row) {
      await cmd.db.insertInto('milestones').values({
        id: newId(), project_id: projectId, key: m.key!, seq, title: m.title, due_at: m.dueAt, deliverable: m.deliverable, weight: m.weight,
        tranche_cents: m.trancheCents, status: 'not_started', status_reason: null, submission: null, submitted_at: null,
        decided_by: null, accepted_at: null, created_at: at, updated_at: at,
      }).execute();
    } else if (row.status !== 'accepted') {
      // A new due date in the future lifts an overdue mark; the clock sets it again if it passes.
      const lifted = row.status === 'overdue' && new Date(m.dueAt) > cmd.now() ? { status: row.submitted_at ? 'returned' as const : 'in_progress' as const } : {};
      await cmd.db.updateTable('milestones').set({
        seq, title: m.title, due_at: m.dueAt, deliverable: m.deliverable, weight: m.weight, tranche_cents: m.trancheCents, updated_at: at, ...lifted,
      }).where('id', '=', row.id).execute();
    } else {
      await cmd.db.updateTable('milestones').set({ seq }).where('id', '=', row.id).execute();
    }
  }
  for (const gone of byKey.values()) {
    if (gone.status === 'accepted' || gone.status === 'submitted') continue; // pledgeProblems refused this already
    await cmd.db.deleteFrom('milestones').where('id', '=', gone.id).execute();
  }
}

/** Open an amendment: a new draft version copied from the pledge in force, with the reason for it. */
export async function amendPledge(ctx: Ctx, projectId: string, reason: string) {
  await runCommand(ctx, async (cmd) => {
    const { p, pledges, facts } = await loadLocked(cmd, projectId);
    projectPolicy.authorize('amendPledge', facts);
    if (!reason.trim()) throw invalid([{ path: 'body.reason', message: 'is required for an amendment', code: 'required' }]);
    const inForce = pledges.find((x) => x.status === 'signed')!;
    const at = cmd.now().toISOString();
    const version = pledges[0]!.version + 1;
    await repo.insertPledge(cmd.db, {
      id: newId(), project_id: p.id, version, status: 'draft', content: inForce.content, reason: reason.trim(), hash: null,
      verify_code: newVerifyCode(), created_by: cmd.actor!.id, created_at: at, updated_at: at, signed_at: null, approved_by: null, approved_at: null,
    });
    await cmd.audit({ action: 'pledge.amended', entity: 'project', entityId: p.id, reason: reason.trim(), after: { version } });
  });
  return getProject(ctx, projectId);
}

/** The organizer approves the amendment's terms; the signatories are then asked to sign again. */
export async function approveAmendment(ctx: Ctx, projectId: string) {
  await runCommand(ctx, async (cmd) => {
    const { p, facts, draft } = await loadLocked(cmd, projectId);
    projectPolicy.authorize('approveAmendment', facts);
    const at = cmd.now().toISOString();
    await cmd.db.updateTable('pledges').set({ approved_by: cmd.actor!.id, approved_at: at, updated_at: at }).where('id', '=', draft!.id).execute();
    await cmd.audit({ action: 'pledge.approved', entity: 'project', entityId: p.id, after: { version: draft!.version } });
    const s = contentOf(draft!).signatories;
    await cmd.emit('pledge.toSign', { projectId: p.id, title: p.title, userIds: [s.lead, s.sponsor, s.party].filter((x): x is string => !!x), version: draft!.version });
  });
  return getProject(ctx, projectId);
}
