// The score sheet of a round as an xlsx workbook with Chinese headers (exceljs): the ranking with
// its method and band, every sheet per expert and criterion, and the draw's published inputs.
import { signedIn, type Ctx } from '../../lib/context.ts';
import { forbidden } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import { sheetTotal } from './aggregate.ts';
import { mayReadReview } from './policy.ts';
import { loadRound, roundResults, rubricOf } from './rounds.ts';

export async function exportRound(ctx: Ctx, id: string): Promise<{ filename: string; body: Buffer }> {
  signedIn(ctx);
  if (!mayReadReview(ctx.actor)) throw forbidden('Exporting review results needs the organizer, supervisor or leader role.', { requiredRoles: ['organizer', 'supervisor', 'leader'] });
  const r = await loadRound(ctx.db, id);
  const results = await roundResults(ctx, id);
  const rubric = rubricOf(r);
  const sheets = await ctx.db.selectFrom('review_sheets as s').innerJoin('users as u', 'u.id', 's.expert_id')
    .innerJoin('review_assignments as a', (j) => j.onRef('a.round_id', '=', 's.round_id').onRef('a.application_id', '=', 's.application_id').onRef('a.expert_id', '=', 's.expert_id'))
    .select(['s.application_id', 'u.name', 's.scores', 's.comment', 's.status', 's.submitted_at']).where('s.round_id', '=', id).where('a.status', '=', 'assigned')
    .orderBy('s.application_id').orderBy('u.name_pinyin').execute();
  const byApp = new Map(results.ranking.map((x) => [x.applicationId, x]));

  // Loaded when a workbook is asked for: exceljs costs the process ~8 MB of heap from start-up otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiebang';
  wb.created = ctx.now();
  const ranking = wb.addWorksheet('排名');
  ranking.columns = [
    { header: '名次', key: 'rank', width: 6 }, { header: '挂帅人', key: 'lead', width: 12 }, { header: '课题', key: 'challenge', width: 30 },
    { header: '得分', key: 'score', width: 10 }, { header: '原始平均分', key: 'raw', width: 12 }, { header: '标准误', key: 'se', width: 10 },
    { header: '分歧（标准差）', key: 'spread', width: 14 }, { header: '评分表', key: 'sheets', width: 10 }, { header: '去极值', key: 'trimmed', width: 8 },
    { header: '需答辩', key: 'band', width: 8 }, { header: '提示', key: 'flags', width: 30 },
  ];
  for (const x of results.ranking) {
    ranking.addRow({
      rank: x.rank, lead: x.leadName, challenge: x.challengeTitle, score: x.score, raw: x.rawScore, se: x.standardError, spread: x.spread,
      sheets: `${x.sheets}/${x.expected}`, trimmed: x.trimmed ? '是' : '否', band: x.inBand ? '是' : '否',
      flags: x.flags.map((f) => (f.kind === 'outlier' ? '专家评分偏离' : '专家分歧大')).join('；'),
    });
  }
  ranking.addRow({});
  ranking.addRow({ rank: '说明', lead: `${results.method.calibrate ? '按每位专家标准化（z 分数）后取平均' : `平均分；${results.method.trimmedMeanFrom} 份及以上去掉一个最高分和一个最低分`}；拟选 ${results.method.winners} 个；同分先比权重最大的评分项，再比提交时间。${results.final ? '' : `还有 ${results.missingSheets} 份评分未提交，排名不是最终结果。`}` });
  ranking.getRow(1).font = { bold: true };

  const detail = wb.addWorksheet('评分明细');
  detail.columns = [
    { header: '挂帅人', key: 'lead', width: 12 }, { header: '专家', key: 'expert', width: 12 },
    ...rubric.map((c) => ({ header: `${c.name}（${c.weight}）`, key: `c_${c.key}`, width: 14 })),
    { header: '加权总分', key: 'total', width: 10 }, { header: '状态', key: 'status', width: 8 }, { header: '提交时间', key: 'at', width: 22 }, { header: '评审意见', key: 'comment', width: 40 },
  ];
  for (const s of sheets) {
    const scores = fromJson<Record<string, number>>(s.scores, {});
    detail.addRow({
      lead: byApp.get(s.application_id)?.leadName ?? '', expert: s.name,
      ...Object.fromEntries(rubric.map((c) => [`c_${c.key}`, scores[c.key] ?? null])),
      total: +sheetTotal(rubric, scores).toFixed(2), status: s.status === 'submitted' ? '已提交' : '草稿', at: s.submitted_at ?? '', comment: s.comment ?? '',
    });
  }
  detail.getRow(1).font = { bold: true };

  const draw = wb.addWorksheet('抽签');
  draw.columns = [{ header: '项目', key: 'k', width: 24 }, { header: '值', key: 'v', width: 80 }];
  draw.addRow({ k: '候选名单与规则的哈希', v: r.inputs_hash ?? '' });
  draw.addRow({ k: '种子的哈希', v: r.seed_hash ?? '' });
  draw.addRow({ k: '种子', v: r.status === 'scoring' || r.status === 'closed' ? r.seed ?? '' : '抽签时公开' });
  draw.addRow({ k: '每份报名专家数 / 每位专家上限', v: `${r.per_application} / ${r.max_load}` });
  draw.getRow(1).font = { bold: true };

  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `review-${id}.xlsx`, body };
}
