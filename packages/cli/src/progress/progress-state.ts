/** Counts for one model's lane, fed by engine events. */
export interface LaneProgress {
  id: string;
  /** How the lane is named on screen (`judge gpt-4o`); default `id`. */
  label: string;
  total: number;
  done: number;
  cached: number;
  blocked: number;
  errors: number;
  retries: number;
  stopped?: string;
}

/** Tracks per-model progress and computes rate and ETA from the answers finished in this process. */
export class ProgressState {
  readonly lanes = new Map<string, LaneProgress>();
  private readonly startedAt: number;
  private fresh = new Map<string, number>();

  constructor(
    models: ReadonlyArray<{ id: string; total: number; label?: string }>,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
    for (const m of models)
      this.lanes.set(m.id, {
        id: m.id,
        label: m.label ?? m.id,
        total: m.total,
        done: 0,
        cached: 0,
        blocked: 0,
        errors: 0,
        retries: 0,
      });
  }

  row(model: string, info: { cached: boolean; blocked: boolean; error: boolean }): void {
    const lane = this.lanes.get(model);
    if (!lane) return;
    lane.done++;
    if (info.cached) lane.cached++;
    else this.fresh.set(model, (this.fresh.get(model) ?? 0) + 1);
    if (info.blocked) lane.blocked++;
    if (info.error) lane.errors++;
  }

  retry(model: string): void {
    const lane = this.lanes.get(model);
    if (lane) lane.retries++;
  }

  stop(model: string, reason: string): void {
    const lane = this.lanes.get(model);
    if (lane) lane.stopped = reason;
  }

  /** Answers per second finished by new calls (cached ones would inflate it). */
  rate(model: string): number {
    const seconds = (this.now() - this.startedAt) / 1000;
    return seconds > 0 ? (this.fresh.get(model) ?? 0) / seconds : 0;
  }

  /** Seconds left at the current rate, or undefined while there is no rate yet. */
  eta(model: string): number | undefined {
    const lane = this.lanes.get(model);
    const rate = this.rate(model);
    if (!lane || rate <= 0) return undefined;
    return (lane.total - lane.done) / rate;
  }

  elapsedSeconds(): number {
    return (this.now() - this.startedAt) / 1000;
  }
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
