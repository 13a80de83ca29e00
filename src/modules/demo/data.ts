// The demo institute: departments, people and the campaign of the news report that started the
// project (an institute's "践行十四五战略 打赢数字化攻坚战" 揭榜挂帅 campaign, 15 topics claimed by
// party members and young staff). All names are invented; ages, not birth years, are kept here so
// that the share of youth (≤ 35) stays realistic whichever year the demo is started in.
import type { Role } from '../../lib/context.ts';

export const DEMO_PASSWORD = 'jiebang-demo';
export const INSTITUTE = '国投某工程设计研究院';

export interface DemoDepartment { key: string; name: string; code: string; parent?: string }

/** Parents come before their children; the tree is three levels at most. */
export const DEPARTMENTS: DemoDepartment[] = [
  { key: 'ld', name: '院领导', code: 'LD' },
  { key: 'dq', name: '党委办公室(党群工作部)', code: 'DQ' },
  { key: 'jj', name: '纪检监察室', code: 'JJ', parent: 'dq' },
  { key: 'kj', name: '科技与数字化部', code: 'KJ' },
  { key: 'sz', name: '数字化中心', code: 'SZ', parent: 'kj' },
  { key: 'xx', name: '信息中心', code: 'XX', parent: 'sz' },
  { key: 'sj', name: '工程设计研究院', code: 'SJ' },
  { key: 'jz', name: '建筑设计所', code: 'JZ', parent: 'sj' },
  { key: 'jg', name: '结构设计所', code: 'JG', parent: 'sj' },
  { key: 'jd', name: '机电设计所', code: 'JD', parent: 'sj' },
  { key: 'xny', name: '新能源设计所', code: 'XNY', parent: 'sj' },
  { key: 'zcb', name: '工程总承包部', code: 'ZCB' },
  { key: 'zj', name: '造价咨询所', code: 'ZJ' },
  { key: 'zh', name: '综合管理部', code: 'ZH' },
  { key: 'da', name: '档案室', code: 'DA', parent: 'zh' },
];

export type PoliticalStatus = 'party_member' | 'probationary' | 'league_member' | 'none';

export interface DemoPerson {
  login: string;
  name: string;
  dept: string;
  age: number;
  status: PoliticalStatus;
  skills: string[];
  roles?: Role[];
}

const P = (login: string, name: string, dept: string, age: number, status: PoliticalStatus, skills: string[], roles?: Role[]): DemoPerson =>
  ({ login, name, dept, age, status, skills, ...(roles ? { roles } : {}) });

/** The people who hold a role: the logins a demo is shown with. */
export const ROLE_PEOPLE: DemoPerson[] = [
  P('organizer', '杨帆', 'kj', 41, 'party_member', ['项目管理', '科技管理', 'PMP'], ['organizer']),
  P('sponsor', '周建华', 'sz', 45, 'party_member', ['数字化转型', '数据治理', 'BIM'], ['sponsor']),
  P('sponsor2', '孙立军', 'sj', 52, 'party_member', ['建筑设计', 'BIM', '设计管理'], ['sponsor']),
  P('sponsor3', '吴海涛', 'zcb', 48, 'none', ['EPC 项目管理', '施工管理', 'PMP'], ['sponsor']),
  P('sponsor4', '郑丽萍', 'zj', 46, 'party_member', ['造价', '广联达', '全过程咨询'], ['sponsor']),
  P('leader', '赵振华', 'ld', 56, 'party_member', ['战略管理', '工程管理'], ['leader']),
  P('party', '刘敏', 'dq', 47, 'party_member', ['党建', '群团工作'], ['party_branch']),
  P('supervisor', '何正', 'jj', 50, 'party_member', ['纪检监察', '审计'], ['supervisor']),
  P('expert', '钱学海', 'jg', 58, 'party_member', ['结构设计', 'PKPM', '规范标准'], ['expert']),
  P('expert2', '冯雪梅', 'jd', 53, 'none', ['给排水', '暖通', '数字孪生'], ['expert']),
  P('expert3', '蒋文博', 'xx', 49, 'probationary', ['软件架构', '数据中台', '信息安全'], ['expert']),
];

