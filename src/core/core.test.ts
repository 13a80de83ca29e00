import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.ts';
import { defineMachine } from './machine.ts';
import { definePolicy } from './policy.ts';
import { firstRefusal, refuse } from './refusal.ts';

const door = defineMachine('door', ['closed', 'open', 'locked'], {
  open: { from: ['closed'], to: 'open', stamp: 'opened_at' },
  close: { from: ['open'], to: 'closed' },
  lock: { from: ['closed'], to: 'locked', reasonRequired: true },
});

interface Facts { role: string | null; state: string; owner: boolean; reason?: string | null }
const policy = definePolicy('door', {
  open: (f: Facts) => firstRefusal(() => door.stateRefusal(f.state, 'open'), () => (f.role ? null : refuse.signIn())),
  close: (f: Facts) => firstRefusal(() => door.stateRefusal(f.state, 'close'), () => (f.owner ? null : refuse.role('Only the owner closes it.', ['organizer']))),
  lock: (f: Facts) => firstRefusal(
    () => door.stateRefusal(f.state, 'lock'),
    () => (f.reason !== undefined && !f.reason ? refuse.field('body.reason', 'is required to lock') : null),
    () => (f.role === 'guard' ? null : refuse.rule('guardsOnly', 'Only a guard locks doors.')),
  ),
}, (f: Facts) => f.state);

const thrown = (fn: () => void): AppError => {
  try { fn(); } catch (e) { return e as AppError; }
  throw new Error('did not throw');
};

describe('state machine', () => {
  it('offers actions by state, in declaration order, and knows where each leads', () => {
    expect(door.actionsFrom('closed')).toEqual(['open', 'lock']);
    expect(door.actionsFrom('locked')).toEqual([]);
    expect(door.next('closed', 'open')).toBe('open');
    expect(door.next('open', 'open')).toBeNull();
    expect(door.reasonRequired).toEqual(['lock']);
    expect(door.transitions.open.stamp).toBe('opened_at');
    expect(door.isState('open') && !door.isState('ajar')).toBe(true);
  });

  it('refuses with the current state when the action does not leave from it', () => {
    expect(door.stateRefusal('open', 'lock')).toEqual({ kind: 'state', currentState: 'open', entity: 'door' });
    expect(door.stateRefusal('closed', 'lock')).toBeNull();
  });

  it('rejects a declaration naming a state it does not have', () => {
    expect(() => defineMachine('x', ['a'], { go: { from: ['a'], to: 'b' as 'a' } })).toThrow(/unknown state b/);
  });
});

describe('policy', () => {
  const owner: Facts = { role: 'guard', state: 'closed', owner: true };

  it('lists exactly the actions whose rule passes', () => {
    expect(policy.allowed(owner)).toEqual(['open', 'lock']);
    expect(policy.allowed({ ...owner, role: 'visitor' })).toEqual(['open']);
    expect(policy.allowed({ ...owner, state: 'open' })).toEqual(['close']);
    expect(policy.allowed({ ...owner, role: null })).toEqual([]);
  });

  it('maps refusals to one problem each: 401 sign in, 403 role, 409 state, 409 rule, 400 field', () => {
    expect(thrown(() => policy.authorize('open', { ...owner, role: null })).status).toBe(401);
    const role = thrown(() => policy.authorize('close', { ...owner, state: 'open', owner: false }));
    expect([role.status, role.code, role.extra.requiredRoles]).toEqual([403, 'forbidden', ['organizer']]);
    const state = thrown(() => policy.authorize('close', owner));
    expect([state.status, state.code, state.extra.currentState, state.extra.allowedActions]).toEqual([409, 'invalid_transition', 'closed', ['open', 'lock']]);
    const rule = thrown(() => policy.authorize('lock', { ...owner, role: 'visitor' }));
    expect([rule.status, rule.extra.rule, rule.extra.allowedActions]).toEqual([409, 'guardsOnly', ['open']]);
    const field = thrown(() => policy.authorize('lock', owner, { ...owner, reason: '' }));
    expect([field.status, field.extra.errors]).toEqual([400, [{ path: 'body.reason', message: 'is required to lock' }]]);
  });

  it('enforces stricter facts than it lists with, and passes when they hold', () => {
    expect(() => policy.authorize('lock', owner, { ...owner, reason: 'night' })).not.toThrow();
    expect(policy.check('lock', { ...owner, reason: '' })?.kind).toBe('field');
  });
});
