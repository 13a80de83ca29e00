// The module boundaries of .dependency-cruiser.cjs, as part of `npm test`: areas use each other
// only through index.ts, nothing is circular, the core knows no area.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const root = join(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs'));

async function violations(baseDir: string) {
  const { output } = await cruise(['src'], { ...config.options, baseDir, ruleSet: { forbidden: config.forbidden }, validate: true, tsConfig: undefined });
  return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
}

describe('module boundaries', () => {
  it('hold in src/', { timeout: 60_000 }, async () => {
    expect(await violations(root)).toEqual([]);
  });

  it('are reported when an area reaches into another area’s files', { timeout: 60_000 }, async () => {
    expect(await violations(join(root, 'test/fixtures/boundaries'))).toEqual(['area-through-index: src/modules/a/use.ts → src/modules/b/internal.ts']);
  });
});
