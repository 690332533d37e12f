// Writes a synthetic results.json of about `answers` answers for the report bench: the report's own
// `syntheticResults` (made-up phrase salad, leaderboards from the real scorer, no bootstrap) written
// by core's `resultsJsonChunks`, byte for byte as `sc-safety run` writes results.json. Run in its own
// process (the document is built whole in memory, a few GB for 500,000 answers); the file is kept
// under bench/results/ and reused by later runs of the same size.
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ROOT } from './paths.mjs';

const MODELS = 13;

/** Where the file for `answers` answers lives (generated on first use). */
export function reportResultsPath(dir, answers) {
  return path.join(dir, `report-${answers}`, 'results.json');
}

/** Answers a file for `answers` holds: 13 models × pairs × 2 rounds, rounded up to whole pairs. */
export function pairsFor(answers) {
  return Math.ceil(answers / (MODELS * 2));
}

async function main() {
  const [file, answersArg] = process.argv.slice(2);
  const answers = Number(answersArg);
  if (!file || !Number.isInteger(answers) || answers <= 0)
    throw new Error('usage: report-results.mjs <results.json> <answers>');
  if (existsSync(file)) return;
  const { syntheticResults } = await import(pathToFileURL(path.join(ROOT, 'apps/report/dist/node/index.js')).href);
  // Not in core's public API: the module that writes results.json for `sc-safety run`.
  const { resultsJsonChunks } = await import(
    pathToFileURL(path.join(ROOT, 'packages/core/dist/export/write-run-exports.js')).href
  );
  const results = syntheticResults({ models: MODELS, pairs: pairsFor(answers), bootstrapIterations: 0 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let pending = [];
  let size = 0;
  const flush = () => {
    writeSync(fd, pending.join(''));
    pending = [];
    size = 0;
  };
  for (const chunk of resultsJsonChunks(results)) {
    pending.push(chunk);
    size += chunk.length;
    if (size > 4 << 20) flush();
  }
  flush();
  closeSync(fd);
  renameSync(tmp, file);
  console.log(`wrote ${file}: ${results.answers.length} answers, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
