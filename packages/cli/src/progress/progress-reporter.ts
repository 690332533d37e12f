import { terminalSafe } from '@sc-safety/core/terminal-text';
import { renderBars, renderPlain } from './progress-render.js';
import type { ProgressState } from './progress-state.js';

export interface ProgressReporterOptions {
  /**
   * Where the progress goes, as it is: on a terminal it carries the reporter's own cursor
   * movements. The lines between them (model ids, stop reasons) are sanitised here.
   */
  write: (text: string) => void;
  /** A terminal gets bars redrawn in place; anything else gets plain periodic lines. */
  tty: boolean;
  columns?: number;
  /** Redraw interval on a terminal, ms. */
  ttyIntervalMs?: number;
  /** Interval between plain lines, ms. */
  plainIntervalMs?: number;
}

/** Draws progress on a timer until stopped; the final state is always printed once. */
export class ProgressReporter {
  private timer: NodeJS.Timeout | undefined;
  private drawnLines = 0;
  private stopped = false;

  constructor(
    private readonly state: ProgressState,
    private readonly options: ProgressReporterOptions,
  ) {}

  start(): void {
    const interval = this.options.tty ? (this.options.ttyIntervalMs ?? 200) : (this.options.plainIntervalMs ?? 10_000);
    this.timer = setInterval(() => this.draw(), interval);
    this.timer.unref();
    if (this.options.tty) this.draw();
  }

  draw(): void {
    if (this.stopped) return;
    if (this.options.tty) {
      const lines = renderBars(this.state, this.options.columns);
      const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F` : '';
      this.options.write(up + lines.map((l) => `\x1b[2K${terminalSafe(l)}\n`).join(''));
      this.drawnLines = lines.length;
    } else {
      this.options.write(terminalSafe(renderPlain(this.state).join('\n') + '\n'));
    }
  }

  /**
   * Prints lines (a stopped lane, a warning) above the bars: on a terminal the bars are cleared,
   * the text written and the bars drawn again below it, so no redraw overwrites it.
   */
  print(text: string): void {
    if (this.options.tty && this.drawnLines > 0 && !this.stopped) {
      this.options.write(`\x1b[${this.drawnLines}F\x1b[J`);
      this.drawnLines = 0;
      this.options.write(terminalSafe(text));
      this.draw();
      return;
    }
    this.options.write(terminalSafe(text));
  }

  /**
   * Draws the final state once and stops for good: later calls (a `finally` after the normal path)
   * do nothing, so nothing printed after the progress is ever redrawn over.
   */
  stop(): void {
    if (this.stopped) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.draw();
    this.stopped = true;
  }
}
