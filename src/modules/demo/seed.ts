// The demo: an institute, its people, the campaign of the 2022 report with 15 published topics
// and some claims, so the board is alive on first start. Everything goes through the service
// functions of each area, acting as the person who would do it, so it passes the same checks
// and writes the same audit events as the API. All in one transaction: a failure leaves nothing.
import type { ValidateFunction } from 'ajv';
import { sql } from 'kysely';
import type { TSchema } from 'typebox';
import { dialectOf, inTransaction, type Db, type Tx } from '../../db/connect.ts';
import type { Actor, Ctx, Role } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import { shanghaiYear } from '../../lib/youth.ts';
import { makeAjv } from '../../server/validation.ts';
import { ApplicationCreate, confirmMembership, createApplication } from '../applications/index.ts';
import '../notifications/index.ts';
import { recordAudit } from '../audit/index.ts';
import { CampaignCreate, createCampaign } from '../campaigns/index.ts';
import { ChallengeCreate, createChallenge, transitionChallenge } from '../challenges/index.ts';
import { createDepartment, createUser, DepartmentCreate, UserCreate } from '../org/index.ts';
import { CHALLENGES, PENDING_CHALLENGES, type DemoChallenge } from './challenges.ts';
import { seedReview } from './review.ts';
import { seedExecution } from './execution.ts';
import { APPLICATIONS, CAMPAIGN, DEMO_PASSWORD, DEPARTMENTS, EMPLOYEES, INSTITUTE, ROLE_PEOPLE, type DemoPerson } from './data.ts';

const DAY = 86_400_000;
const WAN_CENTS = 10_000 * 100; // 1 万元 in 分
// Serialises two app instances starting at once on PostgreSQL (SQLite transactions are serial).
const DEMO_LOCK = 74_210_002;

// The routes validate bodies with these schemas before calling a service; the seed does the same,
// with the same strict settings, so demo data is data a person could have entered.
const ajv = makeAjv(false);
const compiled = new Map<TSchema, ValidateFunction>();
function valid<T>(schema: TSchema, body: T, what: string): T {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = ajv.compile(schema as object)));
  if (!check(body)) throw new Error(`demo data: ${what} does not match its schema: ${ajv.errorsText(check.errors)}`);
  return body;
}

/** Name the step when a service refuses demo data: a bug in the data or a changed rule. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError) {
      const fields = Array.isArray(e.extra.errors) ? ` ${JSON.stringify(e.extra.errors)}` : '';
      throw new Error(`demo data: ${what} was refused (${e.code}${e.extra.rule ? ` ${String(e.extra.rule)}` : ''}): ${e.message}${fields}`, { cause: e });
    }
    throw e;
  }
}

const allPeople = (): DemoPerson[] => [...ROLE_PEOPLE, ...EMPLOYEES];

/** The institute's administrator sets up the org chart; without one (a bare `jiebang seed demo`), the system does. */
async function orgActor(tx: Tx): Promise<Actor> {
  const admin = await tx.selectFrom('users').select(['id', 'login', 'name', 'roles', 'department_id']).where('roles', 'like', '%"admin"%')
    .where('disabled', '=', 0).orderBy('created_at').limit(1).executeTakeFirst();
  return admin
    ? { id: admin.id, login: admin.login, name: admin.name, roles: fromJson<Role[]>(admin.roles, ['admin']), departmentId: admin.department_id }
    : { id: 'system', login: 'system', name: '系统', roles: ['admin'], departmentId: null };
}

/**
 * Load the demo campaign. `password` is the demo people's password: the published one on a
 * loopback server (the two-command start), a random one printed once where others can reach it.
 */
