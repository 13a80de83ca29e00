// How each kind of notification reads, in the reader's language. The web app words them from
// the same kind and params through its own i18n; this text is for every other client (and the
// email/WeCom channels to come), chosen from Accept-Language.
export const NOTIFICATION_KINDS = [
  'team.invited', 'team.confirmed', 'team.declined', 'challenge.returned', 'challenge.awarded',
  'application.qualified', 'application.disqualified', 'application.selected', 'application.not_selected', 'review.assigned',
  'decision.proposed', 'decision.approved', 'decision.returned', 'review.reminder', 'review.overdue', 'review.overdue_organizer',
  'pitch.scheduled', 'objection.filed', 'project.created', 'pledge.to_sign', 'pledge.signed', 'milestone.submitted', 'milestone.accepted',
  'milestone.returned', 'help.requested', 'help.escalated', 'help.answered', 'project.health', 'report.due', 'report.overdue',
  'midterm.continue', 'midterm.rectify', 'midterm.terminate', 'race.continue', 'race.eliminated', 'rectify.recheck', 'rectify.due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Lang = 'zh-CN' | 'zh-TW' | 'en';

type Params = Record<string, string | null | undefined>;
const q = (p: Params, k: string) => p[k] ?? '';

const HEALTH_ZH: Record<string, string> = { green: '绿色（正常）', amber: '黄色（关注）', red: '红色（预警）' };
const HEALTH_TW: Record<string, string> = { green: '綠色（正常）', amber: '黃色（關注）', red: '紅色（預警）' };
const HEALTH_EN: Record<string, string> = { green: 'green (on track)', amber: 'amber (watch)', red: 'red (alert)' };

const TEXT: Record<Lang, Record<NotificationKind, (p: Params) => string>> = {
  'zh-CN': {
    'team.invited': (p) => `${q(p, 'actorName')} 邀请你加入「${q(p, 'title')}」的揭榜团队`,
    'team.confirmed': (p) => `${q(p, 'actorName')} 已确认加入你在「${q(p, 'title')}」的团队`,
    'team.declined': (p) => `${q(p, 'actorName')} 谢绝了加入你在「${q(p, 'title')}」的团队`,
    'challenge.returned': (p) => `课题「${q(p, 'title')}」被退回修改：${q(p, 'reason')}`,
    'challenge.awarded': (p) => `课题「${q(p, 'title')}」已确认立项`,
    'application.qualified': (p) => `你对「${q(p, 'title')}」的揭榜通过了资格审查`,
    'application.disqualified': (p) => `你对「${q(p, 'title')}」的揭榜未通过资格审查：${q(p, 'reason')}`,
    'application.selected': (p) => `你对「${q(p, 'title')}」的揭榜已被选定`,
    'application.not_selected': (p) => `你对「${q(p, 'title')}」的揭榜未被选定`,
    'review.assigned': (p) => `请评审「${q(p, 'title')}」中分配给你的报名（截止 ${q(p, 'deadline')}）`,
    'decision.proposed': (p) => `课题「${q(p, 'title')}」的评选决定待你审批`,
    'decision.approved': (p) => `课题「${q(p, 'title')}」的评选决定已获批准，可以选定并公示`,
    'decision.returned': (p) => `课题「${q(p, 'title')}」的评选决定被退回：${q(p, 'reason')}`,
    'review.reminder': (p) => `「${q(p, 'title')}」将于 ${q(p, 'deadline')} 截止评分，你还有评分表未提交`,
    'review.overdue': (p) => `「${q(p, 'title')}」已过评分截止时间，你还有评分表未提交`,
    'review.overdue_organizer': (p) => `「${q(p, 'title')}」已过评分截止时间，还有 ${q(p, 'missing')} 份评分表未提交`,
    'pitch.scheduled': (p) => `请参加「${q(p, 'title')}」的答辩：${q(p, 'startsAt')}（北京时间），${q(p, 'place')}`,
    'objection.filed': (p) => `课题「${q(p, 'title')}」的公示收到异议，请书面答复`,
    'project.created': (p) => `「${q(p, 'title')}」已立项：请完善并签署军令状`,
    'pledge.to_sign': (p) => `「${q(p, 'title')}」的军令状（第 ${q(p, 'version')} 版）待你签署`,
    'pledge.signed': (p) => `「${q(p, 'title')}」的军令状（第 ${q(p, 'version')} 版）已全部签署生效`,
    'milestone.submitted': (p) => `「${q(p, 'title')}」提交了里程碑“${q(p, 'milestone')}”，请验收`,
    'milestone.accepted': (p) => `「${q(p, 'title')}」的里程碑“${q(p, 'milestone')}”已通过验收，对应经费已拨付`,
    'milestone.returned': (p) => `「${q(p, 'title')}」的里程碑“${q(p, 'milestone')}”被退回：${q(p, 'reason')}`,
    'help.requested': (p) => `「${q(p, 'title')}」的揭榜人请求帮助，请在 ${q(p, 'dueAt')} 前答复`,
    'help.escalated': (p) => `「${q(p, 'title')}」的求助逾期未答复，已升级到你，请在 ${q(p, 'dueAt')} 前答复`,
    'help.answered': (p) => `你在「${q(p, 'title')}」的求助已得到答复`,
    'project.health': (p) => `「${q(p, 'title')}」的预警状态变为${HEALTH_ZH[q(p, 'health')] ?? q(p, 'health')}`,
    'report.due': (p) => `「${q(p, 'title')}」${q(p, 'period')} 期的进度报告将于 ${q(p, 'dueAt')} 到期，请及时填报`,
    'report.overdue': (p) => `「${q(p, 'title')}」${q(p, 'period')} 期的进度报告已逾期，请尽快填报`,
    'midterm.continue': (p) => `「${q(p, 'title')}」中期检查结论：继续执行`,
    'midterm.rectify': (p) => `「${q(p, 'title')}」中期检查结论：限期整改——${q(p, 'reason')}`,
    'midterm.terminate': (p) => `「${q(p, 'title')}」中期检查结论：终止项目——${q(p, 'reason')}`,
    'race.continue': (p) => `「${q(p, 'title')}」赛马阶段评比（${q(p, 'reason')}）：你的团队进入下一阶段`,
    'race.eliminated': (p) => `「${q(p, 'title')}」赛马阶段评比：${q(p, 'reason')}`,
    'rectify.recheck': (p) => `「${q(p, 'title')}」的整改期限已到，请组织复查`,
    'rectify.due': (p) => `「${q(p, 'title')}」的整改期限已到，管理办将组织复查`,
  },
  'zh-TW': {
    'team.invited': (p) => `${q(p, 'actorName')} 邀請你加入「${q(p, 'title')}」的揭榜團隊`,
    'team.confirmed': (p) => `${q(p, 'actorName')} 已確認加入你在「${q(p, 'title')}」的團隊`,
    'team.declined': (p) => `${q(p, 'actorName')} 謝絕了加入你在「${q(p, 'title')}」的團隊`,
    'challenge.returned': (p) => `課題「${q(p, 'title')}」被退回修改：${q(p, 'reason')}`,
    'challenge.awarded': (p) => `課題「${q(p, 'title')}」已確認立項`,
    'application.qualified': (p) => `你對「${q(p, 'title')}」的揭榜通過了資格審查`,
    'application.disqualified': (p) => `你對「${q(p, 'title')}」的揭榜未通過資格審查：${q(p, 'reason')}`,
    'application.selected': (p) => `你對「${q(p, 'title')}」的揭榜已被選定`,
    'application.not_selected': (p) => `你對「${q(p, 'title')}」的揭榜未被選定`,
    'review.assigned': (p) => `請評審「${q(p, 'title')}」中分配給你的報名（截止 ${q(p, 'deadline')}）`,
    'decision.proposed': (p) => `課題「${q(p, 'title')}」的評選決定待你審批`,
    'decision.approved': (p) => `課題「${q(p, 'title')}」的評選決定已獲批准，可以選定並公示`,
    'decision.returned': (p) => `課題「${q(p, 'title')}」的評選決定被退回：${q(p, 'reason')}`,
    'review.reminder': (p) => `「${q(p, 'title')}」將於 ${q(p, 'deadline')} 截止評分，你還有評分表未提交`,
    'review.overdue': (p) => `「${q(p, 'title')}」已過評分截止時間，你還有評分表未提交`,
    'review.overdue_organizer': (p) => `「${q(p, 'title')}」已過評分截止時間，還有 ${q(p, 'missing')} 份評分表未提交`,
    'pitch.scheduled': (p) => `請參加「${q(p, 'title')}」的答辯：${q(p, 'startsAt')}（北京時間），${q(p, 'place')}`,
    'objection.filed': (p) => `課題「${q(p, 'title')}」的公示收到異議，請書面答覆`,
    'project.created': (p) => `「${q(p, 'title')}」已立項：請完善並簽署軍令狀`,
    'pledge.to_sign': (p) => `「${q(p, 'title')}」的軍令狀（第 ${q(p, 'version')} 版）待你簽署`,
    'pledge.signed': (p) => `「${q(p, 'title')}」的軍令狀（第 ${q(p, 'version')} 版）已全部簽署生效`,
    'milestone.submitted': (p) => `「${q(p, 'title')}」提交了里程碑“${q(p, 'milestone')}”，請驗收`,
    'milestone.accepted': (p) => `「${q(p, 'title')}」的里程碑“${q(p, 'milestone')}”已通過驗收，對應經費已撥付`,
    'milestone.returned': (p) => `「${q(p, 'title')}」的里程碑“${q(p, 'milestone')}”被退回：${q(p, 'reason')}`,
    'help.requested': (p) => `「${q(p, 'title')}」的揭榜人請求幫助，請在 ${q(p, 'dueAt')} 前答覆`,
    'help.escalated': (p) => `「${q(p, 'title')}」的求助逾期未答覆，已升級到你，請在 ${q(p, 'dueAt')} 前答覆`,
    'help.answered': (p) => `你在「${q(p, 'title')}」的求助已得到答覆`,
    'project.health': (p) => `「${q(p, 'title')}」的預警狀態變為${HEALTH_TW[q(p, 'health')] ?? q(p, 'health')}`,
    'report.due': (p) => `「${q(p, 'title')}」${q(p, 'period')} 期的進度報告將於 ${q(p, 'dueAt')} 到期，請及時填報`,
    'report.overdue': (p) => `「${q(p, 'title')}」${q(p, 'period')} 期的進度報告已逾期，請儘快填報`,
    'midterm.continue': (p) => `「${q(p, 'title')}」中期檢查結論：繼續執行`,
    'midterm.rectify': (p) => `「${q(p, 'title')}」中期檢查結論：限期整改——${q(p, 'reason')}`,
    'midterm.terminate': (p) => `「${q(p, 'title')}」中期檢查結論：終止項目——${q(p, 'reason')}`,
    'race.continue': (p) => `「${q(p, 'title')}」賽馬階段評比（${q(p, 'reason')}）：你的團隊進入下一階段`,
    'race.eliminated': (p) => `「${q(p, 'title')}」賽馬階段評比：${q(p, 'reason')}`,
    'rectify.recheck': (p) => `「${q(p, 'title')}」的整改期限已到，請組織複查`,
    'rectify.due': (p) => `「${q(p, 'title')}」的整改期限已到，管理辦將組織複查`,
  },
  en: {
    'team.invited': (p) => `${q(p, 'actorName')} invited you to their team for “${q(p, 'title')}”`,
    'team.confirmed': (p) => `${q(p, 'actorName')} joined your team for “${q(p, 'title')}”`,
    'team.declined': (p) => `${q(p, 'actorName')} declined to join your team for “${q(p, 'title')}”`,
    'challenge.returned': (p) => `The challenge “${q(p, 'title')}” was returned for changes: ${q(p, 'reason')}`,
    'challenge.awarded': (p) => `The challenge “${q(p, 'title')}” has been awarded`,
    'application.qualified': (p) => `Your application for “${q(p, 'title')}” passed the eligibility check`,
    'application.disqualified': (p) => `Your application for “${q(p, 'title')}” did not pass the eligibility check: ${q(p, 'reason')}`,
    'application.selected': (p) => `Your application for “${q(p, 'title')}” was selected`,
    'application.not_selected': (p) => `Your application for “${q(p, 'title')}” was not selected`,
    'review.assigned': (p) => `Please review the applications assigned to you in “${q(p, 'title')}” (due ${q(p, 'deadline')})`,
    'decision.proposed': (p) => `The decision on “${q(p, 'title')}” awaits your approval`,
    'decision.approved': (p) => `The decision on “${q(p, 'title')}” was approved: select and start the notice`,
    'decision.returned': (p) => `The decision on “${q(p, 'title')}” was sent back: ${q(p, 'reason')}`,
    'review.reminder': (p) => `Scoring in “${q(p, 'title')}” closes at ${q(p, 'deadline')}: you have sheets to submit`,
    'review.overdue': (p) => `Scoring in “${q(p, 'title')}” is past its deadline: you have sheets to submit`,
    'review.overdue_organizer': (p) => `Scoring in “${q(p, 'title')}” is past its deadline: ${q(p, 'missing')} sheets are missing`,
    'pitch.scheduled': (p) => `Your pitch for “${q(p, 'title')}”: ${q(p, 'startsAt')} (Beijing time), ${q(p, 'place')}`,
    'objection.filed': (p) => `An objection to the notice of “${q(p, 'title')}” awaits your written answer`,
    'project.created': (p) => `“${q(p, 'title')}” is now a project: complete and sign the pledge`,
    'pledge.to_sign': (p) => `The pledge of “${q(p, 'title')}” (version ${q(p, 'version')}) awaits your signature`,
    'pledge.signed': (p) => `The pledge of “${q(p, 'title')}” (version ${q(p, 'version')}) is signed by all and in force`,
    'milestone.submitted': (p) => `“${q(p, 'title')}” submitted the milestone “${q(p, 'milestone')}” for acceptance`,
    'milestone.accepted': (p) => `The milestone “${q(p, 'milestone')}” of “${q(p, 'title')}” was accepted; its tranche is released`,
    'milestone.returned': (p) => `The milestone “${q(p, 'milestone')}” of “${q(p, 'title')}” was returned: ${q(p, 'reason')}`,
    'help.requested': (p) => `The lead of “${q(p, 'title')}” asks for help: answer by ${q(p, 'dueAt')}`,
    'help.escalated': (p) => `A help request of “${q(p, 'title')}” went unanswered and now reaches you: answer by ${q(p, 'dueAt')}`,
    'help.answered': (p) => `Your help request in “${q(p, 'title')}” was answered`,
    'project.health': (p) => `“${q(p, 'title')}” is now ${HEALTH_EN[q(p, 'health')] ?? q(p, 'health')}`,
    'report.due': (p) => `The progress report of “${q(p, 'title')}” for ${q(p, 'period')} is due on ${q(p, 'dueAt')}`,
    'report.overdue': (p) => `The progress report of “${q(p, 'title')}” for ${q(p, 'period')} is overdue`,
    'midterm.continue': (p) => `Mid-term review of “${q(p, 'title')}”: continue`,
    'midterm.rectify': (p) => `Mid-term review of “${q(p, 'title')}”: rectify by a deadline — ${q(p, 'reason')}`,
    'midterm.terminate': (p) => `Mid-term review of “${q(p, 'title')}”: terminated — ${q(p, 'reason')}`,
    'race.continue': (p) => `Race gate of “${q(p, 'title')}” (${q(p, 'reason')}): your team goes on`,
    'race.eliminated': (p) => `Race gate of “${q(p, 'title')}”: ${q(p, 'reason')}`,
    'rectify.recheck': (p) => `The rectification of “${q(p, 'title')}” is due: re-check it`,
    'rectify.due': (p) => `The rectification of “${q(p, 'title')}” is due: the organizers will re-check it`,
  },
};

export function renderNotification(lang: Lang, kind: string, params: Params): string {
  const f = TEXT[lang][kind as NotificationKind];
  return f ? f(params) : kind;
}

/** The reader's language from an Accept-Language header (default 简体). */
export function langOf(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first === 'zh-tw' || first === 'zh-hk' || first.startsWith('zh-hant')) return 'zh-TW';
  return 'zh-CN';
}
