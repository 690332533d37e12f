import { sleep } from './sleep.js';

/**
 * Requests-per-minute and tokens-per-minute budgets as token buckets that refill continuously.
 * Token use is reserved from an estimate before a call and corrected with the real usage after,
 * so the budget may briefly run into debt; later calls then wait it off.
 */
export class RateBudget {
  private requests: number;
  private tokens: number;
  private last: number;

  constructor(
    readonly rpm: number | undefined,
    readonly tpm: number | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.requests = rpm ?? 0;
    this.tokens = tpm ?? 0;
    this.last = now();
  }

  get unlimited(): boolean {
    return this.rpm === undefined && this.tpm === undefined;
  }

  private refill(): void {
    const t = this.now();
    const elapsedMin = (t - this.last) / 60_000;
    this.last = t;
    if (this.rpm !== undefined) this.requests = Math.min(this.rpm, this.requests + elapsedMin * this.rpm);
    if (this.tpm !== undefined) this.tokens = Math.min(this.tpm, this.tokens + elapsedMin * this.tpm);
  }

  /** How long to wait before one request of `estimatedTokens` fits, in ms (0 = now). */
  waitTime(estimatedTokens: number): number {
    this.refill();
    let wait = 0;
    if (this.rpm !== undefined && this.requests < 1) wait = Math.max(wait, ((1 - this.requests) / this.rpm) * 60_000);
    if (this.tpm !== undefined) {
      // A single call larger than the whole budget is let through once the bucket is full.
      const need = Math.min(estimatedTokens, this.tpm);
      if (this.tokens < need) wait = Math.max(wait, ((need - this.tokens) / this.tpm) * 60_000);
    }
    return Math.ceil(wait);
  }

  /** Waits until the budget allows one more request, then reserves it. */
  async acquire(estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    if (this.unlimited) return;
    for (;;) {
      const wait = this.waitTime(estimatedTokens);
      if (wait <= 0) break;
      await sleep(Math.min(wait, 5_000), signal);
    }
    if (this.rpm !== undefined) this.requests -= 1;
    if (this.tpm !== undefined) this.tokens -= estimatedTokens;
  }

  /** Corrects the reservation once the real token count is known. */
  settle(estimatedTokens: number, actualTokens: number | undefined): void {
    if (this.tpm === undefined || actualTokens === undefined) return;
    this.tokens += estimatedTokens - actualTokens;
  }
}

/** A rough token estimate for budgeting: ~1 token per 1.5 CJK characters or 4 other characters. */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x2e80 && c <= 0x9fff) cjk++;
    else other++;
  }
  return Math.ceil(cjk / 1.5 + other / 4);
}
