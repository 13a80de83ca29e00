import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { actionsFrom, CHALLENGE_ACTIONS, CHALLENGE_STATES, nextState, TRANSITIONS, type ChallengeState } from './lifecycle.ts';

describe('challenge lifecycle', () => {
  it('offers the actions of domain.md from each state', () => {
    expect(actionsFrom('draft')).toEqual(['submit', 'cancel']);
    expect(actionsFrom('submitted')).toEqual(['return', 'publish', 'cancel']);
    expect(actionsFrom('published')).toEqual(['close', 'cancel']);
    expect(actionsFrom('closed')).toEqual(['startReview', 'markUnclaimed']);
    expect(actionsFrom('reviewing')).toEqual(['startNotice', 'award', 'markUnclaimed']);
    expect(actionsFrom('notice')).toEqual(['award', 'reconsider']); // reconsider: an objection upheld
    expect(actionsFrom('awarded')).toEqual(['complete']);
    expect(actionsFrom('unclaimed')).toEqual(['republish']);
    expect(actionsFrom('completed')).toEqual([]);
    expect(actionsFrom('cancelled')).toEqual([]);
    expect(actionsFrom('nonsense')).toEqual([]);
  });

  it('walks the main line draft → completed', () => {
    let s: ChallengeState = 'draft';
    for (const a of ['submit', 'publish', 'close', 'startReview', 'startNotice', 'award', 'complete'] as const) s = nextState(s, a)!;
    expect(s).toBe('completed');
  });

  it('returns, republishes and cancels as the domain says', () => {
    expect(nextState('submitted', 'return')).toBe('draft');
    expect(nextState('closed', 'markUnclaimed')).toBe('unclaimed');
    expect(nextState('unclaimed', 'republish')).toBe('published');
    expect(nextState('published', 'cancel')).toBe('cancelled');
    expect(nextState('closed', 'cancel')).toBeNull();
    expect(nextState('draft', 'publish')).toBeNull();
    expect(TRANSITIONS.return.reasonRequired && TRANSITIONS.cancel.reasonRequired).toBe(true);
  });

  it('terminal states are completed and cancelled; every other state is reachable from draft (property)', () => {
    const reachable = new Set<string>(['draft']);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of [...reachable]) for (const a of actionsFrom(s)) if (!reachable.has(TRANSITIONS[a].to)) reachable.add(TRANSITIONS[a].to), (grew = true);
    }
    expect([...reachable].sort()).toEqual([...CHALLENGE_STATES].sort());
    fc.assert(fc.property(fc.array(fc.constantFrom(...CHALLENGE_ACTIONS), { maxLength: 40 }), (actions) => {
      let s: ChallengeState = 'draft';
      for (const a of actions) {
        const n = nextState(s, a);
        if (n === null) continue;
        if (s === 'completed' || s === 'cancelled') return false; // nothing leaves a terminal state
        s = n;
      }
      return CHALLENGE_STATES.includes(s);
    }));
  });
});
