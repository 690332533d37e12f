// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package, so
// a report can say where an engine run spends its CPU without opening a profiler UI.
import { readFileSync } from 'node:fs';

function bucketOf(url) {
  if (!url) return '(native/vm)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const pnpm = /node_modules\/\.pnpm\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[2];
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return mod[1];
  const ws = /packages\/([^/]+)\/(?:dist|src)\/(.*)$/.exec(url);
  if (ws) return `@sc-safety/${ws[1]}`;
  return url.replace(/^file:\/\//, '');
}

/** Self time (ms) by function and by package bucket, top `limit` of each. */
export function summarizeProfile(file, limit = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
  }
  const byFunction = new Map();
  const byBucket = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(/^.*\/(packages|node_modules)\//, '$1/') : '';
    const fn = `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const bucket =
      functionName === '(idle)'
        ? '(idle)'
        : functionName === '(garbage collector)'
          ? '(gc)'
          : functionName === '(program)'
            ? '(program)'
            : bucketOf(url);
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + us);
    total += us;
  }
  const top = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 }));
  return { totalMs: Math.round(total / 1000), byBucket: top(byBucket), byFunction: top(byFunction) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total sampled: ${summary.totalMs} ms`);
  console.log('\nby package / area (self time):');
  for (const r of summary.byBucket)
    console.log(`  ${String(r.ms).padStart(7)} ms ${String(r.pct).padStart(5)}%  ${r.name}`);
  console.log('\nby function (self time):');
  for (const r of summary.byFunction)
    console.log(`  ${String(r.ms).padStart(7)} ms ${String(r.pct).padStart(5)}%  ${r.name}`);
}
