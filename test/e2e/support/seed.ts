// Seed a campaign through the API as admin (users, departments), organizer (campaign) and
// sponsor (challenges submitted for review).
import { ApiClient } from './api.ts';
import { ADMIN_PASSWORD } from './server.ts';

export const PASSWORD = 'e2e-password-1';

export interface Seeded {
  admin: ApiClient; organizer: ApiClient; sponsor: ApiClient;
  users: Record<string, { id: string; login: string; name: string }>;
  campaignId: string;
  challenges: Record<'twin' | 'review' | 'supply' | 'spare', string>;
  /** A published challenge of its own for a test (so no test depends on another's data). */
  newChallenge(title: string): Promise<string>;
  /** A person of their own for a test, signed in to the API. */
  newPerson(login: string, name: string): Promise<{ id: string; login: string; name: string; api: ApiClient }>;
  /** Drive a challenge with one application to the award through the API (close, qualify, review, select, award). */
  award(challengeId: string, applicationId: string): Promise<void>;
}

const proposal = (who: string) => ({
  summary: `${who}的方案：以数据驱动的方式攻克课题。`,
  approach: '建立统一数据底座，分阶段迭代。', plan: '第一季度调研，第二季度试点，第三季度推广。', expectedResults: '形成可推广的平台和标准。',
});
export { proposal };

export async function seed(base: string): Promise<Seeded> {
  const admin = await ApiClient.signIn(base, 'admin', ADMIN_PASSWORD);
  const root = await admin.post('/departments', { name: '设计研究院' });
  const digital = await admin.post('/departments', { name: '数字化中心', parentId: root.id });
  const pipes = await admin.post('/departments', { name: '管网设计所', parentId: root.id });
  const people: [string, string, string[], string][] = [
    ['orga', '王管理', ['organizer'], root.id],
    ['spon', '李发榜', ['sponsor'], digital.id],
    ['zhang', '张伟', [], pipes.id],
    ['lina', '李娜', [], digital.id],
    ['wangfang', '王芳', [], digital.id],
    ['zhao', '赵强', [], pipes.id],
    ['chen', '陈静', [], pipes.id],
    ['jijian', '周纪检', ['supervisor'], root.id],
  ];
  const users: Seeded['users'] = {};
  for (const [login, name, roles, departmentId] of people) {
    const u = await admin.post('/users', { login, name, password: PASSWORD, roles: ['employee', ...roles], departmentId, politicalStatus: 'none', birthYear: 1990 });
    users[login] = { id: u.id, login, name };
  }
  const organizer = await ApiClient.signIn(base, 'orga', PASSWORD);
  const sponsor = await ApiClient.signIn(base, 'spon', PASSWORD);
  const now = Date.now();
  const campaign = await organizer.post('/campaigns', {
    name: '践行十四五战略 打赢数字化攻坚战', theme: '揭榜挂帅 数字化转型',
    applyFrom: new Date(now - 86400000).toISOString(), applyUntil: new Date(now + 10 * 86400000).toISOString(),
    settings: { noticeDays: 0, reviewRequired: false, maxActiveLeads: 1, maxMemberships: 3 },
  });
  const draft = (title: string, extra: Record<string, unknown> = {}) => sponsor.post('/challenges', {
    campaignId: campaign.id, title, category: '业务数字化', sponsorDepartmentId: digital.id,
    background: `${title}的背景：现有流程依赖人工，效率低。`, goals: `建成${title}，覆盖主要业务。`,
    kpis: [{ name: '覆盖率', direction: 'higher', baseline: 20, target: 90, unit: '%', weight: 60 }, { name: '效率提升', direction: 'higher', target: 30, unit: '%', weight: 40 }],
    deliverables: '平台一套、技术报告一份', durationMonths: 12, budgetCents: 50_000_000, teamSizeMin: 1, teamSizeMax: 5,
    rewards: [{ grade: 'excellent', description: '一次性奖励 10 万元' }], tags: ['数字化'], ...extra,
  });
  const twin = await draft('管网数字孪生平台建设', { technicalRoute: 'GIS + BIM + 物联网' });
  const review = await draft('设计文件智能校审');
  const supply = await draft('供应链数字化协同', { category: '管理' });
  const spare = await draft('三维协同设计标准化', { raceWinners: 2, category: '技术' });
  for (const c of [twin, review, supply, spare]) await sponsor.post(`/challenges/${c.id}/transitions`, { action: 'submit' });
  for (const c of [review, supply, spare]) await organizer.post(`/challenges/${c.id}/transitions`, { action: 'publish' });
  const newChallenge = async (title: string) => {
    const c = await draft(title);
    await sponsor.post(`/challenges/${c.id}/transitions`, { action: 'submit' });
    await organizer.post(`/challenges/${c.id}/transitions`, { action: 'publish' });
    return c.id as string;
  };
  const newPerson = async (login: string, name: string) => {
    const u = await admin.post('/users', { login, name, password: PASSWORD, roles: ['employee'], departmentId: pipes.id, politicalStatus: 'none', birthYear: 1992 });
    return { id: u.id as string, login, name, api: await ApiClient.signIn(base, login, PASSWORD) };
  };
  const award = async (challengeId: string, applicationId: string) => {
    await organizer.post(`/challenges/${challengeId}/transitions`, { action: 'close' });
    await organizer.post(`/applications/${applicationId}/transitions`, { action: 'qualify' });
    await organizer.post(`/challenges/${challengeId}/transitions`, { action: 'startReview' });
    await organizer.post(`/applications/${applicationId}/transitions`, { action: 'select' });
    await organizer.post(`/challenges/${challengeId}/transitions`, { action: 'award' });
  };
  return {
    admin, organizer, sponsor, users, campaignId: campaign.id,
    challenges: { twin: twin.id, review: review.id, supply: supply.id, spare: spare.id },
    newChallenge, newPerson, award,
  };
}
