import path from 'node:path';
import type * as Runner from '@sc-safety/core/run';
import { environmentOf } from '../env-file.js';
import { info, type CommandContext } from '../io.js';
import { lintRunConfig, presetAdaptersOf } from '../presets/config-lint.js';
import { presetCatalog } from '../presets/preset-catalog.js';

/** A file as messages name it: relative to the working directory when below it. */
export function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/**
 * What the CLI checks of a run config before handing it to the engine, with no adapter a config
 * names loaded: sampling settings against the bundled presets' ranges (exit 2 naming the field), and
 * for a plan (`--dry-run`) every key the environment is missing, as warnings (planning spends nothing).
 *
 * @returns the config as loaded (hand it to `runBenchmark` as `loadedConfig`: it is not read twice).
 * @throws RunConfigError listing every setting out of range.
 */
export async function checkRunConfig(
  c: Pick<typeof Runner, 'loadRunConfig' | 'RunConfigError'>,
  ctx: CommandContext,
  configFile: string,
  options: { dryRun?: boolean; models?: readonly string[] } = {},
): Promise<Runner.LoadedRunConfig> {
  const env = environmentOf(ctx);
  const loaded = await c.loadRunConfig(configFile, {
    env,
    cwd: ctx.io.cwd,
    ...(options.dryRun ? { allowUnsetSecrets: true } : {}),
  });
  const catalog = await presetCatalog(presetAdaptersOf(loaded.config, options.models));
  const lint = lintRunConfig(loaded.config, catalog, env, options.models ? { models: options.models } : {});
  if (lint.problems.length > 0) {
    throw new c.RunConfigError(lint.problems, { file: shownPath(loaded.config.file ?? configFile, ctx.io.cwd) });
  }
  if (options.dryRun) {
    for (const k of lint.missingKeys) {
      info(
        ctx,
        `warning: ${k.path} (${k.id}): environment variable ${k.variable} is not set; a real run needs it (set it, or put it in .env)\n`,
      );
    }
  }
  return loaded;
}
