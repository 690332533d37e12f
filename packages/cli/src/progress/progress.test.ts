import { describe, expect, it } from 'vitest';
import { renderBars, renderPlain } from './progress-render.js';
import { ProgressReporter } from './progress-reporter.js';
import { ProgressState, formatDuration } from './progress-state.js';
import { displayWidth } from '@sc-safety/core/display-width';

/** A reporter on `state` that writes into an array: as on a terminal (`tty`) or as in a log. */
function reporterOn(state: ProgressState, tty: boolean): { reporter: ProgressReporter; written: string[] } {
  const written: string[] = [];
  return { reporter: new ProgressReporter(state, { write: (s) => written.push(s), tty }), written };
}

describe('progress', () => {
  it('counts rows, rate and ETA from fresh answers only', () => {
    let t = 0;
    const state = new ProgressState([{ id: 'qwen', total: 10 }], () => t);
    state.row('qwen', { cached: true, blocked: false, error: false });
    t = 2000;
    state.row('qwen', { cached: false, blocked: true, error: false });
    state.row('qwen', { cached: false, blocked: false, error: true });
    expect(state.rate('qwen')).toBeCloseTo(1);
    expect(state.eta('qwen')).toBeCloseTo(7);
    const lane = state.lanes.get('qwen')!;
    expect(lane).toMatchObject({ done: 3, cached: 1, blocked: 1, errors: 1 });
  });

  it('renders a bar with counts, rate and ETA, and plain lines for CI', () => {
    let t = 0;
    const state = new ProgressState(
      [
        { id: '模型甲', total: 4 },
        { id: 'b', total: 4 },
      ],
      () => t,
    );
    t = 1000;
    state.row('模型甲', { cached: false, blocked: false, error: false });
    state.stop('b', 'quota_exhausted');
    const [a, b] = renderBars(state, 120);
    expect(a).toMatch(/模型甲 .*█.*1\/4 +25% {2}1\.0\/s {2}ETA 00:03 {2}errors 0 {2}blocked 0/);
    expect(b).toContain('STOPPED: quota_exhausted');
    expect(renderPlain(state)[0]).toBe('[00:01] 模型甲: 1/4 answers  1.0/s  ETA 00:03  errors 0  blocked 0');
  });

  it('redraws in place on a terminal and appends lines otherwise', () => {
    const state = new ProgressState([{ id: 'm', total: 1 }]);
    const { reporter: tty, written: out } = reporterOn(state, true);
    tty.draw();
    tty.draw();
    expect(out[1]!.startsWith('\x1b[1F\x1b[2K')).toBe(true);
    const { reporter: ci, written: plain } = reporterOn(state, false);
    ci.stop();
    expect(plain.join('')).not.toContain('\x1b');
  });

  it('fits every bar line in a narrow terminal, and treats a width of 0 as unknown', () => {
    const state = new ProgressState([
      { id: 'a-rather-long-model-name-for-a-narrow-screen', total: 12 },
      { id: 'judge:j', label: 'judge j', total: 24 },
    ]);
    for (const line of renderBars(state, 40)) expect(displayWidth(line)).toBeLessThanOrEqual(39);
    const unknown = renderBars(state, 0);
    expect(unknown[1]).toMatch(/^judge j +░+ +0\/24 +0%/);
    expect(unknown[0]).toContain('errors 0');
  });

  it('stops once: a second stop draws nothing, so lines printed after it are never drawn over', () => {
    const state = new ProgressState([{ id: 'm', total: 1 }]);
    const { reporter: tty, written: out } = reporterOn(state, true);
    tty.draw();
    tty.stop();
    const drawn = out.length;
    tty.stop();
    tty.draw();
    expect(out).toHaveLength(drawn);
    const { reporter: ci, written: plain } = reporterOn(state, false);
    ci.stop();
    ci.stop();
    expect(plain.join('').match(/\[\d\d:\d\d\] m:/g)).toHaveLength(1);
  });

  it('prints text above the bars on a terminal and draws them again below it', () => {
    const state = new ProgressState([{ id: 'm', total: 2 }]);
    const { reporter: tty, written: out } = reporterOn(state, true);
    tty.draw();
    out.length = 0;
    tty.print('m stopped (auth): bad key\n');
    expect(out.join('').startsWith('\x1b[1F\x1b[Jm stopped (auth): bad key\n\x1b[2Km ')).toBe(true);
  });

  it('formats durations', () => {
    expect(formatDuration(undefined)).toBe('--:--');
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
