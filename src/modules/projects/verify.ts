// A signed pledge, checkable by anyone: the public verification page (no sign-in) shows the signed
// version a code names, and whether a hash printed on paper matches it; the PDF prints the
// pledge in Chinese (pdfkit with Noto Sans from an npm package — every glyph embedded), with the
// signatories, dates, the hash and a QR code that opens the verification page.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { fromJson } from '../../lib/json.ts';
import type { PledgeContent, SignatoryRole } from './pledge.ts';
import * as repo from './repo.ts';
import { loadForActor } from './service.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
export const PDF_FONTS = { regular: join(fontDir, 'NotoSansHans-Regular.otf'), bold: join(fontDir, 'NotoSansHans-Bold.otf') };

const ROLE_WORDS: Record<SignatoryRole, string> = { lead: '揭榜挂帅人', sponsor: '发榜方代表', party: '党组织代表' };
const GRADE_WORDS: Record<string, string> = { excellent: '验收优秀', good: '验收良好', pass: '验收合格' };
const DIRECTION_WORDS: Record<string, string> = { higher: '越高越好', lower: '越低越好', deliverable: '交付即达成' };

/** The signed version a verification code names, with its signatures (null: no such signed pledge). */
export async function verification(ctx: Ctx, code: string, hash?: string) {
  const pledge = await repo.pledgeByCode(ctx.db, code);
  if (!pledge || pledge.status === 'draft' || !pledge.hash) throw notFound('pledge');
  const signatures = await repo.signaturesOf(ctx.db, [pledge.id]);
  const content = fromJson<PledgeContent>(pledge.content, null as never);
  return {
    code, title: content.title, version: pledge.version, status: pledge.status, hash: pledge.hash, signedAt: pledge.signed_at!,
    signatories: (['lead', 'sponsor', 'party'] as SignatoryRole[]).map((role) => {
      const s = signatures.find((x) => x.role === role)!;
      return { role, name: s.name, signedAt: s.signed_at };
    }),
    superseded: pledge.status === 'superseded', content,
    ...(hash !== undefined ? { matches: hash.trim().toLowerCase() === pledge.hash } : {}),
  };
}

const yuan = (cents: number) => `${(cents / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
const day = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000); // Beijing
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

/** The pledge as a PDF (the signed version in force, else the draft, marked as such). */
export async function pledgePdf(ctx: Ctx, projectId: string, publicUrl: string, version?: number): Promise<{ filename: string; body: Buffer }> {
  await loadForActor(ctx, ctx.db, projectId);
  const pledges = await repo.pledgesOf(ctx.db, projectId);
  const pledge = version ? pledges.find((p) => p.version === version) : pledges.find((p) => p.status === 'signed') ?? pledges[0];
  if (!pledge) throw notFound('pledge');
  const c = fromJson<PledgeContent>(pledge.content, null as never);
  const signatures = await repo.signaturesOf(ctx.db, [pledge.id]);
  const names = new Map((await repo.userRoles(ctx.db, Object.values(c.signatories).filter((x): x is string => !!x))).map((u) => [u.id, u.name]));
  const verifyUrl = `${publicUrl.replace(/\/$/, '')}/verify/${pledge.verify_code}`;
  // Loaded when a PDF is asked for: pdfkit and qrcode cost the process ~6 MB of heap from start-up otherwise.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const qr = pledge.hash ? await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }) : null;

  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `军令状 · ${c.title}`, Subject: pledge.hash ?? 'draft' } });
  doc.registerFont('body', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const h = (text: string) => doc.moveDown(0.6).font('bold').fontSize(13).text(text).moveDown(0.2).font('body').fontSize(10.5);
  const p = (text: string) => doc.font('body').fontSize(10.5).text(text, { lineGap: 3 });

  doc.font('bold').fontSize(22).text('揭榜挂帅军令状', { align: 'center' });
  doc.moveDown(0.3).font('body').fontSize(12).text(c.title, { align: 'center' });
  doc.fontSize(9).fillColor('#444').text(`第 ${pledge.version} 版${pledge.status === 'draft' ? '（草稿，未生效）' : pledge.status === 'superseded' ? '（已被后续版本替代）' : ''}`, { align: 'center' }).fillColor('black');
  if (pledge.reason) p(`变更原因：${pledge.reason}`);

  h('一、项目周期与经费');
  p(`项目周期：${day(c.startsAt)} 至 ${day(c.endsAt)}；经费总额：${yuan(c.budgetCents)}。`);
  h('二、攻关目标');
  p(c.goals);
  h('三、考核指标');
  if (c.kpis.length === 0) p('（无）');
  c.kpis.forEach((k, i) => {
    const nums = k.direction === 'deliverable' ? `交付（${k.unit}）` : `现状 ${k.baseline ?? '—'} → 目标 ${k.target} ${k.unit}`;
    p(`${i + 1}. ${k.name}：${nums}，${DIRECTION_WORDS[k.direction]}，权重 ${k.weight}%${k.measure ? `；考核方式：${k.measure}` : ''}`);
  });
  h('四、里程碑与经费拨付');
  c.milestones.forEach((m, i) => p(`${i + 1}. ${m.title}（${day(m.dueAt)} 前）：${m.deliverable}；权重 ${m.weight}%，验收后拨付 ${yuan(m.trancheCents)}。`));
  h('五、奖励与惩罚');
  c.rewards.forEach((r) => p(`${GRADE_WORDS[r.grade] ?? r.grade}：${r.description}${r.amountCents ? `（${yuan(r.amountCents)}）` : ''}`));
  if (c.penalties) p(`惩罚：${c.penalties}`);
  h('六、容错免责');
  p(c.faultTolerance);
  h('七、揭榜团队');
  p(`揭榜挂帅人：${c.lead.name}；团队成员：${c.team.map((m) => m.name).join('、') || '（无）'}`);
  h('八、签署');
  for (const role of ['lead', 'sponsor', 'party'] as SignatoryRole[]) {
    const id = c.signatories[role];
    const s = signatures.find((x) => x.role === role);
    p(`${ROLE_WORDS[role]}：${id ? names.get(id) ?? '' : '（待定）'}　${s ? `已签署 ${day(s.signed_at)}` : '未签署'}`);
  }
  if (pledge.hash) {
    // The verification block stays together: the QR code on the left, hash and code beside it.
    if (doc.y > doc.page.height - doc.page.margins.bottom - 120) doc.addPage();
    doc.moveDown(0.8);
    const top = doc.y;
    const left = doc.page.margins.left;
    if (qr) doc.image(qr, left, top, { fit: [96, 96] });
    doc.font('body').fontSize(8.5).fillColor('#333');
    const width = doc.page.width - doc.page.margins.right - left - 108;
    doc.text(`内容摘要（SHA-256）：${pledge.hash}`, left + 108, top, { width });
    doc.text(`核验码：${pledge.verify_code}`, { width });
    doc.text(`扫码或访问 ${verifyUrl} 核验本军令状`, { width });
    doc.fillColor('black');
  }
  doc.end();
  await done;
  return { filename: `pledge-v${pledge.version}.pdf`, body: Buffer.concat(chunks) };
}