export async function seedDemo(db: Db, now: () => Date, password = DEMO_PASSWORD): Promise<{ created: boolean; summary: string }> {
  const started = performance.now();
  const result = await inTransaction(db, async (tx) => {
    if (dialectOf(tx) === 'postgres') await sql`select pg_advisory_xact_lock(${DEMO_LOCK})`.execute(tx);
    const existing = await tx.selectFrom('campaigns').select('id').where('name', '=', CAMPAIGN.name).executeTakeFirst();
    if (existing) return { created: false, summary: `the demo campaign ${CAMPAIGN.name} exists already` };
    const taken = await tx.selectFrom('users').select('login').where('login', 'in', allPeople().map((p) => p.login)).execute();
    if (taken.length) {
      return { created: false, summary: `skipped: the demo logins ${taken.map((t) => t.login).join(', ')} are taken by real users` };
    }
    return { created: true, summary: await load(tx, now, password) };
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return result.created ? { ...result, summary: `${result.summary} (${seconds} s)` } : result;
}

async function load(tx: Tx, now: () => Date, password: string): Promise<string> {
  const as = (actor: Actor | null): Ctx => ({ db: tx, actor, now });
  const admin = as(await orgActor(tx));

  // The org chart: parents are listed before their children.
  const deptIds = new Map<string, string>();
  for (const [i, d] of DEPARTMENTS.entries()) {
    const body = valid(DepartmentCreate, { name: d.name, code: d.code, sortOrder: (i + 1) * 10, parentId: d.parent ? deptIds.get(d.parent)! : null }, `department ${d.name}`);
    deptIds.set(d.key, (await step(`department ${d.name}`, () => createDepartment(admin, body))).id);
  }

  // People. argon2 is slow by design: hash the shared demo password once (for the first person)
  // and give the others the same hash.
  const year = shanghaiYear(now());
  const actors = new Map<string, Actor>();
  let passwordHash: string | null = null;
  for (const [i, p] of allPeople().entries()) {
    const body: UserCreate = valid<UserCreate>(UserCreate, {
      login: p.login, name: p.name, departmentId: deptIds.get(p.dept)!, roles: p.roles ?? ['employee'],
      politicalStatus: p.status, birthYear: year - p.age, employeeNo: `GT${String(10001 + i * 3)}`, skills: p.skills,
      ...(passwordHash ? {} : { password }),
    }, `user ${p.login}`);
    const u: Awaited<ReturnType<typeof createUser>> = await step(`user ${p.login}`, () => createUser(admin, body, { noPassword: !!passwordHash }));
    actors.set(p.login, { id: u.id, login: u.login, name: u.name, roles: u.roles, departmentId: u.departmentId });
    if (!passwordHash) {
      passwordHash = (await tx.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow()).password_hash;
    } else {
      await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', u.id).execute();
      await recordAudit(tx, admin, { action: 'user.password_changed', entity: 'user', entityId: u.id, reason: '演示数据：统一的演示密码' });
    }
  }
  const actor = (login: string) => {
    const a = actors.get(login);
    if (!a) throw new Error(`demo data: no person ${login}`);
    return a;
  };

  const organizer = as(actor('organizer'));
  const campaign = await step('campaign', () => createCampaign(organizer, valid(CampaignCreate, {
    name: CAMPAIGN.name, theme: CAMPAIGN.theme, description: CAMPAIGN.description,
    applyFrom: new Date(now().getTime() - CAMPAIGN.applyFromDaysAgo * DAY).toISOString(),
    applyUntil: new Date(now().getTime() + CAMPAIGN.applyUntilDaysAhead * DAY).toISOString(),
  }, 'campaign')));

  // Topics: drafted and submitted by the sponsor department, published by the organizer (管理办).
  const challengeIds = new Map<string, string>();
  const draft = async (c: DemoChallenge) => {
    const body = valid(ChallengeCreate, challengeBody(c, campaign.id, deptIds), `challenge ${c.key}`);
    const created = await step(`challenge ${c.key}`, () => createChallenge(as(actor(c.sponsor)), body));
    challengeIds.set(c.key, created.id);
    return created.id;
  };
  for (const c of CHALLENGES) {
    const id = await draft(c);
    await step(`submit ${c.key}`, () => transitionChallenge(as(actor(c.sponsor)), id, { action: 'submit' }));
    await step(`publish ${c.key}`, () => transitionChallenge(organizer, id, { action: 'publish' }));
  }
  for (const c of PENDING_CHALLENGES) {
    const id = await draft(c);
    if (c.submit) await step(`submit ${c.key}`, () => transitionChallenge(as(actor(c.sponsor)), id, { action: 'submit' }));
  }

  // Claims (揭榜), then the invited members who have already said yes.
  let confirmed = 0;
  const applied = new Map<string, string[]>();
  for (const a of APPLICATIONS) {
    const what = `application of ${a.lead} to ${a.challenge}`;
    const body = valid(ApplicationCreate, {
      proposal: { summary: a.summary, approach: a.approach, plan: a.plan, expectedResults: a.expectedResults },
      memberIds: a.members.map((m) => actor(m.login).id),
    }, what);
    const app = await step(what, () => createApplication(as(actor(a.lead)), challengeIds.get(a.challenge)!, body));
    applied.set(a.challenge, [...(applied.get(a.challenge) ?? []), app.id]);
    for (const m of a.members.filter((x) => x.confirmed)) {
      await step(`${m.login} confirming ${what}`, () => confirmMembership(as(actor(m.login)), app.id));
      confirmed++;
    }
  }

  // Expert review: one round closed, one under way.
  const reviewed = await seedReview({ as, actor, step, now, campaignId: campaign.id, challengeIds, applicationsOf: (key) => applied.get(key) ?? [] });

  // The first batch, past the award: pledges signed at the ceremony, half a year of execution.
  const executed = await seedExecution({
    actor, step, now, db: tx, password, challengeBody: (c, campaignId) => valid(ChallengeCreate, challengeBody(c, campaignId, deptIds), `challenge ${c.key}`),
  });

  const invited = APPLICATIONS.reduce((n, a) => n + a.members.length, 0) - confirmed;
  const claimed = new Set(APPLICATIONS.map((a) => a.challenge)).size;
  return `${INSTITUTE}: ${DEPARTMENTS.length} departments, ${actors.size} people — sign in with password "${password}" as `
    + `${ROLE_PEOPLE.map((p) => p.login).join(', ')} or an employee such as zhangwei (张伟); campaign "${CAMPAIGN.name}" open for applications `
    + `until ${campaign.applyUntil}, ${CHALLENGES.length} published challenges and ${PENDING_CHALLENGES.length} still with the sponsor, `
    + `${APPLICATIONS.length} applications on ${claimed} challenges (${confirmed} members confirmed, ${invited} invited); ${reviewed}; ${executed}`;
}

export function challengeBody(c: DemoChallenge, campaignId: string, deptIds: Map<string, string>): ChallengeCreate {
  const wan = (n: number) => Math.round(n * WAN_CENTS);
  const grades = [['excellent', c.rewardsWan.excellent], ['good', c.rewardsWan.good], ['pass', c.rewardsWan.pass]] as const;
  return {
    campaignId, title: c.title, category: c.category, sponsorDepartmentId: deptIds.get(c.dept)!, contact: c.contact,
    background: c.background, goals: c.goals, kpis: c.kpis, deliverables: c.deliverables,
    durationMonths: c.durationMonths, budgetCents: wan(c.budgetWan),
    rewards: grades.map(([grade, amount]) => ({
      grade, amountCents: wan(amount), description: '团队奖励，由挂帅人按贡献分配',
    })),
    eligibility: c.eligibility ?? null, technicalRoute: c.technicalRoute,
    teamSizeMin: c.teamSizeMin, teamSizeMax: c.teamSizeMax, raceWinners: c.raceWinners ?? 1, tags: c.tags,
  };
}