/** Staff who read the board and apply. `zhangwei` (张伟, a young party member) is the demo employee. */
export const EMPLOYEES: DemoPerson[] = [
  P('zhangwei', '张伟', 'sz', 29, 'party_member', ['BIM', 'Revit', 'Python', '知识图谱']),
  P('lina', '李娜', 'sz', 27, 'league_member', ['Python', '知识图谱', 'NLP', '大模型']),
  P('chenjing', '陈静', 'xx', 32, 'none', ['Java', '微服务', '数据中台', 'SQL']),
  P('wangqiang', '王强', 'jz', 34, 'party_member', ['BIM', 'Revit', 'Dynamo', '参数化设计']),
  P('liuyang', '刘洋', 'jg', 31, 'probationary', ['YJK', 'PKPM', 'Python', 'BIM']),
  P('zhaolei', '赵磊', 'jz', 26, 'league_member', ['Revit', 'Rhino', 'Grasshopper']),
  P('huangli', '黄丽', 'zj', 36, 'party_member', ['造价', '广联达', 'Python', 'Power BI']),
  P('sunhao', '孙浩', 'zj', 28, 'league_member', ['造价', 'Python', '机器学习']),
  P('zhoumin', '周敏', 'jz', 30, 'party_member', ['BIM', 'Revit', 'Navisworks', '协同设计']),
  P('xujun', '徐军', 'zcb', 38, 'party_member', ['施工管理', 'IoT', '智慧工地']),
  P('maxiaoyu', '马晓宇', 'zcb', 25, 'league_member', ['IoT', 'Python', '计算机视觉']),
  P('hujie', '胡杰', 'jd', 33, 'party_member', ['给排水', '数字孪生', 'UE5', 'BIM']),
  P('guoyan', '郭燕', 'jd', 29, 'none', ['暖通', 'Revit MEP', 'Python']),
  P('linfeng', '林峰', 'xny', 31, 'party_member', ['光伏', 'PVsyst', 'GIS', 'Python']),
  P('hemengyao', '何梦瑶', 'xny', 26, 'league_member', ['碳核算', 'Python', '数据分析']),
  P('luoqian', '罗倩', 'da', 35, 'none', ['档案管理', 'OCR', '数据治理']),
  P('gaoyuan', '高远', 'sz', 33, 'party_member', ['Python', '大模型', '计算机视觉']),
  P('liangchen', '梁晨', 'jz', 28, 'probationary', ['AI 生成设计', 'Python', 'Rhino']),
  P('songtao', '宋涛', 'xx', 40, 'party_member', ['Java', '移动开发', '流程引擎']),
  P('tangxin', '唐欣', 'xx', 24, 'league_member', ['前端', 'Vue', '移动开发']),
  P('hanbing', '韩冰', 'jg', 44, 'none', ['结构设计', '规范标准', '校审']),
  P('fengyu', '冯宇', 'jg', 27, 'none', ['YJK', 'Python', '机器学习']),
  P('caoying', '曹颖', 'zh', 39, 'none', ['行政管理', 'OA']),
  P('pengbo', '彭博', 'zcb', 42, 'none', ['EPC 项目管理', '进度控制', 'P6']),
  P('dengjie', '邓杰', 'zcb', 30, 'none', ['BIM', '施工模拟', 'Navisworks']),
  P('xiaohong', '肖红', 'zj', 49, 'party_member', ['造价', '审计', '合同管理']),
  P('tianye', '田野', 'xny', 37, 'none', ['电气', '光伏', 'AutoCAD']),
  P('dongxue', '董雪', 'dq', 32, 'party_member', ['党建', '宣传', '新媒体']),
  P('yuanhao', '袁浩', 'jd', 45, 'none', ['电气', '设备运维', 'BIM']),
  P('panwen', '潘雯', 'sz', 26, 'league_member', ['GIS', 'Cesium', '三维可视化']),
  P('jiangtao', '蒋涛', 'jz', 51, 'party_member', ['建筑设计', '方案设计', '规范标准']),
  P('weina', '魏娜', 'xx', 36, 'none', ['网络安全', '运维', 'Linux']),
  P('yuhang', '于航', 'zcb', 29, 'probationary', ['智慧工地', 'IoT', '无人机']),
  P('shenli', '沈莉', 'da', 43, 'none', ['档案管理', '标准化']),
  P('duyi', '杜毅', 'jd', 36, 'party_member', ['给排水', '水处理工艺', 'SCADA']),
  P('yeqing', '叶青', 'xny', 34, 'party_member', ['碳核算', '能源管理', 'LCA']),
  P('chengfei', '程飞', 'jg', 39, 'none', ['钢结构', 'Tekla', 'BIM']),
  P('luyao', '陆瑶', 'zh', 25, 'league_member', ['人力资源', '数据分析']),
  P('fangzheng', '方正', 'kj', 34, 'none', ['科技管理', '知识产权', 'Python']),
  P('ximeng', '席萌', 'zj', 31, 'none', ['造价', 'BIM 算量', 'Excel VBA']),
  P('qinlei', '秦磊', 'xx', 47, 'none', ['数据库', '数据仓库', 'SQL']),
  P('yaoyao', '姚瑶', 'jd', 24, 'league_member', ['暖通', 'Python', '能耗模拟']),
];

