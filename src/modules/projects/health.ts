// Health (预警): green / amber / red per project, from what can be checked — overdue milestones,
// missed progress reports, help requests left waiting, spending ahead of progress, and how fresh
// the evidence is. The rule is written down here once; each status carries its reasons (code and
// numbers), and the page words them ("红：里程碑 2 逾期 12 天"). Pure: the monitor job feeds it.

export type Health = 'green' | 'amber' | 'red';
export interface HealthReason { level: 'amber' | 'red'; code: string; params: Record<string, string | number> }

/** The thresholds of the rule, in one place (shown on the project page as the rule). */
export const HEALTH_RULE = {
  /** A milestone overdue up to this many days is amber; longer is red. */
  milestoneRedAfterDays: 7,
  /** Reports missed: one is amber, this many is red. */
  reportsRedFrom: 2,
  /** Spending ahead of progress (share of budget spent minus share done): amber above, red above. */
  spendingAmber: 0.25,
  spendingRed: 0.5,
  /** Days without new evidence (a report, a milestone submitted): amber after, red after. */
  staleAmberDays: 45,
  staleRedDays: 90,
  /** A report is due this many days after its period ends. */
  reportGraceDays: 5,
} as const;

const DAY = 86_400_000;

/**
 * `months` calendar months after `iso`, on the same day of the month or the month's last day
 * (31 May + 1 month = 30 June, never 1 July), at the same time of day.
 */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const target = new Date(d);
  target.setUTCDate(1);
  target.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString();
}

/** Report periods of `everyMonths` from the start: [start, end), labelled by the month they start in (Beijing time). */
export function reportPeriods(startIso: string, everyMonths: number, untilIso: string): Array<{ label: string; from: string; to: string; dueAt: string }> {
  const out = [];
  const until = new Date(untilIso).getTime();
  for (let k = 0; k < 240; k++) {
    const from = new Date(addMonths(startIso, k * everyMonths));
    if (from.getTime() >= until) break;
    const to = new Date(addMonths(startIso, (k + 1) * everyMonths));
    const beijing = new Date(from.getTime() + 8 * 3_600_000);
    const label = `${beijing.getUTCFullYear()}-${String(beijing.getUTCMonth() + 1).padStart(2, '0')}`;
    out.push({ label, from: from.toISOString(), to: to.toISOString(), dueAt: new Date(to.getTime() + HEALTH_RULE.reportGraceDays * DAY).toISOString() });
  }
  return out;
}

export interface HealthInput {
  now: Date;
  status: string;
  executingAt: string | null;
  endsAt: string;
  budgetCents: number;
  spentCents: number;
  percentDone: number;
  reportEveryMonths: number;
  milestones: ReadonlyArray<{ seq: number; title: string; dueAt: string; status: string; submittedAt: string | null }>;
  reportPeriods: ReadonlySet<string>;
  lastReportAt: string | null;
  help: ReadonlyArray<{ status: string; dueAt: string; level: number }>;
}

const daysBetween = (a: number, b: number) => Math.floor((b - a) / DAY);

export function computeHealth(i: HealthInput): { health: Health; reasons: HealthReason[] } {
  const reasons: HealthReason[] = [];
  if (!i.executingAt || !['executing', 'rectifying'].includes(i.status)) return { health: 'green', reasons };
  const now = i.now.getTime();
  if (i.status === 'rectifying') reasons.push({ level: 'amber', code: 'rectifying', params: {} });

  for (const m of i.milestones) {
    if (m.status === 'accepted' || m.status === 'submitted') continue;
    const late = daysBetween(new Date(m.dueAt).getTime(), now);
    if (late >= 1) reasons.push({ level: late > HEALTH_RULE.milestoneRedAfterDays ? 'red' : 'amber', code: 'milestone_overdue', params: { n: m.seq, title: m.title, days: late } });
  }

  const duePeriods = reportPeriods(i.executingAt, i.reportEveryMonths, i.endsAt).filter((p) => new Date(p.dueAt).getTime() < now);
  const missed = duePeriods.filter((p) => !i.reportPeriods.has(p.label));
  if (missed.length > 0) {
    reasons.push({ level: missed.length >= HEALTH_RULE.reportsRedFrom ? 'red' : 'amber', code: 'reports_missed', params: { count: missed.length, periods: missed.map((p) => p.label).join(', ') } });
  }

  for (const h of i.help) {
    if (h.status !== 'open') continue;
    const due = new Date(h.dueAt).getTime();
    if (now > due) reasons.push({ level: 'red', code: 'help_overdue', params: { days: daysBetween(due, now), level: h.level } });
    else reasons.push({ level: 'amber', code: 'help_open', params: { dueAt: h.dueAt.slice(0, 10) } });
  }

  if (i.budgetCents > 0) {
    const spent = i.spentCents / i.budgetCents;
    const ahead = spent - i.percentDone / 100;
    if (ahead > HEALTH_RULE.spendingAmber) {
      reasons.push({ level: ahead > HEALTH_RULE.spendingRed ? 'red' : 'amber', code: 'spending_ahead', params: { spent: Math.round(spent * 100), done: i.percentDone } });
    }
  }

  const evidence = [i.executingAt, i.lastReportAt, ...i.milestones.map((m) => m.submittedAt)].filter((x): x is string => !!x)
    .map((x) => new Date(x).getTime());
  const stale = daysBetween(Math.max(...evidence), now);
  if (stale > HEALTH_RULE.staleAmberDays) reasons.push({ level: stale > HEALTH_RULE.staleRedDays ? 'red' : 'amber', code: 'evidence_stale', params: { days: stale } });

  reasons.sort((a, b) => (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1));
  const health: Health = reasons.some((r) => r.level === 'red') ? 'red' : reasons.length > 0 ? 'amber' : 'green';
  return { health, reasons };
}
