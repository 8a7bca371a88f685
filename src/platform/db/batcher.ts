/**
 * Natural batching for hot statements: calls that arrive while the database is busy wait and then go together as one
 * statement, so under load a round trip, a plan and a commit are shared by many requests, and when the server is
 * quiet a call goes out alone on the next turn of the event loop (no timer, no added wait).
 *
 * - Calls made in the same turn of the event loop form one batch (up to `maxBatch`).
 * - At most `maxInFlight` batches run at once; calls that arrive meanwhile queue and leave as soon as one returns.
 * - `run` gets the inputs in order and answers one output per input, in the same order.
 * - When a batch of several fails, each of its calls is run again on its own, so one poisoned input fails only its
 *   own caller (the statement is one transaction: the failed batch wrote nothing).
 */
export interface BatcherOptions<I, O> {
  run: (inputs: readonly I[]) => Promise<readonly O[]>;
  maxBatch: number;
  maxInFlight: number;
}

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

export class Batcher<I, O> {
  readonly #options: BatcherOptions<I, O>;
  #queue: Pending<I, O>[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(options: BatcherOptions<I, O>) {
    if (options.maxBatch < 1 || options.maxInFlight < 1) throw new Error('maxBatch and maxInFlight must be ≥ 1');
    this.#options = options;
  }

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#options.maxInFlight || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#inFlight < this.#options.maxInFlight && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#options.maxBatch);
      this.#inFlight++;
      void this.#runBatch(batch).finally(() => {
        this.#inFlight--;
        this.#schedule();
      });
    }
  }

  async #runBatch(batch: Pending<I, O>[]): Promise<void> {
    try {
      const outputs = await this.#options.run(batch.map((p) => p.input));
      if (outputs.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} answered ${outputs.length} results`);
      }
      for (const [i, p] of batch.entries()) p.resolve(outputs[i] as O);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      await Promise.all(batch.map((p) => this.#runBatch([p])));
    }
  }
}
