// The 15 digital-transformation topics (榜单) of the demo campaign, plus two that a sponsor is
// still working on, so the organizer's console has something to approve. Written as a design
// institute would write them; the seed maps them onto the challenge service's input.
import type { ChallengeCreate } from '../challenges/schemas.ts';
import type { Kpi } from '../challenges/kpis.ts';

type Eligibility = NonNullable<ChallengeCreate['eligibility']>;

export type DemoKpi = Kpi;

export interface DemoChallenge {
  key: string;
  sponsor: string; // login of the sponsor who drafts it
  dept: string; // key of the sponsor department (inside the sponsor's scope)
  contact: string;
  title: string;
  category: '业务数字化' | '数字化业务' | '管理' | '技术';
  background: string;
  goals: string;
  kpis: DemoKpi[];
  deliverables: string;
  durationMonths: number;
  budgetWan: number; // 万元
  rewardsWan: { excellent: number; good: number; pass: number }; // 万元 per acceptance grade
  eligibility?: Eligibility;
  technicalRoute: string;
  teamSizeMin: number;
  teamSizeMax: number;
  raceWinners?: number;
  tags: string[];
}

/** A KPI from baseline to target: lower is better when the target is below the baseline (72 → 24 小时). */
export const K = (name: string, baseline: string, target: string, unit: string, weight: number): DemoKpi => ({
  name, direction: Number(target) < Number(baseline) ? 'lower' : 'higher', baseline: Number(baseline), target: Number(target), unit, weight, measure: null, description: null,
});

const PSIM = 'PSIM 技术路线：平台化（Platform）、标准化（Standard）、智能化（Intelligence）、模型驱动（Model），总体规划、试点先行、全面推进、分步实施';

