import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

/** A run that records its batches and answers each input doubled, after the test lets it finish. */
function recordingRun() {
  const batches: number[][] = [];
  const release: (() => void)[] = [];
  const run = async (inputs: readonly number[]) => {
    batches.push([...inputs]);
    await new Promise<void>((r) => release.push(r));
    return inputs.map((n) => n * 2);
  };
  return { batches, release, run };
}

/** Lets the batcher's own next turn (setImmediate, scheduled from a settling promise) pass. */
const turn = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe('Batcher', () => {
  it('sends the calls of one turn together and answers each caller its own result', async () => {
    const { batches, release, run } = recordingRun();
    const batcher = new Batcher({ run, maxBatch: 10, maxInFlight: 1 });
    const results = Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    await turn();
    expect(batches).toEqual([[1, 2, 3]]);
    release.shift()?.();
    expect(await results).toEqual([2, 4, 6]);
  });

  it('queues calls while the batches in flight are busy and sends them together when one returns', async () => {
    const { batches, release, run } = recordingRun();
    const batcher = new Batcher({ run, maxBatch: 2, maxInFlight: 1 });
    const first = batcher.submit(1);
    await turn();
    const later = [2, 3, 4].map((n) => batcher.submit(n));
    await turn();
    expect(batches).toEqual([[1]]);
    release.shift()?.();
    expect(await first).toBe(2);
    await turn();
    // maxBatch splits the queue; with one batch in flight the second waits for the first.
    expect(batches).toEqual([[1], [2, 3]]);
    release.shift()?.();
    await turn();
    expect(batches).toEqual([[1], [2, 3], [4]]);
    release.shift()?.();
    expect(await Promise.all(later)).toEqual([4, 6, 8]);
  });

  it('runs up to maxInFlight batches at once', async () => {
    const { batches, release, run } = recordingRun();
    const batcher = new Batcher({ run, maxBatch: 1, maxInFlight: 2 });
    const results = Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    await turn();
    expect(batches).toEqual([[1], [2]]);
    release.shift()?.();
    await turn();
    expect(batches).toEqual([[1], [2], [3]]);
    for (const r of release.splice(0)) r();
    expect(await results).toEqual([2, 4, 6]);
  });

  it('a failing batch is retried call by call, so only the poisoned call fails', async () => {
    const seen: number[][] = [];
    const batcher = new Batcher<number, number>({
      run: async (inputs) => {
        seen.push([...inputs]);
        if (inputs.includes(13)) throw new Error('unlucky');
        return inputs.map((n) => n + 1);
      },
      maxBatch: 10,
      maxInFlight: 1,
    });
    const results = await Promise.allSettled([1, 13, 2].map((n) => batcher.submit(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      2,
      'unlucky',
      3,
    ]);
    expect(seen).toEqual([[1, 13, 2], [1], [13], [2]]);
  });

  it('a run that answers the wrong number of results fails its callers instead of mismatching them', async () => {
    const batcher = new Batcher<number, number>({ run: async () => [], maxBatch: 10, maxInFlight: 1 });
    await expect(batcher.submit(1)).rejects.toThrow('a batch of 1 answered 0 results');
  });
});
