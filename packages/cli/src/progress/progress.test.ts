import { describe, expect, it } from 'vitest';
import { renderBars, renderPlain } from './progress-render.js';
import { ProgressReporter } from './progress-reporter.js';
import { ProgressState, formatDuration } from './progress-state.js';

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
    const state = new ProgressState([{ id: '模型甲', total: 4 }, { id: 'b', total: 4 }], () => t);
    t = 1000;
    state.row('模型甲', { cached: false, blocked: false, error: false });
    state.stop('b', 'quota_exhausted');
    const [a, b] = renderBars(state, 120);
    expect(a).toMatch(/模型甲 .*█.*1\/4 +25% {2}1\.0\/s {2}ETA 00:03 {2}blocked 0 {2}errors 0/);
    expect(b).toContain('STOPPED: quota_exhausted');
    expect(renderPlain(state)[0]).toBe('[00:01] 模型甲: 1/4 answers  1.0/s  ETA 00:03  blocked 0  errors 0');
  });

  it('redraws in place on a terminal and appends lines otherwise', () => {
    const state = new ProgressState([{ id: 'm', total: 1 }]);
    const out: string[] = [];
    const tty = new ProgressReporter(state, { write: (s) => out.push(s), tty: true });
    tty.draw();
    tty.draw();
    expect(out[1]!.startsWith('\x1b[1F\x1b[2K')).toBe(true);
    const plain: string[] = [];
    const ci = new ProgressReporter(state, { write: (s) => plain.push(s), tty: false });
    ci.stop();
    expect(plain.join('')).not.toContain('\x1b');
  });

  it('formats durations', () => {
    expect(formatDuration(undefined)).toBe('--:--');
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
