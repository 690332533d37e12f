import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { detail, type CommandContext } from './io.js';

/** The environment the CLI runs with: the real one, plus `.env` values it does not already have. */
export interface CliEnvironment {
  env: Record<string, string | undefined>;
  /** The `.env` file read, when there was one. */
  file?: string;
  /** Variables taken from it (names only: values may be keys). */
  loaded: string[];
}

/**
 * Reads `.env` in the working directory (`KEY=value` lines, `#` comments, quotes as in Node's
 * `--env-file`). A variable already set in the real environment is never overridden: the file
 * fills gaps, so `DASHSCOPE_API_KEY=… sc-safety run` still wins. The process environment itself is
 * not changed; the result is handed to what reads keys.
 */
export function loadEnvironment(cwd: string, base: Readonly<Record<string, string | undefined>>): CliEnvironment {
  const file = path.join(cwd, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { env: { ...base }, loaded: [] };
  }
  const parsed = parseEnv(text) as Record<string, string>;
  const env: Record<string, string | undefined> = { ...base };
  const loaded: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    loaded.push(name);
  }
  return { env, file, loaded };
}

/**
 * The environment a command reads keys from: `io.env` (default `process.env`) with the working
 * directory's `.env` filling its gaps. Read once per invocation; `--verbose` names the variables taken.
 */
export function environmentOf(ctx: CommandContext): Record<string, string | undefined> {
  if (ctx.env) return ctx.env;
  const loaded = loadEnvironment(ctx.io.cwd, ctx.io.env ?? process.env);
  if (loaded.file !== undefined && loaded.loaded.length > 0) {
    detail(
      ctx,
      `.env: ${loaded.loaded.length} variable${loaded.loaded.length === 1 ? '' : 's'} read from ${loaded.file} (${loaded.loaded.join(', ')}); the real environment wins\n`,
    );
  }
  ctx.env = loaded.env;
  return loaded.env;
}
