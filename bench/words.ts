// Word lists for realistic Chinese benchmark data: names, departments, challenge titles and
// backgrounds in the style of 揭榜挂帅 calls at a design institute / engineering group.
import type { Rng } from './prng.ts';

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯健俊峰帆鹏波鑫博志晨欣怡佳琳雪梅婷慧颖倩琪嘉子轩梓涵浩然一诺雨泽思远晓东海燕国庆卫东振华立新'.split('');

export const UNITS = ['集团总部', '勘察设计院', '城市规划院', '交通设计院', '水利水电院', '建筑设计院', '环境工程院', '数字科技公司', '工程总承包公司', '检测认证中心', '投资运营公司', '研究总院'];
export const SUB_UNITS = ['综合管理部', '战略发展部', '科技信息部', '财务部', '人力资源部', '党群工作部', '纪检监察室', '市场经营部', '生产管理部', '质量安全部', '第一设计所', '第二设计所', '第三设计所', '数字化中心', '岩土工程所', '结构所', '机电所', '造价咨询所'];

export const CATEGORIES = ['业务数字化', '数字化业务', '管理', '技术'] as const;

const FIELDS = ['数字孪生', '智能建造', '建筑信息模型', 'BIM', '地理信息', '人工智能', '大数据', '云计算', '物联网', '5G', '北斗定位', '无人机', '激光点云', '区块链', '知识图谱', '大模型', '边缘计算', '低代码', '图像识别', '智慧水务', '智慧交通', '智慧园区', '碳排放', '新能源', '装配式建筑', '隧道监测', '桥梁健康', '边坡安全', '地下管网', '综合管廊'];
const OBJECTS = ['设计协同平台', '项目管理系统', '施工监测系统', '运维管理平台', '数据中台', '档案管理系统', '造价分析工具', '质量检测系统', '安全预警平台', '智能审图系统', '资源调度系统', '能耗管理平台', '移动办公应用', '知识库', '决策驾驶舱', '供应链平台', '巡检机器人', '三维设计软件', '仿真计算平台', '报表系统'];
const ACTIONS = ['研发', '关键技术攻关', '建设与应用', '研究与示范', '升级改造', '集成开发', '试点应用', '标准编制', '国产化替代', '优化提升'];
const PREFIXES = ['基于', '面向', '融合', '依托'];
const SCOPES = ['全过程', '全生命周期', '多专业', '跨部门', '集团级', '区域级', '项目级', '一体化'];

export function title(rng: Rng): string {
  const f = rng.pick(FIELDS);
  const o = rng.pick(OBJECTS);
  const a = rng.pick(ACTIONS);
  switch (rng.int(0, 3)) {
    case 0: return `${rng.pick(PREFIXES)}${f}的${o}${a}`;
    case 1: return `${rng.pick(SCOPES)}${f}${o}${a}`;
    case 2: return `${f}在${rng.pick(SCOPES)}${o}中的${a}`;
    default: return `${f}与${rng.pick(FIELDS)}${o}${a}`;
  }
}

const PROBLEMS = ['各专业之间数据孤岛严重，设计成果难以共享复用', '现有系统老旧，响应缓慢，难以支撑业务增长', '人工统计工作量大，数据准确性和及时性不足', '关键软件依赖进口，存在断供风险', '现场安全隐患发现滞后，预警手段不足', '项目进度和成本难以实时掌控', '设计变更频繁，版本管理混乱', '海量监测数据缺乏有效分析手段', '审图周期长，重复性问题多', '运维阶段资料缺失，资产底数不清'];
const GOALS = ['形成可推广的解决方案', '实现关键指标自主可控', '提升设计效率百分之三十以上', '降低运维成本百分之二十', '打通数据链路，实现一数一源', '建成覆盖主要业务的应用系统', '形成企业标准和知识产权', '在重点项目中完成示范应用'];
const CONTEXTS = ['为落实集团“十四五”数字化转型规划', '按照践行十四五战略、打赢数字化攻坚战的部署', '围绕主责主业和重大项目需求', '针对生产一线反映集中的痛点问题', '为提升核心竞争力和科技创新能力'];

export function background(rng: Rng, t: string): string {
  const parts = [
    `${rng.pick(CONTEXTS)}，现面向全院发布“${t}”榜单。`,
    `当前${rng.pick(PROBLEMS)}，${rng.pick(PROBLEMS)}。`,
    `本课题拟${rng.pick(GOALS)}，${rng.pick(GOALS)}。`,
  ];
  if (rng.chance(0.5)) parts.push(`英雄不问出处，欢迎有志于${rng.pick(FIELDS)}方向的团队揭榜挂帅。`);
  return parts.join('');
}

export function goals(rng: Rng): string {
  return `${rng.pick(GOALS)}；${rng.pick(GOALS)}。`;
}

export function deliverables(rng: Rng): string {
  return rng.sample(['研究报告', '软件系统一套', '软件著作权', '发明专利', '企业标准', '示范工程', '技术规程', '论文'], 3).join('、');
}

export const TECH_ROUTES = ['PSIM', '自主研发', '产学研合作', '开源二次开发', '国产化适配', null] as const;

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

/** Queries people type on the board: 1, 2 and 4+ characters, and one latin word. */
export const BOARD_QUERIES = ['智', '数', '网', '数字', '平台', '安全', '监测', '设计', '数字孪生', '智能建造', '运维管理', '关键技术攻关', '施工监测系统', '全生命周期', 'BIM', '5G 隧道'];