export const CAMPAIGN = {
  name: '践行十四五战略 打赢数字化攻坚战',
  theme: '科技引领高价值服务 助力产业高质量发展',
  description: [
    '为贯彻落实集团党组提出的“改革发展党员先行”工程，院党委以“揭榜挂帅”方式，向全体员工公开发布一批企业数字化攻关课题，在院内遍撒“英雄帖”、寻“良将”、纳“贤才”。',
    '本次活动以“科技引领高价值服务 助力产业高质量发展”为主题，落实“十四五”战略发展要求，通过 PSIM 技术路线，以攻坚战方式进行数字化攻关，按照总体规划、试点先行、全面推进、分步实施的战略，加速推进业务数字化和数字化业务。',
    '英雄不问出处：除个别课题另有说明外，全体员工均可揭榜。发挥党员先锋作用，带动青年齐头并进；揭榜人签订“军令状”，勇于干事、能干成事、干出亮色。各级党组织为揭榜团队提供帮助与关怀。',
  ].join('\n\n'),
  applyFromDaysAgo: 10,
  applyUntilDaysAhead: 20,
};

/** Who applies where (揭榜): one active lead each, at most three teams each. */
export interface DemoApplication {
  challenge: string; // key of a challenge in challenges.ts
  lead: string;
  members: { login: string; confirmed: boolean }[];
  summary: string;
  approach: string;
  plan: string;
  expectedResults: string;
}

const A = (challenge: string, lead: string, members: [string, boolean][], summary: string, approach: string, plan: string, expectedResults: string): DemoApplication =>
  ({ challenge, lead, members: members.map(([login, confirmed]) => ({ login, confirmed })), summary, approach, plan, expectedResults });

/**
 * Ten claims on eight topics: two teams race for the BIM platform, the youth-only and the
 * party-members-first topics are claimed by people who qualify. `zhangwei` leads nothing (so a
 * demo can claim a topic as him) and has one invitation waiting for his confirmation.
 */
