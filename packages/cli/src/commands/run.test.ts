import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { useTempCli } from './__fixtures__/temp-cli.js';

describe('run / score / merge: bad input exits 2 with a message naming what to fix', () => {
  const cli = useTempCli('sc-cli-run-');
  const { err, io } = cli;

  it('score on a directory that is not a run', async () => {
    expect(await main(['score', cli.dir], io())).toBe(2);
    expect(err.join('')).toMatch(/not a run directory \(no store\.sqlite\)\. Run `sc-safety run -c <config>` first/);
  });

  it('merge of directories that are not runs', async () => {
    expect(await main(['merge', cli.dir, '--out', path.join(cli.dir, 'm')], io())).toBe(2);
    expect(err.join('')).toMatch(/not a run directory/);
  });

  it('run with a config that names no judge', async () => {
    await writeFile(
      path.join(cli.dir, 'run.yaml'),
      'dataset: builtin:smoke\nmodels:\n  - id: m\n    adapter: openai\n    model: x\n    apiKey: sk-test-not-used-0000\n',
    );
    expect(await main(['run', '-c', 'run.yaml', '--dry-run'], io())).toBe(2);
    expect(err.join('')).toMatch(/run\.yaml: judge: a run needs a judge/);
    expect(err.join('')).not.toContain('sk-test-not-used-0000');
  });

  it('run with a malformed config names the line', async () => {
    await writeFile(path.join(cli.dir, 'run.yaml'), 'dataset: builtin:smoke\nmodels: [\n');
    expect(await main(['run', '-c', 'run.yaml'], io())).toBe(2);
    expect(err.join('')).toMatch(/run\.yaml:\d+:\d+/);
  });

  it('run --shard with a malformed value', async () => {
    await writeFile(
      path.join(cli.dir, 'run.yaml'),
      'dataset: builtin:smoke\nmodels:\n  - id: m\n    adapter: openai\n    model: x\n    apiKey: k-0000\njudge:\n  adapter: openai\n  model: j\n  apiKey: k-0000\n',
    );
    expect(await main(['run', '-c', 'run.yaml', '--shard', '5/4', '--dry-run'], io())).toBe(2);
    expect(err.join('')).toMatch(/expected the form i\/n with 1 ≤ i ≤ n/);
  });
});
