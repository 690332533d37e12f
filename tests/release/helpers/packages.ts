import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REPOSITORY = 'github.com/sc-safety/sc-safety';

export interface WorkspacePackage {
  /** Relative to the repository root, e.g. `packages/spec`. */
  dir: string;
  name: string;
  version: string;
  private: boolean;
  manifest: Record<string, unknown>;
}

/** Every workspace package (packages/, apps/, examples/). */
export function workspacePackages(): WorkspacePackage[] {
  return ['packages', 'apps', 'examples'].flatMap((group) =>
    readdirSync(path.join(REPO_ROOT, group))
      .filter((d) => existsSync(path.join(REPO_ROOT, group, d, 'package.json')))
      .map((d) => {
        const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, group, d, 'package.json'), 'utf8')) as Record<
          string,
          unknown
        >;
        return {
          dir: `${group}/${d}`,
          name: manifest.name as string,
          version: manifest.version as string,
          private: manifest.private === true,
          manifest,
        };
      }),
  );
}

/** The packages `changeset publish` publishes. */
export function publishedPackages(): WorkspacePackage[] {
  return workspacePackages().filter((p) => !p.private);
}

export const run = promisify(execFile);

/** A packed tarball of a workspace package. */
export interface Tarball {
  pkg: WorkspacePackage;
  file: string;
}

/**
 * `pnpm pack` of every published package into `dest`, as `changeset publish` would publish them:
 * `workspace:` ranges replaced by real ones, `publishConfig` applied. Needs a build (`pnpm test`
 * builds first).
 */
export async function packPublished(dest: string): Promise<Tarball[]> {
  await mkdir(dest, { recursive: true });
  return Promise.all(
    publishedPackages().map(async (pkg) => {
      const { stdout } = await run('pnpm', ['pack', '--pack-destination', dest, '--json'], {
        cwd: path.join(REPO_ROOT, pkg.dir),
        env: { ...process.env, CI: 'true' },
      });
      const file = (JSON.parse(stdout) as { filename: string }).filename;
      return { pkg, file: path.isAbsolute(file) ? file : path.join(dest, path.basename(file)) };
    }),
  );
}

/** A file inside a tarball, as text. */
export async function tarballText(file: string, inner: string): Promise<string> {
  return (await run('tar', ['-xzOf', file, `package/${inner}`], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** The paths inside a tarball, without the `package/` prefix. */
export async function tarballFiles(file: string): Promise<string[]> {
  return (await run('tar', ['-tzf', file], { maxBuffer: 64 * 1024 * 1024 })).stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
}
