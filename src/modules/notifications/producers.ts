// Who hears of what. Each event of the other areas becomes one outbox job in the same
// transaction; the job writes the in-app notifications (jobs.ts). Email, WeCom/DingTalk/Feishu
// or a daily digest are more delivery jobs for the same rows, without touching these producers.
// Nobody is told of their own action.
import type { Command } from '../../core/command.ts';
import { on } from '../../core/events.ts';
import { DELIVER, type Delivery } from './jobs.ts';
import type { NotificationKind } from './messages.ts';

async function notify(cmd: Command, kind: NotificationKind, recipients: string[], subject: { entity: string; entityId: string }, params: Record<string, string | null>) {
  const to = [...new Set(recipients)].filter((id) => id && id !== cmd.actor?.id);
  if (to.length === 0) return;
  const payload: Delivery = { kind, recipients: to, ...subject, params, actorId: cmd.actor?.id ?? null, at: cmd.now().toISOString() };
  await cmd.enqueue({ kind: DELIVER, payload });
}

on('membership.invited', (cmd, e) =>
  notify(cmd, 'team.invited', e.userIds, { entity: 'application', entityId: e.applicationId }, { title: e.challengeTitle }));

on('membership.answered', (cmd, e) =>
  notify(cmd, e.answer === 'confirm' ? 'team.confirmed' : 'team.declined', [e.leadId], { entity: 'application', entityId: e.applicationId }, { title: e.challengeTitle }));

const DECISIONS: Record<string, NotificationKind> = {
  qualify: 'application.qualified', disqualify: 'application.disqualified', select: 'application.selected', reject: 'application.not_selected',
};

on('application.transitioned', (cmd, e) => {
  const kind = DECISIONS[e.action];
  if (!kind) return;
  return notify(cmd, kind, [e.leadId, ...e.memberIds], { entity: 'application', entityId: e.applicationId }, { title: e.challengeTitle, reason: e.reason });
});

on('application.awarded', (cmd, e) =>
  notify(cmd, 'challenge.awarded', [e.leadId, ...e.memberIds], { entity: 'challenge', entityId: e.challengeId }, { title: e.challengeTitle }));

on('challenge.transitioned', (cmd, e) => {
  if (e.action === 'return' && e.createdBy) {
    return notify(cmd, 'challenge.returned', [e.createdBy], { entity: 'challenge', entityId: e.challengeId }, { title: e.title, reason: e.reason });
  }
  if (e.action === 'award' && e.createdBy) {
    return notify(cmd, 'challenge.awarded', [e.createdBy], { entity: 'challenge', entityId: e.challengeId }, { title: e.title });
  }
});

on('review.assigned', (cmd, e) =>
  notify(cmd, 'review.assigned', e.expertIds, { entity: 'review_round', entityId: e.roundId }, { title: e.roundTitle, deadline: e.deadline.slice(0, 10) }));

on('review.decisionProposed', (cmd, e) =>
  notify(cmd, 'decision.proposed', e.leaderIds, { entity: 'decision', entityId: e.challengeId }, { title: e.title }));

on('review.decisionAnswered', (cmd, e) =>
  notify(cmd, e.outcome === 'approve' ? 'decision.approved' : 'decision.returned', [e.proposedBy], { entity: 'challenge_console', entityId: e.challengeId }, { title: e.title, reason: e.comment }));

on('review.reminder', async (cmd, e) => {
  const params = { title: e.roundTitle, deadline: e.deadline.slice(0, 16).replace('T', ' '), missing: String(e.missing) };
  await notify(cmd, e.when === 'before' ? 'review.reminder' : 'review.overdue', e.expertIds, { entity: 'review_round', entityId: e.roundId }, params);
  if (e.when === 'after') await notify(cmd, 'review.overdue_organizer', [e.organizerId], { entity: 'review_round_console', entityId: e.roundId }, params);
});

on('review.pitchScheduled', async (cmd, e) => {
  for (const a of e.applications) {
    await notify(cmd, 'pitch.scheduled', [a.leadId], { entity: 'application', entityId: a.id }, {
      title: e.title, startsAt: e.startsAt.slice(0, 16).replace('T', ' '), place: [e.place, e.videoUrl].filter(Boolean).join(' / '),
    });
  }
});

on('challenge.objectionFiled', (cmd, e) =>
  notify(cmd, 'objection.filed', e.organizerIds, { entity: 'challenge_console', entityId: e.challengeId }, { title: e.title }));

on('project.created', (cmd, e) =>
  notify(cmd, 'project.created', [e.leadId, ...e.memberIds], { entity: 'project', entityId: e.projectId }, { title: e.title }));

on('pledge.toSign', (cmd, e) =>
  notify(cmd, 'pledge.to_sign', e.userIds, { entity: 'project', entityId: e.projectId }, { title: e.title, version: String(e.version) }));

on('pledge.signed', (cmd, e) =>
  notify(cmd, 'pledge.signed', e.userIds, { entity: 'project', entityId: e.projectId }, { title: e.title, version: String(e.version) }));

on('milestone.submitted', (cmd, e) =>
  notify(cmd, 'milestone.submitted', e.judgeIds, { entity: 'project', entityId: e.projectId }, { title: e.title, milestone: e.milestone }));

on('milestone.decided', (cmd, e) =>
  notify(cmd, e.outcome === 'accept' ? 'milestone.accepted' : 'milestone.returned', e.teamIds, { entity: 'project', entityId: e.projectId }, { title: e.title, milestone: e.milestone, reason: e.reason }));

on('help.requested', (cmd, e) =>
  notify(cmd, e.escalated ? 'help.escalated' : 'help.requested', e.to, { entity: 'help_inbox', entityId: e.helpRequestId }, { title: e.title, dueAt: e.dueAt.slice(0, 10) }));

on('help.answered', (cmd, e) =>
  notify(cmd, 'help.answered', [e.leadId], { entity: 'project', entityId: e.projectId }, { title: e.title }));

on('project.healthChanged', (cmd, e) =>
  notify(cmd, 'project.health', e.userIds, { entity: 'project', entityId: e.projectId }, { title: e.title, health: e.to }));

on('report.reminder', (cmd, e) =>
  notify(cmd, e.when === 'before' ? 'report.due' : 'report.overdue', e.userIds, { entity: 'project', entityId: e.projectId }, { title: e.title, period: e.period, dueAt: e.dueAt.slice(0, 10) }));

on('midterm.decided', (cmd, e) =>
  notify(cmd, `midterm.${e.outcome}` as NotificationKind, e.teamIds, { entity: 'project', entityId: e.projectId }, { title: e.title, reason: e.comment }));

on('race.gate', (cmd, e) =>
  notify(cmd, e.outcome === 'continue' ? 'race.continue' : 'race.eliminated', e.teamIds, { entity: 'project', entityId: e.projectId }, { title: e.title, reason: e.reason }));

on('rectify.due', async (cmd, e) => {
  await notify(cmd, 'rectify.recheck', e.organizerIds, { entity: 'project', entityId: e.projectId }, { title: e.title });
  await notify(cmd, 'rectify.due', e.teamIds, { entity: 'project', entityId: e.projectId }, { title: e.title });
});
