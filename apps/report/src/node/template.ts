import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the data blocks go in the built page. */
export const DATA_PLACEHOLDER = '<!--sc-safety:data-->';

/** The package root, found from this file whether it runs from src/ (tests) or dist/. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('@sc-safety/report: cannot find the package root');
}

/** Path of the built single-file app (`vite build` writes it). */
export function templatePath(): string {
  return path.join(packageRoot(), 'dist', 'app', 'index.html');
}

/**
 * The built page, with {@link DATA_PLACEHOLDER} where the data goes.
 *
 * @throws when the app has not been built, saying how to build it.
 */
export async function readTemplate(file = templatePath()): Promise<string> {
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch {
    throw new Error(`the report app is not built (${file} is missing): run \`pnpm --filter @sc-safety/report build\``);
  }
  if (!html.includes(DATA_PLACEHOLDER)) throw new Error(`${file} is not a report template (no data placeholder)`);
  return html;
}
