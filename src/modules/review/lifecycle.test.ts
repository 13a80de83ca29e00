import { describe, expect, it } from 'vitest';
import { roundMachine } from './lifecycle.ts';

describe('a review round’s lifecycle', () => {
  it('goes draft → committed → scoring → closed, and may be cancelled (with a reason) until it closes', () => {
    expect(roundMachine.next('draft', 'commit')).toBe('committed');
    expect(roundMachine.next('committed', 'draw')).toBe('scoring');
    expect(roundMachine.next('scoring', 'close')).toBe('closed');
    for (const s of ['draft', 'committed', 'scoring']) expect(roundMachine.next(s, 'cancel')).toBe('cancelled');
    expect(roundMachine.reasonRequired).toEqual(['cancel']);
  });

  it('never draws before the commitment, never draws twice, and nothing follows closed or cancelled', () => {
    expect(roundMachine.next('draft', 'draw')).toBeNull();
    expect(roundMachine.next('scoring', 'draw')).toBeNull();
    expect(roundMachine.actionsFrom('closed')).toEqual([]);
    expect(roundMachine.actionsFrom('cancelled')).toEqual([]);
  });
});