export const CHALLENGES: DemoChallenge[] = [
  {
    key: 'bim', sponsor: 'sponsor2', dept: 'jz', contact: '孙立军 010-6812 3301',
    title: 'BIM 正向协同设计平台', category: '业务数字化',
    background: '院内建筑、结构、机电专业目前以二维出图为主，BIM 多为“翻模”，模型与图纸两张皮，专业间提资靠邮件和文件夹，版本混乱、碰撞问题到施工阶段才暴露。业主对全过程 BIM 正向设计与模型交付的要求越来越多，多个 EPC 项目因此增加了返工成本。亟需建立基于统一模型的多专业正向协同设计平台，形成院级 BIM 标准、构件库与协同流程。',
    goals: '建成覆盖建筑、结构、机电三专业的 BIM 正向协同设计平台，在两个在建项目试点全流程正向设计，形成院级 BIM 设计标准与族库。',
    kpis: [K('试点项目正向设计出图比例', '10', '80', '%', 40), K('专业间碰撞问题减少', '0', '60', '%', 30), K('院级标准族库构件数', '300', '3000', '个', 30)],
    deliverables: '协同设计平台（含权限与版本管理）；《院 BIM 正向设计标准》；标准族库；两个试点项目的模型与总结报告。',
    durationMonths: 12, budgetWan: 180, rewardsWan: { excellent: 30, good: 20, pass: 10 },
    technicalRoute: PSIM, teamSizeMin: 3, teamSizeMax: 8, raceWinners: 2, tags: ['BIM', '正向设计', '协同', '赛马'],
  },
  {
    key: 'delivery', sponsor: 'sponsor', dept: 'sz', contact: '周建华 010-6812 3210',
    title: '工程数字化交付标准与平台', category: '数字化业务',
    background: '电子、能源类业主普遍要求工程竣工时提交数字化交付成果，但各项目交付内容、编码规则和格式不一，交付物靠人工整理，一个大型项目往往需要十余人月。院内尚无统一的数字化交付标准和工具，无法形成可复制的产品和服务，错失了数字化交付这一新的业务增长点。同时，集团已将数字化交付列入“十四五”科技创新重点任务，院里需要尽快拿出可推广的成果。',
    goals: '编制院级工程数字化交付标准，开发交付平台，实现设计、采购、施工信息按统一编码自动归集与移交，形成可对外提供的数字化交付服务产品。',
    kpis: [K('交付物自动归集率', '0', '85', '%', 40), K('单项目交付整理工作量', '12', '3', '人月', 35), K('对外签约数字化交付项目', '0', '2', '个', 25)],
    deliverables: '《工程数字化交付标准》；数字化交付平台；对外服务方案与报价体系；一个示范项目的完整交付包。',
    durationMonths: 12, budgetWan: 150, rewardsWan: { excellent: 25, good: 15, pass: 8 },
    technicalRoute: PSIM, teamSizeMin: 3, teamSizeMax: 7, tags: ['数字化交付', '标准', '平台'],
  },
  {
    key: 'site', sponsor: 'sponsor3', dept: 'zcb', contact: '吴海涛 010-6812 3450',
    title: '智慧工地管理系统', category: '业务数字化',
    background: '工程总承包部在建项目二十余个，分布在多个省份，现场人员、机械、安全与质量问题主要靠日报和微信群汇报，总部难以及时掌握。去年发生的几起安全隐患都是事后才发现。需要一套覆盖人员实名、视频 AI 识别、塔吊与深基坑监测、质量安全巡检闭环的智慧工地系统，并与项目管理系统打通。项目现场网络条件差异大，系统需要支持离线巡检和低成本设备接入。',
    goals: '建成总部—项目两级智慧工地系统，在三个项目上线，实现安全隐患自动识别和巡检问题闭环管理。',
    kpis: [K('上线项目数', '0', '3', '个', 30), K('安全隐患发现到整改闭环平均时长', '72', '24', '小时', 40), K('未戴安全帽等违规自动识别准确率', '0', '90', '%', 30)],
    deliverables: '智慧工地平台（Web 与移动端）；IoT 设备接入规范；三个项目的上线报告；运维手册。',
    durationMonths: 10, budgetWan: 120, rewardsWan: { excellent: 20, good: 12, pass: 6 },
    technicalRoute: 'IoT 设备接入 + 视频 AI 识别 + 移动巡检，按“一个平台、两级应用”建设', teamSizeMin: 2, teamSizeMax: 6, tags: ['智慧工地', 'IoT', '安全'],
  },
  {
    key: 'kg', sponsor: 'sponsor', dept: 'sz', contact: '周建华 010-6812 3210',
    title: '工程建设标准知识图谱', category: '技术',
    background: '设计人员每天要查阅大量国家、行业和地方标准，条文之间相互引用，新旧版本更替频繁，靠个人经验和 PDF 检索容易漏用、误用条文，校审中发现的规范问题约三成与此有关。院内积累的标准解读、专家经验也分散在个人手中。需要把标准条文结构化，构建知识图谱，为智能检索、智能校审和设计辅助提供知识底座。该知识底座也将为后续大模型应用提供可信的专业知识来源。',
    goals: '构建覆盖电子厂房、数据中心、能源三类工程常用标准的知识图谱，提供条文智能问答与关联检索服务。',
    kpis: [K('结构化标准数量', '0', '300', '部', 30), K('条文问答准确率', '0', '85', '%', 40), K('月活跃使用人数', '0', '200', '人', 30)],
    deliverables: '标准知识图谱及构建工具链；智能检索与问答服务；标准版本更替提醒功能；技术报告与软件著作权。',
    durationMonths: 9, budgetWan: 80, rewardsWan: { excellent: 15, good: 10, pass: 5 },
    technicalRoute: PSIM, teamSizeMin: 2, teamSizeMax: 6, tags: ['知识图谱', '标准', '大模型', 'NLP'],
  },
  {
    key: 'review', sponsor: 'sponsor2', dept: 'jg', contact: '钱学海 010-6812 3320',
    title: '设计成果智能校审', category: '技术',
    background: '设计成果的校对、审核、审定三级校审占用了总工和骨干大量时间，一个中型项目的结构施工图校审约需两周，且质量依赖个人水平。常见问题如强条遗漏、构件配筋不满足规范、图纸与计算书不一致等具有规律性，适合用规则引擎和 AI 自动发现。智能校审可以把骨干从重复劳动中解放出来。课题成果将纳入院质量管理体系，并与标准知识图谱课题衔接。',
    goals: '开发结构与建筑专业智能校审工具，覆盖常见强条和图模一致性检查，在院内校审流程中试用。',
    kpis: [K('可自动检查的规则条数', '0', '500', '条', 35), K('典型问题检出率', '0', '80', '%', 40), K('单项目校审用时', '10', '5', '工作日', 25)],
    deliverables: '智能校审工具（含规则库与管理界面）；校审规则编写规范；试用报告。',
    durationMonths: 10, budgetWan: 90, rewardsWan: { excellent: 15, good: 10, pass: 5 },
    technicalRoute: PSIM, teamSizeMin: 2, teamSizeMax: 6, tags: ['智能校审', 'AI', '规范', '结构'],
  },
  {
    key: 'cost', sponsor: 'sponsor4', dept: 'zj', contact: '郑丽萍 010-6812 3530',
    title: '造价大数据与智能估算', category: '数字化业务',
    background: '造价咨询所十余年来完成了上千个项目的概算、预算和结算，数据散落在各个广联达工程文件和 Excel 中，无法复用。投标和前期咨询阶段的估算主要依靠经验指标，偏差时常超过 15%。业主希望在方案阶段就得到可靠的投资估算。建立造价数据库和智能估算模型，既能提升内部效率，也可形成对外的数据服务。课题需兼顾数据安全，涉密和业主保密数据不得出院。',
    goals: '建成院造价指标数据库，开发基于历史数据的智能估算工具，在方案阶段估算偏差控制在 8% 以内。',
    kpis: [K('入库历史项目数', '0', '800', '个', 30), K('方案阶段估算偏差', '15', '8', '%', 45), K('估算出具用时', '3', '0.5', '天', 25)],
    deliverables: '造价指标数据库与数据治理规则；智能估算工具；造价指标年度报告（可对外发布版本）。',
    durationMonths: 9, budgetWan: 70, rewardsWan: { excellent: 12, good: 8, pass: 4 },
    technicalRoute: '数据治理 + 机器学习回归模型 + 造价专家规则校正', teamSizeMin: 2, teamSizeMax: 5, tags: ['造价', '大数据', '机器学习'],
  },
  {
    key: 'water', sponsor: 'sponsor2', dept: 'jd', contact: '冯雪梅 010-6812 3340',
    title: '数字孪生水厂', category: '数字化业务',
    background: '院在电子工业超纯水、废水处理领域有多年设计积累，业主运营阶段普遍面临工艺参数凭经验调节、药耗能耗偏高、故障难以预判的问题。将设计阶段的 BIM 模型、工艺模型与运行数据结合，构建数字孪生水厂，可以把设计能力延伸到运营服务，形成新的数字化业务。已有一家业主表达了试点意愿。课题须遵守业主生产数据安全要求，并为后续推广到废水站、纯水站等场景预留扩展能力。',
    goals: '在一个超纯水站试点建成数字孪生系统，实现三维可视、工艺仿真和药耗优化，形成可复制的产品方案。',
    kpis: [K('关键设备数据接入率', '0', '95', '%', 30), K('吨水药耗降低', '0', '10', '%', 40), K('形成产品化方案并报价', '0', '1', '套', 30)],
    deliverables: '数字孪生水厂系统（三维场景、数据接入、工艺仿真）；试点运行报告；产品白皮书。',
    durationMonths: 15, budgetWan: 160, rewardsWan: { excellent: 28, good: 18, pass: 9 },
    technicalRoute: PSIM, teamSizeMin: 3, teamSizeMax: 8, tags: ['数字孪生', '水处理', 'BIM', 'IoT'],
  },
  {
    key: 'dataplatform', sponsor: 'sponsor', dept: 'xx', contact: '蒋文博 010-6812 3220',
    title: '企业数据中台', category: '管理',
    background: '院内有经营、财务、人力、项目、档案等十余套系统，数据标准不一，同一项目在不同系统中名称和编码都不同。每月经营分析要人工从多个系统导数、核对，耗时一周以上，领导看到的数据往往已经滞后。需要建设企业数据中台，统一主数据和指标口径，为驾驶舱和各业务应用提供一致的数据服务。数据中台也是院“十四五”数字化规划的基础工程，是多项课题共同的数据来源。',
    goals: '建成企业数据中台，统一项目、客户、人员三类主数据，上线院级经营驾驶舱。',
    kpis: [K('接入业务系统数', '0', '8', '个', 30), K('主数据一致率', '60', '98', '%', 35), K('月度经营分析出数用时', '7', '1', '天', 35)],
    deliverables: '数据中台（数据集成、治理、服务）；主数据标准与指标字典；经营驾驶舱。',
    durationMonths: 12, budgetWan: 200, rewardsWan: { excellent: 30, good: 20, pass: 10 },
    technicalRoute: PSIM, teamSizeMin: 3, teamSizeMax: 8, tags: ['数据中台', '主数据', '驾驶舱'],
  },
  {
    key: 'pm', sponsor: 'sponsor3', dept: 'zcb', contact: '彭博 010-6812 3460',
    title: '项目管理数字化（PM 系统）', category: '管理',
    background: '设计与总承包项目的进度、合同、成本、质量目前分别在不同表格中管理，项目经理每周花大量时间填报，管理层只能看到月报。多个项目出现进度滞后、成本超支后才被发现的情况。需要一套覆盖项目全生命周期的项目管理系统，实现计划、合同、成本、风险一体化管理，并与财务和智慧工地打通。系统上线后，项目经理的填报负担应明显减轻，而不是增加一套新的报表。',
    goals: '上线院级项目管理系统，覆盖在建总承包项目，实现进度与成本偏差自动预警。',
    kpis: [K('系统覆盖在建项目比例', '0', '100', '%', 30), K('进度偏差预警提前量', '0', '2', '周', 35), K('项目经理周填报用时', '6', '2', '小时', 35)],
    deliverables: '项目管理系统（Web 与移动端）；项目管理数字化流程与制度；数据接口说明。',
    durationMonths: 12, budgetWan: 150, rewardsWan: { excellent: 25, good: 15, pass: 8 },
    technicalRoute: '业务流程梳理 + 低代码平台快速迭代 + 与财务、智慧工地接口集成', teamSizeMin: 3, teamSizeMax: 7, raceWinners: 2, tags: ['项目管理', 'PM', 'EPC', '赛马'],
  },
  {
    key: 'archive', sponsor: 'sponsor', dept: 'xx', contact: '沈莉 010-6812 3610',
    title: '档案数字化与智能检索', category: '管理',
    background: '院档案室保存着建院以来的纸质图纸和文书档案二十余万卷，查找一套历史图纸平均需要半天，且原件反复调阅存在损坏风险。新项目设计中复用历史成果的需求很大，但现有档案系统只能按题名检索。需要对重点档案进行数字化加工，并利用 OCR 和语义检索实现图纸内容级的智能检索。档案数字化须符合国家档案数字化加工规范，涉密档案单独处理，不得联网。',
    goals: '完成重点工程档案数字化加工，建成支持全文与语义检索的智能档案系统。',
    kpis: [K('数字化加工档案量', '2', '8', '万卷', 35), K('档案查找平均用时', '240', '10', '分钟', 40), K('图纸 OCR 识别准确率', '0', '92', '%', 25)],
    deliverables: '数字化档案库；智能检索系统；档案数字化加工规范；借阅与利用统计报表。',
    durationMonths: 8, budgetWan: 60, rewardsWan: { excellent: 10, good: 6, pass: 3 },
    technicalRoute: '扫描加工 + OCR + 向量语义检索，按先重点工程、后一般档案分步实施', teamSizeMin: 1, teamSizeMax: 5, tags: ['档案', 'OCR', '智能检索'],
  },
  {
    key: 'aidesign', sponsor: 'sponsor2', dept: 'jz', contact: '蒋涛 010-6812 3310',
    title: 'AI 辅助方案设计', category: '技术',
    background: '投标和方案阶段时间紧、方案比选多，建筑师需要在几天内完成总图布置、体块推敲和多轮效果表达。生成式 AI 和参数化设计工具发展很快，但院内尚无成体系的应用，个人零散尝试无法沉淀。本课题面向青年设计师，鼓励大胆尝试，用 AI 快速生成满足规划条件的总图和体块方案，提高方案阶段效率。英雄不问出处，欢迎建筑、规划、景观及数字化专业的青年组队揭榜。',
    goals: '形成面向厂房和园区类项目的 AI 辅助方案设计工具链，在五个投标项目中应用。',
    kpis: [K('单个方案总图生成用时', '3', '0.5', '天', 40), K('应用投标项目数', '0', '5', '个', 35), K('院内培训人数', '0', '60', '人', 25)],
    deliverables: 'AI 辅助总图与体块生成工具；提示词与参数化模板库；应用案例集；培训课程。',
    durationMonths: 6, budgetWan: 40, rewardsWan: { excellent: 8, good: 5, pass: 2 },
    eligibility: { text: '青年突击队课题：仅限青年（35 岁及以下）挂帅，团队成员不限', youthOnly: true },
    technicalRoute: '生成式 AI + 参数化设计（Rhino/Grasshopper）+ 规划条件规则校核', teamSizeMin: 1, teamSizeMax: 5, tags: ['AI', '方案设计', '青年突击队', '参数化'],
  },
  {
    key: 'om', sponsor: 'sponsor2', dept: 'jd', contact: '袁浩 010-6812 3341',
    title: '设备运维数字孪生', category: '数字化业务',
    background: '洁净厂房和数据中心的机电设备数量多、系统复杂，业主运维团队依赖纸质图纸和经验排查故障，设备台账与现场不一致。院作为设计方掌握完整的系统模型和设备参数，具备向运维服务延伸的条件。需要基于竣工模型构建设备运维数字孪生，实现设备台账、巡检、故障定位和能耗分析一体化。运维平台的建设经验还将反哺设计，推动设计成果向运维阶段延伸交付。',
    goals: '基于一个数据中心项目的竣工模型，建成设备运维数字孪生平台并交付业主试运行。',
    kpis: [K('模型设备与台账一致率', '70', '99', '%', 30), K('故障定位平均用时', '60', '15', '分钟', 40), K('机电系统能耗降低', '0', '8', '%', 30)],
    deliverables: '运维数字孪生平台；模型轻量化与编码规则；业主试运行报告。',
    durationMonths: 12, budgetWan: 130, rewardsWan: { excellent: 22, good: 14, pass: 7 },
    technicalRoute: PSIM, teamSizeMin: 3, teamSizeMax: 7, tags: ['数字孪生', '运维', '数据中心', '机电'],
  },
  {
    key: 'oa', sponsor: 'sponsor', dept: 'xx', contact: '宋涛 010-6812 3221',
    title: '协同办公与移动审批', category: '管理',
    background: '院内公文、合同、用印、出差等审批仍有大量纸质流程，外地项目人员需要专门回院签字，一份合同审批平均要五个工作日。现有 OA 系统界面陈旧、不支持移动端，与财务、项目系统不通。需要重构协同办公平台，实现主要流程移动审批、电子签章和统一待办。新平台须满足信息安全等级保护要求，并兼顾年长员工的使用习惯，界面简洁、字号可调。',
    goals: '上线新一代协同办公平台，主要审批流程全部线上化并支持移动端。',
    kpis: [K('线上化审批流程数', '20', '80', '个', 30), K('合同审批平均用时', '5', '1.5', '工作日', 40), K('移动端审批占比', '0', '60', '%', 30)],
    deliverables: '协同办公平台（含移动端）；电子签章集成；流程梳理与制度修订建议。',
    durationMonths: 8, budgetWan: 90, rewardsWan: { excellent: 15, good: 10, pass: 5 },
    technicalRoute: '流程引擎 + 统一身份认证 + 电子签章，先试点后全面推广', teamSizeMin: 1, teamSizeMax: 6, tags: ['协同办公', '移动审批', '电子签章'],
  },
  {
    key: 'pv', sponsor: 'sponsor2', dept: 'xny', contact: '林峰 010-6812 3350',
    title: '光伏电站智能设计', category: '业务数字化',
    background: '分布式和集中式光伏项目数量快速增长，设计周期被压缩到一两周。组件排布、阵列间距、逆变器与电缆选型目前需要在多个软件间反复导数据，方案调整一次要一两天，屋顶光伏还要人工描绘障碍物。需要一套从场址 GIS 与屋面模型出发，自动排布、计算发电量并出图的光伏智能设计工具。院新能源业务正处于快速增长期，设计效率直接影响投标响应速度和项目承接能力。',
    goals: '开发光伏电站智能设计工具，实现组件自动排布、发电量测算与主要图纸自动生成。',
    kpis: [K('单项目初步设计用时', '10', '3', '工作日', 40), K('自动出图比例', '0', '70', '%', 30), K('应用项目装机容量', '0', '200', 'MW', 30)],
    deliverables: '光伏智能设计工具；设备与构件参数库；三个应用项目的设计成果。',
    durationMonths: 9, budgetWan: 75, rewardsWan: { excellent: 12, good: 8, pass: 4 },
    technicalRoute: 'GIS + 三维屋面建模 + 规则驱动排布优化 + 自动出图', teamSizeMin: 2, teamSizeMax: 5, tags: ['光伏', '新能源', 'GIS', '智能设计'],
  },
  {
    key: 'carbon', sponsor: 'sponsor2', dept: 'xny', contact: '叶青 010-6812 3351',
    title: '碳排放核算平台', category: '数字化业务',
    background: '在“双碳”目标下，业主在可研和设计阶段就要求提供建筑全生命周期碳排放分析，电子企业还面临供应链碳披露要求。院内目前靠手工套用排放因子计算，口径不一、难以复核，也无法对外提供专业服务。本课题事关院的绿色低碳业务布局，由党员带头攻关，建设碳排放核算平台。平台须采用国家和行业认可的核算方法，核算过程可追溯、可复核，经得起第三方审查。',
    goals: '建成覆盖建材生产、施工、运行阶段的碳排放核算平台，并形成对外咨询服务能力。',
    kpis: [K('排放因子库条目', '0', '2000', '条', 30), K('单项目碳排放核算用时', '5', '1', '工作日', 40), K('对外碳咨询合同', '0', '3', '个', 30)],
    deliverables: '碳排放核算平台；排放因子库；核算方法说明书；对外服务方案。',
    durationMonths: 10, budgetWan: 85, rewardsWan: { excellent: 14, good: 9, pass: 4 },
    eligibility: { text: '党员先行课题：挂帅人须为中共党员或预备党员', politicalStatuses: ['party_member', 'probationary'] },
    technicalRoute: PSIM, teamSizeMin: 2, teamSizeMax: 6, tags: ['双碳', '碳排放', '绿色低碳', '党员先行'],
  },
];

