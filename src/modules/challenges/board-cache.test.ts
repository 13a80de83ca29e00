import { describe, expect, it } from 'vitest';
import { boardCacheFor, type BoardEntry } from './board-cache.ts';

describe('the board cache', () => {
  it('computes a list once for everyone asking at the same time, again after a change, and never keeps a failure', async () => {
    const cache = boardCacheFor({} as never); // a database handle of its own: the cache is per handle
    let runs = 0;
    const compute = (version: number) => async (): Promise<BoardEntry> => {
      runs++;
      await new Promise((r) => setTimeout(r, 10));
      return { version, ids: ['a', 'b'], total: 2 };
    };
    const all = await Promise.all(Array.from({ length: 50 }, () => cache.getOrCompute('q=数', 7, compute(7))));
    expect(runs).toBe(1);
    expect(new Set(all).size).toBe(1);
    await cache.getOrCompute('q=数', 7, compute(7));
    expect(runs).toBe(1); // served from the cache
    await cache.getOrCompute('q=数', 8, compute(8));
    expect(runs).toBe(2); // a change moved the version
    await expect(cache.getOrCompute('q=网', 8, async () => { throw new Error('database gone'); })).rejects.toThrow('database gone');
    await cache.getOrCompute('q=网', 8, compute(8));
    expect(runs).toBe(3); // the failure was not kept
  });
});
