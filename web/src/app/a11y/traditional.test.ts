import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traditionalMessages } from './traditional-messages';
import { makeToTraditional } from './traditional';

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../i18n/${f}`, import.meta.url), 'utf8'));

describe('one 繁體 conversion', () => {
  it('the zh-TW interface is the zh-CN one through the toggle’s conversion (regenerate: node --import tsx web/scripts/zh-tw.ts)', () => {
    expect(read('zh-TW.json')).toEqual(traditionalMessages(read('zh-CN.json')));
  });

  it('uses the terms of the people who read it: 審核 and 發佈, never 稽核 or 釋出', () => {
    const tw = JSON.stringify(read('zh-TW.json'));
    expect(tw).toContain('待審核');
    expect(tw).not.toMatch(/稽核|釋出/);
    const toTrad = makeToTraditional();
    expect(toTrad('提交审核后发布')).toBe('提交審核後發佈');
  });

  it('keeps {{placeholders}} as they are', () => {
    expect(traditionalMessages({ a: '共 {{count}} 条，截止 {{deadline}}' })).toEqual({ a: '共 {{count}} 條，截止 {{deadline}}' });
  });
});
