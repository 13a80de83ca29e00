// From score sheets to a ranking that says how sure it is. Pure functions, no database.
//
// - A sheet's total: the weighted sum of its criteria, each scaled to its range, out of 100.
// - An application's score: the mean of its totals, or the trimmed mean (without one highest and
//   one lowest) from `trimmedMeanFrom` sheets up.
// - Calibration (optional): each expert's totals become z-scores against that expert's own totals in
//   the round, so a harsh and a lenient expert count the same; mapped back onto the 0–100 scale.
// - Flags: a sheet more than 2 standard deviations from the other sheets of the application; a wide
//   spread (standard deviation of the totals above `wideSpread` points).
// - Ranking: by score; ties by the mean of the heaviest criterion, then by the earlier submission.
// - The uncertain band: around the cut-off (the number of winners), the applications whose interval
//   (score ± standard error) overlaps one on the other side of the cut. Their order is within the
//   experts' disagreement: a pitch session decides, not a decimal.

export interface Criterion { key: string; weight: number; min: number; max: number }

export interface Sheet {
  applicationId: string;
  expertId: string;
  scores: Record<string, number>;
  submitted: boolean;
}

export interface AggregateOptions {
  criteria: Criterion[];
  trimmedMeanFrom: number;
  calibrate: boolean;
  winners: number;
  /** Standard deviation of an application's totals, in points out of 100, above which it is flagged. */
  wideSpread?: number;
  /** Application id → when it was submitted (ISO), for the last tie-break. */
  submittedAt: Record<string, string>;
  /** Application id → how many sheets are expected (its panel). */
  expected: Record<string, number>;
}

export interface Ranked {
  applicationId: string;
  rank: number;
  score: number;
  rawScore: number;
  sheets: number;
  expected: number;
  standardError: number;
  spread: number;
  trimmed: boolean;
  flags: Array<{ kind: 'outlier'; expertId: string } | { kind: 'wide_spread' }>;
  inBand: boolean;
  heaviest: number;
}

export interface Aggregation { ranking: Ranked[]; final: boolean; missingSheets: number; cutOff: number }

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const sd = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The weighted total of one sheet, 0–100. */
export function sheetTotal(criteria: Criterion[], scores: Record<string, number>): number {
  return criteria.reduce((sum, c) => sum + c.weight * ((scores[c.key] ?? c.min) - c.min) / (c.max - c.min || 1), 0);
}

/** Mean, or the trimmed mean without one highest and one lowest value from `from` values up. */
export function centre(values: number[], from: number): { value: number; trimmed: boolean } {
  if (values.length >= from && values.length >= 3) {
    const s = [...values].sort((a, b) => a - b).slice(1, -1);
    return { value: mean(s), trimmed: true };
  }
  return { value: mean(values), trimmed: false };
}

export function aggregate(sheets: Sheet[], o: AggregateOptions): Aggregation {
  const done = sheets.filter((s) => s.submitted);
  const totals = done.map((s) => ({ ...s, total: sheetTotal(o.criteria, s.scores) }));
  const heaviest = [...o.criteria].sort((a, b) => b.weight - a.weight)[0];

  // Calibration: z-score against the expert's own totals in the round, back onto the round's scale.
  const byExpert = new Map<string, number[]>();
  for (const t of totals) byExpert.set(t.expertId, [...(byExpert.get(t.expertId) ?? []), t.total]);
  const all = totals.map((t) => t.total);
  const [mAll, sAll] = [mean(all), sd(all)];
  const value = (t: (typeof totals)[number]) => {
    if (!o.calibrate) return t.total;
    const own = byExpert.get(t.expertId)!;
    const s = sd(own);
    return mAll + (s > 0 ? (t.total - mean(own)) / s : 0) * sAll;
  };

  const apps = [...new Set([...Object.keys(o.expected), ...done.map((s) => s.applicationId)])];
  const rows = apps.map((applicationId) => {
    const mine = totals.filter((t) => t.applicationId === applicationId);
    const values = mine.map(value);
    const c = centre(values, o.trimmedMeanFrom);
    const spread = sd(mine.map((t) => t.total));
    const flags: Ranked['flags'] = [];
    for (const t of mine) {
      const others = mine.filter((x) => x !== t).map((x) => x.total);
      const s = sd(others);
      if (others.length >= 2 && s > 0 && Math.abs(t.total - mean(others)) > 2 * s) flags.push({ kind: 'outlier', expertId: t.expertId });
    }
    if (spread > (o.wideSpread ?? 15)) flags.push({ kind: 'wide_spread' });
    const h = heaviest ? mean(mine.map((t) => t.scores[heaviest.key] ?? heaviest.min)) : 0;
    return {
      applicationId, rank: 0, score: c.value, rawScore: mean(mine.map((t) => t.total)), sheets: mine.length,
      expected: o.expected[applicationId] ?? mine.length, standardError: values.length > 1 ? sd(values) / Math.sqrt(values.length) : 0,
      spread, trimmed: c.trimmed, flags, inBand: false, heaviest: h,
    };
  });

  rows.sort((a, b) => b.score - a.score || b.heaviest - a.heaviest
    || (o.submittedAt[a.applicationId] ?? '').localeCompare(o.submittedAt[b.applicationId] ?? ''));
  rows.forEach((r, i) => { r.rank = i + 1; });

  // The band: applications on either side of the cut whose intervals overlap across it.
  const cut = Math.min(o.winners, rows.length);
  const above = rows.slice(0, cut);
  const below = rows.slice(cut);
  const overlap = (a: Ranked, b: Ranked) => a.score - a.standardError <= b.score + b.standardError;
  for (const a of above) for (const b of below) if (overlap(a, b)) { a.inBand = true; b.inBand = true; }

  const missingSheets = rows.reduce((n, r) => n + Math.max(0, r.expected - r.sheets), 0);
  return {
    ranking: rows.map((r) => ({ ...r, score: round2(r.score), rawScore: round2(r.rawScore), standardError: round2(r.standardError), spread: round2(r.spread), heaviest: round2(r.heaviest) })),
    final: missingSheets === 0, missingSheets, cutOff: cut,
  };
}
