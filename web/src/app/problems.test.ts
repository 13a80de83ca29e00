import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import zhCN from '../i18n/zh-CN.json';
import { ApiError } from './api';
import { fieldErrors, problemMessage } from './problems';

beforeAll(async () => {
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
});

describe('problem+json in words', () => {
  it('maps field paths of the body onto form field names, in Chinese', () => {
    const err = new ApiError({
      status: 400, code: 'invalid_input',
      errors: [
        { path: 'body.proposal.summary', message: 'must NOT have fewer than 1 characters' },
        { path: 'body.memberIds.0', message: 'user does not exist' },
        { path: 'body.proposal.plan', message: 'must NOT have more than 20000 characters' },
      ],
    });
    expect(fieldErrors(err)).toEqual({
      'proposal.summary': '此项必填',
      'memberIds.0': '所选对象不存在，请重新选择',
      'proposal.plan': '不能超过 20000 个字',
    });
  });

  it('names the rule that stops an application, with its figures', () => {
    const err = new ApiError({ status: 409, code: 'rule_violation', rule: 'maxActiveLeads', limit: 1, current: 1, detail: '每人同时只能挂帅 1 个课题' });
    expect(problemMessage(err)).toBe('每人同时只能挂帅 1 个课题，你当前已挂帅 1 个。请先完成或撤回已有的报名。');
    const team = new ApiError({ status: 409, code: 'rule_violation', rule: 'teamSize', min: 2, max: 5, current: 1 });
    expect(problemMessage(team)).toBe('团队人数（含挂帅人）须在 2–5 人之间，当前 1 人。');
  });

  it('says which role is missing on a 403, and the state on a refused transition', () => {
    expect(problemMessage(new ApiError({ status: 403, code: 'forbidden', requiredRoles: ['organizer'] }))).toBe('此操作需要“管理办”角色。');
    expect(problemMessage(new ApiError({ status: 409, code: 'invalid_transition', currentState: 'closed', allowedActions: [] })))
      .toBe('当前状态为“已截止”，不能进行此操作。请刷新页面查看最新状态。');
  });

  it('falls back to the server detail for a rule it does not know', () => {
    expect(problemMessage(new ApiError({ status: 409, code: 'rule_violation', rule: 'somethingNew', detail: '新规则' }))).toBe('新规则');
  });
  it('says why a person with a stake may not decide (recusal), not that a role is missing', () => {
    expect(problemMessage(new ApiError({ status: 403, code: 'recusal', detail: '…' }))).toBe(zhCN.errors.recusal);
  });
  it('words field problems from their code and parameters, in Chinese, whatever the English message says', () => {
    const err = new ApiError({
      status: 400, code: 'invalid_input',
      errors: [
        { path: 'body.kpis', message: 'weights must add up to 100 (they add up to 90)', code: 'kpi_weights_sum', params: { sum: 90 } },
        { path: 'body.teamSizeMax', message: 'must be at least teamSizeMin (5)', code: 'team_size_order', params: { min: 5 } },
      ],
    });
    expect(fieldErrors(err)).toEqual({ kpis: '各指标权重之和须为 100（现为 90）', teamSizeMax: '不能小于团队最少人数（5）' });
  });
});
