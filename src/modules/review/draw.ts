// The verifiable draw of a review round's panels: a pure function of (candidates, seed, rules).
//
// Before drawing, the round publishes a commitment: the hash of the candidate lists (who may review
// what, after conflicts) and of the rules, and the hash of the seed. After the draw the seed is
// revealed; anyone given the published inputs recomputes the same panels and checks both hashes.
// Randomness comes from SHA-256 of (seed, application, expert), so the order an expert is asked in
// for an application is fixed by the seed alone, not by the order rows come out of a database.
import { createHash, randomBytes } from 'node:crypto';

export interface DrawRules {
  /** Experts per application. */
  perApplication: number;
  /** No expert is given more applications than this. */
  maxLoad: number;
}

/** Application id → the experts who may review it (conflicts already removed). */
export type Candidates = Record<string, string[]>;

export interface DrawInput { candidates: Candidates; rules: DrawRules; seed: string }

export interface DrawResult {
  /** Application id → the drawn experts, in the order they were drawn. */
  panels: Record<string, string[]>;
  /** Applications that could not get `perApplication` experts (too few candidates or all at their load). */
  shortfalls: Array<{ applicationId: string; drawn: number; wanted: number }>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The canonical form of the candidates and rules: sorted, so that any party serialises them alike. */
export function canonicalInputs(candidates: Candidates, rules: DrawRules): string {
  const sorted = Object.keys(candidates).sort().map((app) => [app, [...new Set(candidates[app])].sort()]);
  return JSON.stringify({ candidates: sorted, rules: { perApplication: rules.perApplication, maxLoad: rules.maxLoad } });
}

export interface Commitment { inputsHash: string; seedHash: string }

export const commitmentOf = (candidates: Candidates, rules: DrawRules, seed: string): Commitment =>
  ({ inputsHash: sha256(canonicalInputs(candidates, rules)), seedHash: sha256(seed) });

/** A fresh seed: 32 random bytes as hex. */
export const newSeed = () => randomBytes(32).toString('hex');

/** The position of an expert in an application's order: a hash of the seed, the application and the expert. */
const ticket = (seed: string, applicationId: string, expertId: string) => sha256(`${seed}:${applicationId}:${expertId}`);

/** The application's candidates in the order the seed puts them. */
export function orderFor(seed: string, applicationId: string, candidates: string[]): string[] {
  return [...new Set(candidates)].map((e) => [ticket(seed, applicationId, e), e] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, e]) => e);
}

/**
 * Draw every panel. The most constrained applications (fewest candidates) are served first, so a
 * load cap does not starve them; ties in that order are broken by the seed, too.
 */
export function drawPanels({ candidates, rules, seed }: DrawInput): DrawResult {
  const load = new Map<string, number>();
  const panels: Record<string, string[]> = {};
  const shortfalls: DrawResult['shortfalls'] = [];
  const apps = Object.keys(candidates).sort((a, b) =>
    new Set(candidates[a]).size - new Set(candidates[b]).size || (sha256(`${seed}:${a}`) < sha256(`${seed}:${b}`) ? -1 : 1));
  for (const app of apps) {
    const panel: string[] = [];
    for (const e of orderFor(seed, app, candidates[app])) {
      if (panel.length === rules.perApplication) break;
      if ((load.get(e) ?? 0) >= rules.maxLoad) continue;
      panel.push(e);
      load.set(e, (load.get(e) ?? 0) + 1);
    }
    panels[app] = panel;
  }
  // Serving greedily can paint itself into a corner (about 1 draw in 90 on a tight pool) though
  // every panel could be filled. Only then, seats are found by moving experts along augmenting
  // paths, in the seeded orders — so a draw that greedy filled (every draw ever published) comes
  // out exactly as before, and one it could not fill is filled whenever any assignment can.
  for (const app of apps) {
    while (panels[app]!.length < rules.perApplication && augment(app, apps, candidates, panels, load, rules.maxLoad, seed)) { /* one seat more */ }
    if (panels[app]!.length < rules.perApplication) shortfalls.push({ applicationId: app, drawn: panels[app]!.length, wanted: rules.perApplication });
  }
  return { panels, shortfalls };
}

/**
 * One more seat for `app`: a breadth-first search from it through experts it could take — a free
 * one ends the path; a full one leads on to each application holding them, which may give them up
 * for another expert of its own. The path found is applied: each application on it swaps one expert.
 */
function augment(app: string, apps: string[], candidates: Candidates, panels: Record<string, string[]>, load: Map<string, number>, maxLoad: number, seed: string): boolean {
  // cameFrom: expert → [the application that would take them, the expert that application gives up (null for `app`)]
  const cameFrom = new Map<string, [string, string | null]>();
  let frontier: Array<[string, string | null]> = [[app, null]];
  while (frontier.length) {
    const next: Array<[string, string | null]> = [];
    for (const [taker, givesUp] of frontier) {
      for (const e of orderFor(seed, taker, candidates[taker]!)) {
        if (cameFrom.has(e) || panels[taker]!.includes(e)) continue;
        cameFrom.set(e, [taker, givesUp]);
        if ((load.get(e) ?? 0) < maxLoad) {
          // Apply the path back from the free expert `e`.
          load.set(e, (load.get(e) ?? 0) + 1);
          let expert: string | null = e;
          while (expert !== null) {
            const [to, old]: [string, string | null] = cameFrom.get(expert)!;
            const panel = panels[to]!;
            if (old === null) panel.push(expert);
            else panel[panel.indexOf(old)] = expert;
            expert = old;
          }
          return true;
        }
        for (const holder of apps) if (holder !== taker && panels[holder]!.includes(e)) next.push([holder, e]);
      }
    }
    frontier = next;
  }
  return false;
}

/**
 * The replacement for an expert who declined or was removed: the next candidate in the
 * application's seeded order who is not on the panel, has not been excluded, and is under the load
 * cap. Null when nobody is left.
 */
export function drawReplacement(opts: {
  seed: string; applicationId: string; candidates: string[]; panel: string[]; excluded: string[]; load: Record<string, number>; maxLoad: number;
}): string | null {
  const skip = new Set([...opts.panel, ...opts.excluded]);
  return orderFor(opts.seed, opts.applicationId, opts.candidates)
    .find((e) => !skip.has(e) && (opts.load[e] ?? 0) < opts.maxLoad) ?? null;
}

/** Check a published draw: the hashes match the revealed inputs and the panels are what the draw gives. */
export function verifyDraw(input: DrawInput, published: Commitment & { panels: Record<string, string[]> }): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  const c = commitmentOf(input.candidates, input.rules, input.seed);
  if (c.inputsHash !== published.inputsHash) problems.push('the candidates or rules differ from the commitment');
  if (c.seedHash !== published.seedHash) problems.push('the seed differs from the commitment');
  const again = drawPanels(input).panels;
  for (const app of Object.keys(again)) {
    if (JSON.stringify(again[app]) !== JSON.stringify(published.panels[app] ?? [])) problems.push(`the panel of ${app} is not the drawn one`);
  }
  return { ok: problems.length === 0, problems };
}
