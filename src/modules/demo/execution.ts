// The demo past the award: the institute's first batch (首批) of 15 topics, claimed last spring, whose pledges
// were signed at the 揭榜大会 and which have been under way for half a year since — one project in
// each state of health, so a newcomer sees what the organisation follows: green (a milestone
// waiting for `sponsor` to accept), amber (a help request waiting for `party`), red (a milestone
// long overdue, reports missed), rectifying after its mid-term review, and one terminated and
// handed to the runner-up, whose pledge waits for `party` to sign. Every step goes through the
// areas' commands with the clock of the day it happened.
import type { Actor, Ctx } from '../../lib/context.ts';
import { confirmMembership, createApplication, transitionApplication } from '../applications/index.ts';
import { createCampaign } from '../campaigns/index.ts';
import { createChallenge, transitionChallenge } from '../challenges/index.ts';
import {
  decideMidterm, decideMilestone, editPledge, getProject, handOver, listProjects, monitorProjects, openMidterm, recordSpending,
  putCeremony, reportPeriods, requestHelp, signPledge, submitMilestone, submitReport,
} from '../projects/index.ts';
import { K, type DemoChallenge } from './challenges.ts';
import { CAMPAIGN } from './data.ts';

const DAY = 86_400_000;

export const FIRST_BATCH = { name: `${CAMPAIGN.name}（首批）`, startedDaysAgo: 215 };

type Story = 'green' | 'amber' | 'red' | 'rectifying' | 'handedOver' | 'race' | 'steady';
/** `rival`: race mode — a second team selected beside the lead's. `runnerUp`: qualified, not chosen. */
interface Batch extends DemoChallenge { lead: string; members: string[]; runnerUp?: { lead: string; members: string[] }; rival?: { lead: string; members: string[] }; story: Story }

const common = {
  contact: '管理办 杨帆 8801', rewardsWan: { excellent: 10, good: 6, pass: 3 }, technicalRoute: 'PSIM 技术路线，试点先行、分步实施',
  teamSizeMin: 1, teamSizeMax: 6, durationMonths: 12,
} as const;