/** Left with the sponsor: one draft, one submitted and waiting for the organizer. */
export const PENDING_CHALLENGES: (DemoChallenge & { submit: boolean })[] = [
  {
    key: 'llm', submit: true, sponsor: 'sponsor', dept: 'sz', contact: '周建华 010-6812 3210',
    title: '设计院私有化大模型知识助手', category: '技术',
    background: '大模型在文档写作、规范问答、代码生成等方面展示出很大潜力，院内员工已开始自发使用公共服务，存在设计资料外泄风险。需要在院内私有化部署大模型，接入院内标准、项目文档和知识库，为设计、经营和管理人员提供安全可控的知识助手，并与标准知识图谱课题衔接。课题须同步制定大模型使用安全规范，确保涉密和业主数据不出院、不进入公共服务。',
    goals: '私有化部署大模型并接入院内知识库，上线面向全员的知识助手。',
    kpis: [K('接入知识文档量', '0', '5', '万篇', 30), K('问答满意度', '0', '85', '%', 40), K('月活跃用户', '0', '500', '人', 30)],
    deliverables: '私有化大模型服务；知识库接入工具；使用规范与安全管理办法。',
    durationMonths: 8, budgetWan: 120, rewardsWan: { excellent: 20, good: 12, pass: 6 },
    technicalRoute: PSIM, teamSizeMin: 2, teamSizeMax: 6, tags: ['大模型', '知识库', '信息安全'],
  },
  {
    key: 'gis', submit: false, sponsor: 'sponsor', dept: 'sz', contact: '潘雯 010-6812 3212',
    title: '园区 GIS+BIM 一张图', category: '数字化业务',
    background: '园区类项目规划、设计、建设、运营各阶段的数据分散，业主希望有一张图看全园区。院已有 GIS 和 BIM 能力，但二者尚未融合，模型上图需要大量手工处理。本课题拟研究 GIS 与 BIM 的融合引擎和轻量化方法，形成园区一张图产品，服务园区业主的规划建设管理。课题成果将作为院园区类项目全过程咨询的标准配置向业主推介。',
    goals: '形成 GIS+BIM 融合的园区一张图产品原型，在一个园区项目试点。',
    kpis: [K('BIM 模型自动上图用时', '5', '0.5', '天', 40), K('试点园区覆盖建筑数', '0', '30', '栋', 30), K('三维场景加载用时', '30', '5', '秒', 30)],
    deliverables: '园区一张图产品原型；GIS/BIM 融合与轻量化工具；试点报告。',
    durationMonths: 10, budgetWan: 95, rewardsWan: { excellent: 16, good: 10, pass: 5 },
    technicalRoute: 'Cesium + BIM 轻量化 + 统一空间编码', teamSizeMin: 2, teamSizeMax: 6, tags: ['GIS', 'BIM', '园区', '三维可视化'],
  },
];
