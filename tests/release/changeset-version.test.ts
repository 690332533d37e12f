import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, workspacePackages } from './helpers/packages.js';
import type { WorkspacePackage } from './helpers/packages.js';

// Independent version lines: a changeset for one adapter releases that adapter and, because their
// `workspace:^` range must follow it, the packages that depend on it; nothing else moves.
describe('changeset version with one adapter’s changeset', () => {
  let dir: string;
  let before: WorkspacePackage[];
  const after = new Map<string, { version: string; dependencies: Record<string, string> }>();
  const ADAPTER = '@sc-safety/adapter-http';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-release-changeset-'));
    before = workspacePackages();
    // The workspace's manifests, config and changelogs, without its pending changesets.
    for (const f of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json'])
      await cp(path.join(REPO_ROOT, f), path.join(dir, f));
    for (const p of before) {
      await mkdir(path.join(dir, p.dir), { recursive: true });
      await cp(path.join(REPO_ROOT, p.dir, 'package.json'), path.join(dir, p.dir, 'package.json'));
      if (existsSync(path.join(REPO_ROOT, p.dir, 'CHANGELOG.md')))
        await cp(path.join(REPO_ROOT, p.dir, 'CHANGELOG.md'), path.join(dir, p.dir, 'CHANGELOG.md'));
    }
    // Only the release tooling is borrowed from the workspace (the changelog generator is resolved from here).
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    await writeFile(
      path.join(dir, '.changeset/http-only.md'),
      `---\n"${ADAPTER}": minor\n---\n\nA new vendor template.\n`,
    );
    const git = (...args: string[]) =>
      run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: dir });
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-qm', 'fixture');
    await run(path.join(REPO_ROOT, 'node_modules/.bin/changeset'), ['version'], {
      cwd: dir,
      env: { ...process.env, CI: 'true' },
    });
    for (const p of before) {
      const m = JSON.parse(await readFile(path.join(dir, p.dir, 'package.json'), 'utf8')) as {
        version: string;
        dependencies?: Record<string, string>;
      };
      after.set(p.name, { version: m.version, dependencies: m.dependencies ?? {} });
    }
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('bumps the adapter by its changeset and its dependents by a patch, and nothing else', () => {
    const dependents = before
      .filter((p) => Object.keys((p.manifest.dependencies ?? {}) as Record<string, string>).includes(ADAPTER))
      .map((p) => p.name);
    expect(dependents).toEqual(['@sc-safety/cli']);
    const changed = Object.fromEntries(
      before
        .filter((p) => after.get(p.name)!.version !== p.version)
        .map((p) => [p.name, `${p.version} → ${after.get(p.name)!.version}`]),
    );
    expect(changed).toEqual({ [ADAPTER]: '0.1.0 → 0.2.0', '@sc-safety/cli': '0.1.0 → 0.1.1' });
  });

  it('keeps workspace ranges and writes the changelogs of the released packages only', async () => {
    expect(after.get('@sc-safety/cli')!.dependencies[ADAPTER]).toBe('workspace:^');
    const http = await readFile(path.join(dir, 'packages/adapter-http/CHANGELOG.md'), 'utf8');
    expect(http).toMatch(/## 0\.2\.0\n\n### Minor Changes\n\n- [0-9a-f]+: A new vendor template\./);
    expect(await readFile(path.join(dir, 'packages/cli/CHANGELOG.md'), 'utf8')).toMatch(
      /## 0\.1\.1\n\n### Patch Changes\n\n- Updated dependencies/,
    );
    expect(await readFile(path.join(dir, 'packages/spec/CHANGELOG.md'), 'utf8')).toBe(
      await readFile(path.join(REPO_ROOT, 'packages/spec/CHANGELOG.md'), 'utf8'),
    );
    expect(existsSync(path.join(dir, '.changeset/http-only.md'))).toBe(false);
  });
});
