import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the CLI's own bundled adapters can be found: its package directory, so `adapter: openai`
 * works without the user installing anything beside the CLI.
 */
export function adapterSearchDirs(): string[] {
  return [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')];
}