export const BATCH: Batch[] = [
  {
    ...common, key: 'seal', sponsor: 'sponsor', dept: 'sz', title: '电子签章与图纸在线归档', category: '业务数字化', story: 'green',
    background: '图纸签章仍靠打印盖章、扫描归档，归档滞后且难以检索。', goals: '实现图纸电子签章与出图即归档，归档资料可按项目、专业检索。',
    kpis: [K('电子签章出图比例', '0', '90', '%', 50), K('出图到归档用时', '30', '1', '天', 50)], deliverables: '电子签章系统与在线归档库',
    budgetWan: 40, tags: ['电子签章', '档案'], lead: 'luoqian', members: ['shenli'],
  },
  {
    ...common, key: 'calcbook', sponsor: 'sponsor2', dept: 'jg', title: '结构计算书自动生成', category: '技术', story: 'amber',
    background: '结构计算书整理占设计人员大量时间，格式不一。', goals: '从计算模型自动生成符合院标准的计算书。',
    kpis: [K('计算书自动生成比例', '0', '80', '%', 60), K('单本计算书整理用时', '16', '2', '小时', 40)], deliverables: '计算书生成工具与院级模板',
    budgetWan: 30, tags: ['结构', '自动化'], lead: 'hanbing', members: ['fengyu'],
  },
  {
    ...common, key: 'fourd', sponsor: 'sponsor3', dept: 'zcb', title: '施工进度 4D 模拟平台', category: '数字化业务', story: 'red',
    background: '总承包项目进度计划与模型脱节，进度偏差发现滞后。', goals: '模型与进度计划联动，周度推演进度偏差。',
    kpis: [K('应用项目数', '0', '3', '个', 40), K('进度偏差发现提前量', '0', '2', '周', 60)], deliverables: '4D 模拟平台与两个项目应用报告',
    budgetWan: 60, tags: ['4D', '进度'], lead: 'pengbo', members: ['dengjie'],
  },
  {
    ...common, key: 'secops', sponsor: 'sponsor', dept: 'xx', title: '网络安全态势感知', category: '管理', story: 'rectifying',
    background: '院网络边界与终端告警分散在多个系统，响应慢。', goals: '统一汇聚安全日志，告警分级处置。',
    kpis: [K('安全日志接入率', '30', '95', '%', 50), K('高危告警平均处置用时', '48', '4', '小时', 50)], deliverables: '态势感知平台与处置规程',
    budgetWan: 50, tags: ['网络安全'], lead: 'weina', members: ['qinlei'],
  },
  {
    ...common, key: 'gis', sponsor: 'sponsor', dept: 'sz', title: '三维 GIS 项目一张图', category: '数字化业务', story: 'handedOver',
    background: '在建与已建项目分散在各部门台账中，领导看不到全局。', goals: '三维 GIS 底图上展示全院项目与关键指标。',
    kpis: [K('上图项目数', '0', '300', '个', 60), K('数据更新周期', '30', '7', '天', 40)], deliverables: '项目一张图平台',
    budgetWan: 45, tags: ['GIS', '三维'], lead: 'panwen', members: ['caoying'], runnerUp: { lead: 'songtao', members: ['tangxin'] },
  },
  {
    ...common, key: 'energy', sponsor: 'sponsor2', dept: 'jd', title: '建筑能耗智能诊断（赛马）', category: '技术', story: 'race', raceWinners: 2,
    background: '运维项目能耗数据多、分析少，节能建议靠经验。', goals: '两支团队并行攻关，比拼能耗异常识别与节能建议的准确率，择优推广。',
    kpis: [K('能耗异常识别准确率', '40', '90', '%', 60), K('节能建议采纳率', '10', '50', '%', 40)], deliverables: '能耗诊断模型与试点报告',
    budgetWan: 60, tags: ['能耗', '赛马'], lead: 'jiangtao', members: [], rival: { lead: 'yaoyao', members: [] },
  },
  // The rest of the batch: under way as pledged — monthly reports, the first milestone accepted.
  ...([
    ['bidbook', 'sponsor3', 'zcb', '投标文件智能编制', '业务数字化', 'dengjie', ['K:投标文件编制用时:10:4:天', 'K:标书格式差错:12:2:处/份'], 35],
    ['pipeline', 'sponsor2', 'jd', '给排水管网水力模型平台', '技术', 'duyi', ['K:建模用时:15:5:天', 'K:水力计算项目数:0:20:个'], 40],
    ['pvdesign', 'sponsor2', 'xny', '光伏电站智能排布', '技术', 'tianye', ['K:单站排布用时:5:1:天', 'K:发电量测算偏差:8:3:%'], 45],
    ['costdb', 'sponsor4', 'zj', '材料价格信息库', '管理', 'sunhao', ['K:入库材料条目:0:20000:条', 'K:询价用时:3:0.5:天'], 30],
    ['hvac', 'sponsor2', 'jd', '暖通负荷快速计算工具', '技术', 'guoyan', ['K:负荷计算用时:2:0.5:天', 'K:应用项目数:0:15:个'], 25],
    ['dronesite', 'sponsor3', 'zcb', '无人机工地巡检', '数字化业务', 'maxiaoyu', ['K:巡检覆盖项目数:0:6:个', 'K:单次巡检用时:8:2:小时'], 50],
    ['partyedu', 'sponsor', 'sz', '党建学习移动平台', '管理', 'dongxue', ['K:月活跃党员:0:400:人', 'K:学习完成率:40:90:%'], 20],
    ['talent', 'sponsor', 'sz', '人才画像与项目配置', '管理', 'luyao', ['K:画像覆盖员工:0:95:%', 'K:项目配置用时:5:1:天'], 30],
    ['carbonlca', 'sponsor2', 'xny', '建材碳足迹计算库', '数字化业务', 'hemengyao', ['K:建材碳因子条目:0:1500:条', 'K:单项目碳足迹用时:10:2:天'], 35],
  ] as const).map(([key, sponsor, dept, title, category, lead, kpis, budgetWan]): Batch => ({
    ...common, key, sponsor, dept, title, category, story: 'steady', lead, members: [], budgetWan, tags: ['首批'],
    background: `${title}：现状依赖人工，效率低、差错多。`, goals: `建成${title}，在试点项目中应用并推广。`, deliverables: `${title}及试点应用报告`,
    kpis: kpis.map((k) => { const [, name, from, to, unit] = k.split(':'); return K(name!, from!, to!, unit!, 50); }),
  })),
];

