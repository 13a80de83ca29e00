import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import zhCN from '../i18n/zh-CN.json';
import { countdown, fmtBudget, fmtDate, isoToLocal, localToIso } from './format';

beforeAll(async () => {
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
});

describe('formatting for Chinese readers', () => {
  it('shows dates in Beijing time whatever the machine zone', () => {
    expect(fmtDate('2026-11-30T16:30:00.000Z')).toBe('2026/12/01');
    expect(fmtDate('2026-11-30T16:30:00.000Z', true)).toBe('2026/12/01 00:30');
  });

  it('reads datetime-local input as Beijing time and back', () => {
    expect(localToIso('2027-01-01T09:00')).toBe('2027-01-01T01:00:00.000Z');
    expect(isoToLocal('2027-01-01T01:00:00.000Z')).toBe('2027-01-01T09:00');
  });

  it('shows budgets in 万元', () => {
    expect(fmtBudget(50_000_000)).toBe('50 万元');
    expect(fmtBudget(12_345_600)).toBe('12.35 万元');
  });

  it('counts down in words and says when it is over', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    expect(countdown('2026-11-28T06:00:00Z', now)).toEqual({ text: '还剩 3 天 6 小时', urgent: false, over: false });
    expect(countdown('2026-11-25T05:30:00Z', now)).toMatchObject({ text: '还剩 5 小时 30 分', urgent: true });
    expect(countdown('2026-11-24T00:00:00Z', now)).toMatchObject({ text: '已截止', over: true });
  });
});
