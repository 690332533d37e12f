/**
 * A value read from the server now and then rather than on every call (Ollama's model digest from
 * `/api/tags`, llama-server's model path from `/props`): fresh for `ttlMs`, one read at a time
 * however many calls want it, and a failed read keeps the last value instead of failing the
 * answer it would annotate. A long run thereby notices a model re-pulled or a server restarted on
 * another file within `ttlMs`, at one extra small request per `ttlMs`.
 */
export class CachedLookup<T> {
  private value: T | undefined;
  private readAt: number | undefined;
  private pending: Promise<T | undefined> | undefined;

  constructor(
    private readonly read: (signal: AbortSignal) => Promise<T | undefined>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a value read elsewhere (the pre-run check reads the same endpoint). */
  set(value: T | undefined): void {
    this.value = value;
    this.readAt = this.now();
  }

  /** The value, read again when older than `ttlMs`. Never rejects. */
  get(signal: AbortSignal): Promise<T | undefined> {
    if (this.readAt !== undefined && this.now() - this.readAt < this.ttlMs) return Promise.resolve(this.value);
    this.pending ??= this.read(signal)
      .then(
        (value) => this.set(value),
        // The answer is fine without it; try again after ttlMs rather than on every call.
        () => void (this.readAt = this.now()),
      )
      .then(() => this.value)
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}

/** How long a looked-up served-model field stays fresh by default. */
export const SERVED_LOOKUP_TTL_MS = 60_000;