export interface ExecutionSeed {
  actor(login: string): Actor;
  step: <T>(what: string, run: () => Promise<T>) => Promise<T>;
  now(): Date;
  db: Ctx['db'];
  /** Validate a challenge body as the route would (the seed's `challengeBody`). */
  challengeBody(c: DemoChallenge, campaignId: string): Parameters<typeof createChallenge>[1];
  password: string;
}

export async function seedExecution(o: ExecutionSeed): Promise<string> {
  const start = o.now().getTime() - FIRST_BATCH.startedDaysAgo * DAY;
  /** The context of `login` acting on day `d` of the batch (day 0 = the campaign opened). */
  const on = (login: string | null, d: number): Ctx => ({ db: o.db, actor: login ? o.actor(login) : null, now: () => new Date(start + d * DAY) });
  const day = (iso: string) => (new Date(iso).getTime() - start) / DAY;
  const today = FIRST_BATCH.startedDaysAgo;

  const campaign = await o.step('first batch campaign', () => createCampaign(on('organizer', 0), {
    name: FIRST_BATCH.name, theme: CAMPAIGN.theme, description: '首批揭榜挂帅课题：去年春天发布、揭榜，在揭榜大会上签订军令状，现已执行半年。',
    applyFrom: new Date(start).toISOString(), applyUntil: new Date(start + 20 * DAY).toISOString(),
    settings: { noticeDays: 0 },
  }));

  const projects: Array<{ b: Batch; projectId: string; applicationId: string; runnerUpApp?: string }> = [];
  for (const b of BATCH) {
    const c = await o.step(`first batch ${b.key}`, () => createChallenge(on(b.sponsor, 0), o.challengeBody(b, campaign.id)));
    await o.step(`submit ${b.key}`, () => transitionChallenge(on(b.sponsor, 0), c.id, { action: 'submit' }));
    await o.step(`publish ${b.key}`, () => transitionChallenge(on('organizer', 1), c.id, { action: 'publish' }));
    const apply = async (lead: string, members: string[], d: number) => {
      const a = await o.step(`${lead} claims ${b.key}`, () => createApplication(on(lead, d), c.id, {
        proposal: { summary: `${b.title}：先试点、后推广。`, approach: '调研现状，明确标准，开发工具，在试点项目中验证。', plan: '第 1–4 月原型；第 5–8 月试点；第 9–12 月推广。', expectedResults: b.deliverables },
        memberIds: members.map((m) => o.actor(m).id),
      }));
      for (const m of members) await o.step(`${m} joins ${b.key}`, () => confirmMembership(on(m, d + 1), a.id));
      return a.id;
    };
    const applicationId = await apply(b.lead, b.members, 3);
    const runnerUpApp = b.runnerUp ? await apply(b.runnerUp.lead, b.runnerUp.members, 5) : undefined;
    const rivalApp = b.rival ? await apply(b.rival.lead, b.rival.members, 4) : undefined;
    await o.step(`close ${b.key}`, () => transitionChallenge(on('organizer', 21), c.id, { action: 'close' }));
    for (const id of [applicationId, ...(runnerUpApp ? [runnerUpApp] : []), ...(rivalApp ? [rivalApp] : [])]) {
      await o.step(`qualify ${b.key}`, () => transitionApplication(on('organizer', 22), id, { action: 'qualify' }));
    }
    await o.step(`review ${b.key}`, () => transitionChallenge(on('organizer', 23), c.id, { action: 'startReview' }));
    await o.step(`select ${b.key}`, () => transitionApplication(on('organizer', 24), applicationId, { action: 'select' }));
    if (rivalApp) await o.step(`select rival ${b.key}`, () => transitionApplication(on('organizer', 24), rivalApp, { action: 'select' }));
    await o.step(`award ${b.key}`, () => transitionChallenge(on('organizer', 25), c.id, { action: 'award' }));
    projects.push({ b, applicationId, runnerUpApp, projectId: '' });
    if (rivalApp && b.rival) projects.push({ b: { ...b, lead: b.rival.lead, members: b.rival.members, story: 'race' }, applicationId: rivalApp, projectId: '' });
  }
  const listed = await listProjects(on('organizer', 25), { campaignId: campaign.id, pageSize: 100 });
  for (const p of projects) p.projectId = listed.items.find((x) => x.applicationId === p.applicationId)!.id;

  // The 揭榜大会 (day 30): the organizer names the signatories; lead, sponsor and party branch sign.
  const signAll = async (projectId: string, lead: string, sponsor: string, d: number, who: string[] = [lead, sponsor, 'party']) => {
    await o.step('signatories', () => editPledge(on('organizer', d - 1), projectId, { signatories: { sponsor: o.actor(sponsor).id, party: o.actor('party').id } }));
    for (const login of who) await o.step(`${login} signs`, () => signPledge(on(login, d), projectId, o.password));
  };
  for (const p of projects) await signAll(p.projectId, p.b.lead, p.b.sponsor, 30);

  for (const { b, projectId } of projects) {
    const p = await getProject(on('organizer', 31), projectId);
    const [m1, m2] = p.milestones;
    const periods = reportPeriods(p.startsAt < p.pledge.signedAt! ? p.pledge.signedAt! : p.startsAt, 1, p.endsAt);
    const report = async (k: number, percent: number, values: Array<number | null>, extra: Partial<Parameters<typeof submitReport>[2]> = {}) => {
      const d = day(periods[k]!.from) + 12;
      if (d >= today) return;
      await o.step(`report ${b.key} ${k}`, () => submitReport(on(b.lead, d), projectId, {
        percentDone: percent, kpiValues: values, done: `第 ${k + 1} 期：按计划推进${b.deliverables}。`, ...extra,
      }));
    };
    const dueDay = (m: typeof m1) => day(m!.dueAt);
    if (b.story === 'green') {
      for (let k = 0; k < 7; k++) await report(k, 8 + k * 9, [10 + k * 12, 30 - k * 4]);
      await o.step('m1', () => submitMilestone(on(b.lead, dueDay(m1) - 6), projectId, m1!.id, { text: '电子签章系统上线试运行，附操作手册与试运行记录。', links: ['https://git.example.cn/seal/release-1'] }));
      await o.step('m1 accepted', () => decideMilestone(on(b.sponsor, dueDay(m1) - 2), projectId, m1!.id, 'accept', null));
      await o.step('spending', () => recordSpending(on(b.lead, dueDay(m1) + 3), projectId, { amountCents: 9_000_000, purpose: '签章服务器与 CA 证书', spentOn: new Date(start + (dueDay(m1) + 3) * DAY).toISOString().slice(0, 10) }));
      // Ahead of time: the second milestone waits for the sponsor to accept it.
      await o.step('m2', () => submitMilestone(on(b.lead, today - 2), projectId, m2!.id, { text: '在线归档库已接入三个专业所，检索演示见链接。', links: ['https://git.example.cn/seal/archive-demo'] }));
    } else if (b.story === 'amber') {
      for (let k = 0; k < 7; k++) await report(k, 6 + k * 8, [5 + k * 10, 16 - k * 2], k === 5 ? { helpNeeded: '缺少一名熟悉 YJK 接口的开发人员' } : {});
      await o.step('m1', () => submitMilestone(on(b.lead, dueDay(m1) - 3), projectId, m1!.id, { text: '计算书模板与生成原型。', links: [] }));
      await o.step('m1 accepted', () => decideMilestone(on('organizer', dueDay(m1) + 1), projectId, m1!.id, 'accept', null));
      await o.step('help', () => requestHelp(on(b.lead, today - 2), projectId, { kind: 'people', body: '需要信息中心支援一名熟悉 YJK 接口的开发人员两个月。', to: 'party_branch' }));
    } else if (b.story === 'red') {
      for (let k = 0; k < 3; k++) await report(k, 5 + k * 5, [0, k * 0.5], { problems: '两个试点项目的进度计划编制口径不一，模型与计划挂接困难。' });
    } else if (b.story === 'rectifying') {
      for (let k = 0; k < 7; k++) await report(k, 5 + k * 6, [30 + k * 6, 48 - k * 3]);
      await o.step('m1 late', () => submitMilestone(on(b.lead, dueDay(m1) + 5), projectId, m1!.id, { text: '日志汇聚平台一期，接入率 55%。', links: [] }));
      await o.step('m1 accepted', () => decideMilestone(on(b.sponsor, dueDay(m1) + 8), projectId, m1!.id, 'accept', null));
      const opened = await o.step('midterm', () => openMidterm(on('organizer', today - 40), projectId));
      await o.step('midterm decided', () => decideMidterm(on('organizer', today - 38), projectId, opened.midterms[0]!.id, {
        rating: 'fair', outcome: 'rectify', comment: '接入率低于军令状进度，告警处置规程尚未建立。',
        items: ['一个月内接入全部核心系统日志', '制定高危告警分级处置规程并演练一次'], rectifyBy: new Date(start + (today + 20) * DAY).toISOString(),
      }));
    } else if (b.story === 'steady') {
      const kpis = p.pledge.content.kpis;
      const at = (f: number) => kpis.map((k) => (k.direction === 'deliverable' ? (f > 0.9 ? 1 : 0) : Math.round(((k.baseline ?? 0) + ((k.target ?? 0) - (k.baseline ?? 0)) * f) * 10) / 10));
      for (let k = 0; k < 7; k++) await report(k, 7 + k * 7, at(0.07 * (k + 1)));
      await o.step('m1', () => submitMilestone(on(b.lead, dueDay(m1) - 5), projectId, m1!.id, { text: `${b.title}：方案与原型完成，附演示记录。`, links: [] }));
      await o.step('m1 accepted', () => decideMilestone(on(b.sponsor, dueDay(m1) - 1), projectId, m1!.id, 'accept', null));
    } else if (b.story === 'race') {
      // Two teams on the same KPIs: the organizer compares them at the first gate (not decided yet).
      const strong = b.lead === 'jiangtao';
      for (let k = 0; k < 7; k++) await report(k, 6 + k * (strong ? 8 : 6), [40 + k * (strong ? 7 : 4), 10 + k * (strong ? 5 : 3)]);
      await o.step('m1', () => submitMilestone(on(b.lead, dueDay(m1) - 4), projectId, m1!.id, { text: '能耗异常识别模型第一版与试点楼宇数据。', links: [] }));
      await o.step('m1 accepted', () => decideMilestone(on(b.sponsor, dueDay(m1) - 1), projectId, m1!.id, 'accept', null));
    } else {
      for (let k = 0; k < 3; k++) await report(k, 3 + k * 3, [k * 10, 30]);
      const opened = await o.step('midterm', () => openMidterm(on('organizer', today - 62), projectId));
      await o.step('terminated', () => decideMidterm(on('organizer', today - 60), projectId, opened.midterms[0]!.id, {
        rating: 'poor', outcome: 'terminate', comment: '团队主要成员调离，技术路线无法推进，经研究终止。',
      }));
      const next = await o.step('hand over', () => handOver(on('organizer', today - 55), projectId, '能者上、庸者下：由次优团队承接'));
      // The runner-up's pledge: lead and sponsor have signed; the party branch's signature is awaited.
      await signAll(next.id, b.runnerUp!.lead, b.sponsor, today - 3, [b.runnerUp!.lead, b.sponsor]);
    }
  }
  // The ceremony (day 30): on site and by video, the oath, the flags for the pledges signed there.
  await o.step('ceremony', () => putCeremony(on('organizer', 31), campaign.id, {
    title: '揭榜挂帅大会暨授旗仪式', heldAt: new Date(start + 30 * DAY).toISOString(), mode: 'both', place: '院本部三楼报告厅', videoUrl: 'https://meeting.example.cn/jiebang-2026',
    oath: '我们郑重承诺：不负重托，攻坚克难，勇于干事、能干成事、干出亮色，按期交账。', attendanceOnsite: 126, attendanceOnline: 342,
    flags: projects.map((p) => p.projectId), notes: '院党委书记为揭榜团队授旗，揭榜挂帅人代表领誓。',
  }));
  const health = await monitorProjects(o.db as never, o.now);
  return `first batch "${FIRST_BATCH.name}": ${projects.length + 1} projects (pledges signed at the ceremony, ${health.overdue} milestone overdue, two teams racing)`;
}
