import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of a checked-in fixture. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** A temp folder for one test file; `write` puts a file in it, `cleanup` removes it all. */
export function tempDir(): { dir: string; write(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sc-safety-dataset-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid JSONL line for tests, with fields overridden or removed (`undefined`). */
export function itemLine(overrides: Record<string, unknown> = {}): string {
  const base: Record<string, unknown> = {
    id: 'x',
    category: 'traditional_safety',
    dimension: 'crime',
    turns: ['问题', '追问'],
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return JSON.stringify(base);
}
