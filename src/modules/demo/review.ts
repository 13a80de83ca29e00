// The demo's expert review, so that a newcomer sees both ends of it: the BIM challenge (two teams
// racing) reviewed, its round closed and the organizer's decision waiting for the leader; the knowledge-graph
// challenge's round under way — one expert has scored, one has signed the declaration, and the
// demo login `expert` (钱学海) still has the declaration and the sheet in front of him.
import type { Actor, Ctx } from '../../lib/context.ts';
import { transitionApplication } from '../applications/index.ts';
import { transitionChallenge } from '../challenges/index.ts';
import { acceptDeclaration, createRound, myTasks, proposeDecision, putExpert, saveSheet, transitionRound } from '../review/index.ts';

const DAY = 86_400_000;

/** The pool: the three demo experts and three colleagues, by field. */
const POOL: Array<[login: string, fields: string[], title: string]> = [
  ['expert', ['结构设计', '知识图谱'], '教授级高级工程师'],
  ['expert2', ['数字孪生', 'BIM', '知识图谱'], '高级工程师'],
  ['expert3', ['软件架构', 'BIM', '知识图谱'], '高级工程师'],
  ['xiaohong', ['造价', 'BIM'], '高级经济师'],
  ['fangzheng', ['科技管理', 'BIM'], '工程师'],
  ['yuanhao', ['电气', 'BIM'], '高级工程师'],
];
const LOGINS = POOL.map(([login]) => login);

type Step = <T>(what: string, run: () => Promise<T>) => Promise<T>;

export interface ReviewSeed {
  as(actor: Actor | null): Ctx;
  actor(login: string): Actor;
  step: Step;
  now(): Date;
  campaignId: string;
  challengeIds: Map<string, string>;
  /** The applications made to a challenge, in the order they were made. */
  applicationsOf(challengeKey: string): string[];
}

/** Close the challenge, qualify its applications, start the review, and draw a round from `field`. */
async function drawnRound(o: ReviewSeed, key: string, field: string, title: string) {
  const organizer = o.as(o.actor('organizer'));
  const challengeId = o.challengeIds.get(key)!;
  await o.step(`close ${key}`, () => transitionChallenge(organizer, challengeId, { action: 'close' }));
  for (const id of o.applicationsOf(key)) await o.step(`qualify ${id}`, () => transitionApplication(organizer, id, { action: 'qualify' }));
  await o.step(`review ${key}`, () => transitionChallenge(organizer, challengeId, { action: 'startReview' }));
  const round = await o.step(`round ${key}`, () => createRound(organizer, {
    campaignId: o.campaignId, challengeId, title, template: 'standard', fields: [field], perApplication: 3, maxLoad: 10,
    deadline: new Date(o.now().getTime() + 7 * DAY).toISOString(),
  }));
  await o.step(`commit ${key}`, () => transitionRound(organizer, round.id, 'commit'));
  await o.step(`draw ${key}`, () => transitionRound(organizer, round.id, 'draw'));
  return round.id;
}

/** One expert declares and scores every application of theirs in the round (`base` per application, a little spread per criterion). */
async function score(o: ReviewSeed, login: string, roundId: string, base: (applicationId: string) => number) {
  const ctx = o.as(o.actor(login));
  await o.step(`declaration of ${login}`, () => acceptDeclaration(ctx, roundId));
  const round = (await myTasks(ctx)).rounds.find((r) => r.id === roundId);
  for (const task of round?.tasks ?? []) {
    const b = base(task.applicationId);
    const scores = { plan: b, capability: b - 0.5, conditions: b, team: b + 0.5, schedule: b };
    await o.step(`sheet of ${login}`, () => saveSheet(ctx, task.assignmentId, { scores, comment: '方案清晰，建议在试点项目中先行验证关键指标。', submit: true }));
  }
}

export async function seedReview(o: ReviewSeed): Promise<string> {
  const organizer = o.as(o.actor('organizer'));
  for (const [login, fields, title] of POOL) await o.step(`expert pool ${login}`, () => putExpert(organizer, o.actor(login).id, { fields, title }));

  // Finished: every drawn expert scores both BIM teams; the round is closed.
  const [first, second] = o.applicationsOf('bim');
  const done = await drawnRound(o, 'bim', 'BIM', 'BIM 正向协同设计平台 专家评审');
  for (const [i, login] of LOGINS.entries()) {
    const mine = (await myTasks(o.as(o.actor(login)))).rounds.some((r) => r.id === done);
    if (mine) await score(o, login, done, (app) => (app === first ? 8 : app === second ? 7 : 6) + (i % 2 ? 0.5 : 0));
  }
  await o.step('close the BIM round', () => transitionRound(organizer, done, 'close'));
  // Both racing teams proposed, as the ranking has them; the leader (赵振华) has it to approve.
  await o.step('decision on BIM', () => proposeDecision(organizer, { challengeId: o.challengeIds.get('bim')!, applicationIds: [first, second] }));

  // Under way: three experts of 知识图谱 are drawn; one has scored, one has only declared.
  const open = await drawnRound(o, 'kg', '知识图谱', '工程建设标准知识图谱 专家评审');
  await score(o, 'expert3', open, () => 7.5);
  await o.step('declaration of expert2', () => acceptDeclaration(o.as(o.actor('expert2')), open));
  return 'review rounds: one closed (BIM), one in scoring (knowledge graph)';
}
