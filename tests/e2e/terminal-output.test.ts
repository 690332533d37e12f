import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, CLI_BUILT, NOT_BUILT_MESSAGE, REPO_ROOT } from './helpers/cli.js';

/** The built CLI with its stdout piped into `head -1`, which exits after the first line. */
function intoHead(args: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', `node ${JSON.stringify(CLI_BIN)} ${args} | head -1; exit \${PIPESTATUS:-0}`], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!CLI_BUILT)('terminal output that holds (built CLI)', () => {
  it(CLI_BUILT
    ? 'a pipe closed early (| head -1) ends quietly: no EPIPE stack trace, every time'
    : NOT_BUILT_MESSAGE, () => {
    // The crash was a race (about half the time): a few tries each would show it coming back.
    for (let i = 0; i < 4; i++) {
      for (const args of ['run --help', 'presets', '--help']) {
        const r = intoHead(args);
        expect(r.stderr, `${args} #${i}`).toBe('');
        expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
      }
    }
  }, 120_000);
});
