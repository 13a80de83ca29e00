import { describe, expect, it } from 'vitest';
import { actionsFrom, guard, isActive, isEditable, nextStatus } from './lifecycle.ts';

const deadline = '2026-06-30T16:00:00.000Z';
const before = new Date('2026-06-30T15:59:59.999Z');
const after = new Date('2026-06-30T16:00:00.000Z');

describe('application lifecycle', () => {
  it('follows draft → submitted → qualified → selected | not_selected', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'qualify')).toBe('qualified');
    expect(nextStatus('submitted', 'disqualify')).toBe('disqualified');
    expect(nextStatus('qualified', 'select')).toBe('selected');
    expect(nextStatus('qualified', 'reject')).toBe('not_selected');
    expect(nextStatus('draft', 'withdraw')).toBe('withdrawn');
    expect(nextStatus('submitted', 'withdraw')).toBe('withdrawn');
  });

  it('refuses what the state does not allow', () => {
    expect(nextStatus('submitted', 'submit')).toBeNull();
    expect(nextStatus('draft', 'qualify')).toBeNull();
    expect(nextStatus('submitted', 'select')).toBeNull(); // not before the eligibility check
    expect(nextStatus('qualified', 'withdraw')).toBeNull();
    expect(nextStatus('disqualified', 'qualify')).toBeNull();
    for (const end of ['withdrawn', 'disqualified']) expect(actionsFrom(end)).toEqual([]);
    // Not chosen is final but for one way back: the runner-up takes over a terminated project.
    expect(actionsFrom('not_selected')).toEqual(['takeOver']);
    // A selection goes back only when an objection to the notice is upheld.
    expect(actionsFrom('selected')).toEqual(['reconsider']);
  });

  it('lists the actions of each state', () => {
    expect(actionsFrom('draft')).toEqual(['submit', 'withdraw']);
    expect(actionsFrom('submitted')).toEqual(['withdraw', 'qualify', 'disqualify']);
    expect(actionsFrom('qualified')).toEqual(['select', 'reject']);
  });

  it('allows withdrawal only before the deadline', () => {
    expect(guard('submitted', 'withdraw', { now: before, deadline })).toBeNull();
    expect(guard('submitted', 'withdraw', { now: after, deadline })).toBe('deadline');
    expect(guard('qualified', 'withdraw', { now: before, deadline })).toBe('state');
  });

  it('needs a reason to disqualify, not to qualify', () => {
    expect(guard('submitted', 'disqualify', { now: after, deadline })).toBe('reasonRequired');
    expect(guard('submitted', 'disqualify', { now: after, deadline, reason: '   ' })).toBe('reasonRequired');
    expect(guard('submitted', 'disqualify', { now: after, deadline, reason: '不满足揭榜条件' })).toBeNull();
    expect(guard('submitted', 'qualify', { now: after, deadline })).toBeNull();
  });

  it('knows which states hold a place and which may be edited', () => {
    expect(['draft', 'submitted', 'qualified', 'selected', 'withdrawn'].map(isActive)).toEqual([false, true, true, true, false]);
    expect(['draft', 'submitted', 'qualified'].map(isEditable)).toEqual([true, true, false]);
  });
});
