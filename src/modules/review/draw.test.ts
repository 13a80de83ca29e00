import { describe, expect, it } from 'vitest';
import { canonicalInputs, commitmentOf, drawPanels, drawReplacement, newSeed, orderFor, verifyDraw, type Candidates } from './draw.ts';

const experts = Array.from({ length: 12 }, (_, i) => `e${String(i).padStart(2, '0')}`);
const seed = 'a'.repeat(64);

describe('the draw', () => {
  it('is a pure function of candidates, seed and rules: the same inputs give the same panels, in any key order', () => {
    const c1: Candidates = { appA: experts, appB: experts.slice(0, 8), appC: [...experts].reverse() };
    const c2: Candidates = { appC: experts, appA: [...experts].reverse(), appB: experts.slice(0, 8).reverse() };
    const rules = { perApplication: 3, maxLoad: 2 };
    expect(drawPanels({ candidates: c1, rules, seed })).toEqual(drawPanels({ candidates: c2, rules, seed }));
    expect(canonicalInputs(c1, rules)).toBe(canonicalInputs(c2, rules));
    expect(commitmentOf(c1, rules, seed)).toEqual(commitmentOf(c2, rules, seed));
    // Another seed, another draw.
    expect(drawPanels({ candidates: c1, rules, seed: 'b'.repeat(64) }).panels).not.toEqual(drawPanels({ candidates: c1, rules, seed }).panels);
  });

  it('never draws a conflicted expert (one who is not a candidate), keeps every load under the cap, and fills every panel that can be filled', () => {
    const candidates: Candidates = {};
    for (let a = 0; a < 10; a++) candidates[`app${a}`] = experts.filter((_, i) => (i + a) % 4 !== 0); // a quarter in conflict each
    // 30 seats, 36 places under the cap: always fillable, though serving greedily alone missed about 1 draw in 90.
    for (let k = 0; k < 300; k++) {
      const { panels, shortfalls } = drawPanels({ candidates, rules: { perApplication: 3, maxLoad: 3 }, seed: newSeed() });
      expect(shortfalls).toEqual([]);
      const load: Record<string, number> = {};
      for (const [app, panel] of Object.entries(panels)) {
        expect(panel).toHaveLength(3);
        expect(new Set(panel).size).toBe(3);
        for (const e of panel) {
          expect(candidates[app]).toContain(e);
          load[e] = (load[e] ?? 0) + 1;
        }
      }
      expect(Math.max(...Object.values(load))).toBeLessThanOrEqual(3);
    }
  });

  it('serves the most constrained application first, and reports what it cannot fill', () => {
    // Only e00 and e01 may review `narrow`; with a load cap of 1 they must not be used up elsewhere.
    const candidates: Candidates = { wide1: experts.slice(0, 6), wide2: experts.slice(0, 6), narrow: ['e00', 'e01'] };
    const { panels, shortfalls } = drawPanels({ candidates, rules: { perApplication: 2, maxLoad: 1 }, seed });
    expect(panels.narrow.sort()).toEqual(['e00', 'e01']);
    expect(shortfalls).toEqual([]);
    const short = drawPanels({ candidates: { a: ['e00'], b: ['e00', 'e01', 'e02'] }, rules: { perApplication: 2, maxLoad: 5 }, seed });
    expect(short.shortfalls).toEqual([{ applicationId: 'a', drawn: 1, wanted: 2 }]);
  });

  it('anyone can check a published draw: the commitment matches, and a changed panel or seed is found', () => {
    const candidates: Candidates = { appA: experts, appB: experts };
    const rules = { perApplication: 3, maxLoad: 2 };
    const { panels } = drawPanels({ candidates, rules, seed });
    const published = { ...commitmentOf(candidates, rules, seed), panels };
    expect(verifyDraw({ candidates, rules, seed }, published)).toEqual({ ok: true, problems: [] });
    const other = experts.find((e) => !panels.appA.includes(e))!;
    const forged = { ...published, panels: { ...panels, appA: [other, ...panels.appA.slice(1)] } };
    expect(verifyDraw({ candidates, rules, seed }, forged).problems).toEqual(['the panel of appA is not the drawn one']);
    expect(verifyDraw({ candidates, rules, seed: 'c'.repeat(64) }, published).ok).toBe(false);
    expect(verifyDraw({ candidates: { ...candidates, appB: experts.slice(1) }, rules, seed }, published).problems[0]).toMatch(/candidates or rules/);
  });

  it('a replacement is the next candidate in the seeded order who is free, not excluded and under the cap', () => {
    const order = orderFor(seed, 'appA', experts);
    const panel = order.slice(0, 3);
    const declined = panel[1];
    const next = drawReplacement({ seed, applicationId: 'appA', candidates: experts, panel: panel.filter((e) => e !== declined), excluded: [declined], load: { [order[3]]: 2 }, maxLoad: 2 });
    expect(next).toBe(order[4]); // order[3] is at the cap
    expect(drawReplacement({ seed, applicationId: 'appA', candidates: panel, panel, excluded: [], load: {}, maxLoad: 5 })).toBeNull();
  });
});
