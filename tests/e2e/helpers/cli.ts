import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './workspace.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The CLI's executable, as package.json's `bin` names it (it runs the built bundle, dist/cli.cjs). */
export const CLI_BIN = path.join(REPO_ROOT, 'packages/cli/bin/sc-safety.cjs');
const CLI_BUNDLE = path.join(REPO_ROOT, 'packages/cli/dist/cli.cjs');
/** Whether the CLI is built (`pnpm test` builds every package before vitest runs). */
export const CLI_BUILT = existsSync(CLI_BUNDLE) && existsSync(path.join(REPO_ROOT, 'packages/core/dist/index.js'));
export const NOT_BUILT_MESSAGE = `${path.relative(REPO_ROOT, CLI_BUNDLE)} is missing: run \`./node_modules/.bin/turbo run build\` (or \`pnpm test\`, which builds first)`;

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `run` and `dataset followups` without the preflight: these tests count the requests their
 * scripted fakes receive, and a probe would be one more. The preflight has its own end-to-end tests
 * (packages/cli/src/commands/first-hour.test.ts).
 */
export function withoutPreflight(argv: readonly string[]): string[] {
  const calls = argv[0] === 'run' || (argv[0] === 'dataset' && argv[1] === 'followups');
  return calls && !argv.includes('--dry-run') ? [...argv, '--no-preflight'] : [...argv];
}

/** Runs `sc-safety …` in this process (sources, not dist), capturing what it prints. */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliOutput> {
  let stdout = '';
  let stderr = '';
  const code = await main(withoutPreflight(argv), {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    stderrIsTTY: false,
    columns: 120,
  });
  return { code, stdout, stderr };
}

/** A spawned built CLI: its process, what it printed so far, and its exit. */
export interface SpawnedCli {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(argv: readonly string[], options: { cwd: string; env?: Record<string, string> }): SpawnedCli {
  const child = spawn(process.execPath, [CLI_BIN, ...withoutPreflight(argv)], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (t: string) => void (output.stdout += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => void (output.stderr += t));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}
