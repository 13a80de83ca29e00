// Every rule the server can refuse with is worded in the web app's languages: a person never reads
// the server's Chinese detail in the English interface, nor a code.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('rule refusals', () => {
  it('each has words in zh-CN and en', () => {
    const rules = new Set<string>();
    for (const file of sources(join(root, 'src/modules'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:ruleViolation|refuse\.rule)\('([A-Za-z_]+)'/g)) rules.add(m[1]);
    }
    expect(rules.size).toBeGreaterThan(20);
    for (const lang of ['zh-CN', 'en']) {
      const words = JSON.parse(readFileSync(join(root, `web/src/i18n/${lang}.json`), 'utf8')).rules;
      expect([...rules].filter((r) => !words[r]), lang).toEqual([]);
    }
  });
});
