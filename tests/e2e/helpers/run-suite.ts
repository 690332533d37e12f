import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runCli } from './cli.js';
import type { CliOutput } from './cli.js';
import { cleanUp, readResults } from './run-dir.js';
import { createOpenAIFakeServer } from './workspace.js';
import type { FakeServer, ResultsFile } from './workspace.js';

/** The fakes and the run of an {@link openAIRunSuite}, filled in by its beforeAll. */
export interface RunSuite {
  dir: string;
  model: FakeServer;
  judge: FakeServer;
  /** What `sc-safety run -c run.yaml` printed and its exit code. */
  run: CliOutput;
  /** The run's results.json (output `./run`). */
  results: ResultsFile;
}

/**
 * A describe block's one `sc-safety run` against loopback fakes. beforeAll: a temp dir, an
 * OpenAI-protocol fake for the target (`model`) and one for the judge, then `setup` (scripts the
 * fakes, writes the dataset, returns run.yaml's text, its output `./run`), then the run and its
 * results.json. afterAll: the fakes close and the dir goes. Read the returned object in the tests.
 */
export function openAIRunSuite(options: {
  /** Names the temp dir: `sc-e2e-<name>-…`. */
  name: string;
  model: Parameters<typeof createOpenAIFakeServer>[0];
  judge: Parameters<typeof createOpenAIFakeServer>[0];
  setup: (suite: Pick<RunSuite, 'dir' | 'model' | 'judge'>) => Promise<string>;
}): RunSuite {
  const suite = {} as RunSuite;
  beforeAll(async () => {
    suite.dir = await mkdtemp(path.join(tmpdir(), `sc-e2e-${options.name}-`));
    suite.model = await createOpenAIFakeServer(options.model);
    suite.judge = await createOpenAIFakeServer(options.judge);
    await writeFile(path.join(suite.dir, 'run.yaml'), await options.setup(suite));
    suite.run = await runCli(['run', '-c', 'run.yaml'], suite.dir);
    suite.results = await readResults(suite.dir, 'run');
  });
  afterAll(() => cleanUp(suite.dir, [suite.model, suite.judge]));
  return suite;
}