export const APPLICATIONS: DemoApplication[] = [
  A('bim', 'wangqiang', [['liuyang', true], ['zhaolei', true]],
    '以建筑专业为牵头，建立三专业基于同一中心模型的正向协同设计流程与平台。',
    '基于 Revit 中心文件与自研协同插件，统一工作集与提资规则；用 Dynamo 批量生成标准族；碰撞检查前移到每周模型会审。',
    '第 1–3 月：标准与族库；第 4–8 月：平台开发与第一个试点；第 9–12 月：第二个试点与推广。',
    '院 BIM 正向设计标准一部，族库 3000 个构件，两个试点项目正向出图比例不低于 80%。'),
  A('bim', 'zhoumin', [['dengjie', true], ['chengfei', false]],
    '从施工可建造性出发，以模型驱动设计—施工一体化协同，打通设计模型到施工深化。',
    '采用云端协同平台加 Navisworks 进度模拟，钢结构专业引入 Tekla 深化互导，建立设计、施工双向问题闭环。',
    '第 1–2 月：流程调研；第 3–7 月：平台搭建与试点；第 8–12 月：总结标准、形成培训课程。',
    '碰撞问题减少 60% 以上，试点项目施工阶段设计变更减少三成。'),
  A('kg', 'gaoyuan', [['lina', true], ['zhangwei', false]],
    '用大模型加知识图谱把常用工程建设标准结构化，提供条文问答与关联检索。',
    '条文解析采用规则加大模型抽取，图谱存储条文、术语、引用与版本关系；问答采用检索增强生成，答案必须给出条文出处。',
    '第 1–3 月：100 部标准入图；第 4–6 月：问答服务上线试用；第 7–9 月：扩展到 300 部并与校审工具对接。',
    '300 部标准入图，问答准确率 85% 以上，月活 200 人以上，申请软件著作权 2 项。'),
  A('cost', 'huangli', [['sunhao', true], ['ximeng', false]],
    '治理十年造价数据，建立指标库，用机器学习模型做方案阶段智能估算。',
    '统一清单与指标口径后批量导入历史工程文件；按工程类型分别训练梯度提升回归模型，造价专家规则对结果做合理性校正。',
    '第 1–4 月：数据治理与入库；第 5–7 月：模型训练与验证；第 8–9 月：工具上线并发布年度指标报告。',
    '入库项目 800 个，方案阶段估算偏差不超过 8%，估算半天内出具。'),
  A('site', 'xujun', [['maxiaoyu', true], ['yuhang', true]],
    '总部—项目两级智慧工地平台，先在三个重点项目上线。',
    '统一 IoT 接入网关，视频 AI 识别安全帽、反光衣和危险区域闯入；移动巡检问题拍照上报、限时整改、复查闭环。',
    '第 1–3 月：平台与接入规范；第 4–7 月：三个项目上线；第 8–10 月：与 PM 系统打通、总结推广。',
    '三个项目上线，隐患闭环时长降到 24 小时以内，违规识别准确率 90%。'),
  A('water', 'hujie', [['duyi', true], ['guoyan', false]],
    '以设计 BIM 模型为底座，结合工艺机理模型与运行数据，建设超纯水站数字孪生。',
    'UE5 三维场景加 SCADA 数据接入；工艺段建立机理与数据混合模型，对加药量给出优化建议并由运行人员确认。',
    '第 1–4 月：场景与数据接入；第 5–10 月：工艺仿真与药耗优化；第 11–15 月：试运行与产品化。',
    '关键设备接入率 95%，吨水药耗降低 10%，形成一套可报价的产品方案。'),
  A('dataplatform', 'chenjing', [['qinlei', true], ['tangxin', false]],
    '先统一主数据和指标口径，再建设数据中台与经营驾驶舱。',
    '主数据管理先行，项目、客户、人员三类主数据一处维护、多处分发；数据集成采用增量同步，指标统一在指标字典中定义。',
    '第 1–4 月：主数据与指标字典；第 5–9 月：接入 8 个系统；第 10–12 月：经营驾驶舱上线。',
    '主数据一致率 98%，月度经营分析一天出数。'),
  A('aidesign', 'liangchen', [['zhaolei', false]],
    '青年突击队：用生成式 AI 加参数化设计快速生成满足规划条件的总图与体块方案。',
    'Grasshopper 参数化生成总图候选方案，规则引擎校核退线、间距、容积率；生成式 AI 负责体块与效果表达。',
    '第 1–2 月：工具原型；第 3–4 月：两个投标项目试用；第 5–6 月：模板库与培训。',
    '总图生成半天内完成，五个投标项目应用，培训 60 人。'),
  A('carbon', 'yeqing', [['hemengyao', true]],
    '党员先行：建设覆盖建材、施工、运行三阶段的碳排放核算平台。',
    '依据国家标准方法建立排放因子库，平台按 BIM 工程量自动核算，提供多方案对比和报告生成。',
    '第 1–3 月：因子库与方法；第 4–8 月：平台开发；第 9–10 月：对外咨询试点。',
    '因子库 2000 条，单项目核算一天完成，签订对外碳咨询合同 3 个。'),
  A('pv', 'linfeng', [['tianye', true]],
    '从 GIS 场址与屋面模型出发，自动排布组件、测算发电量并出图。',
    '屋面障碍物由点云与影像识别，排布采用规则加启发式优化，发电量调用 PVsyst 批量测算，出图基于模板自动生成。',
    '第 1–3 月：排布与测算引擎；第 4–6 月：自动出图；第 7–9 月：三个项目应用。',
    '初步设计用时降到 3 个工作日，自动出图比例 70%，应用装机 200 MW。'),
];
