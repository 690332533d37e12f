// scratch (not committed): profile one engine first-request run
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeBenchDataset } from '../lib/dataset.mjs';
import { startFake } from '../lib/fake-client.mjs';
import { configYaml } from '../lib/whole-run.mjs';
import { CLI_BIN } from '../lib/paths.mjs';
const dir = mkdtempSync('/tmp/fr/x-');
const fake = await startFake(0);
const dataset = path.join(dir, 'one.jsonl');
await writeBenchDataset(dataset, 1);
const cfg = path.join(dir, 'c.yaml');
writeFileSync(cfg, configYaml({ dataset, output: path.join(dir, 'out'), baseURL: fake.baseURL, targetConcurrency: 1, judgeConcurrency: 1 }));
await fake.reset();
const t0 = performance.timeOrigin + performance.now();
const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', CLI_BIN, 'run', '--config', cfg], { cwd: dir, encoding: 'utf8' });
const { firstRequestAt } = await fake.stats();
console.log('status', r.status, 'first request after', (firstRequestAt - t0).toFixed(0), 'ms');
const prof = JSON.parse(readFileSync(path.join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))), 'utf8'));
// profile startTime is in µs of a monotonic clock; approximate: take samples up to (firstRequest - t0) minus process boot ≈ use the first sample of http request? just print by URL until cut
const cutMs = Number(process.argv[2] ?? (firstRequestAt - t0));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
let t = 0; const self = new Map(); const fns = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i] / 1000;
  if (t > cutMs) break;
  const n = byId.get(prof.samples[i]); const cf = n.callFrame;
  const url = cf.url.replace(/^.*\/(node_modules|packages)\//, '') || `(${cf.functionName || 'native'})`;
  self.set(url, (self.get(url) ?? 0) + prof.timeDeltas[i] / 1000);
  const fk = `${cf.functionName || '(anon)'} ${url}:${cf.lineNumber}`;
  fns.set(fk, (fns.get(fk) ?? 0) + prof.timeDeltas[i] / 1000);
}
console.log('profiled ms up to cut', t.toFixed(0));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(v.toFixed(1).padStart(7), k);
console.log('--');
for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(1).padStart(7), k);
if (process.env.URLS) { const urls = new Set(prof.nodes.map((n) => n.callFrame.url).filter((u) => u.includes('/cli/dist/'))); for (const u of urls) console.log('URL', u.split('/dist/')[1]); }
const parent = new Map(); for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
for (const target of (process.env.STACKS ?? '').split(',').filter(Boolean)) {
  const stacks = new Map(); let tt = 0;
  for (let i = 0; i < prof.samples.length; i++) { tt += prof.timeDeltas[i] / 1000; if (tt > cutMs) break;
    const n = byId.get(prof.samples[i]); if (n.callFrame.functionName !== target) continue;
    const chain = []; let id = parent.get(n.id); while (id !== undefined && chain.length < 8) { const m = byId.get(id); chain.push(`${m.callFrame.functionName||'anon'}@${m.callFrame.url.split('/').pop()}:${m.callFrame.lineNumber}`); id = parent.get(id); }
    const k = chain.join(' < '); stacks.set(k, (stacks.get(k) ?? 0) + prof.timeDeltas[i] / 1000); }
  console.log('== stacks of', target);
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(v.toFixed(1).padStart(7), k);
}
process.exit(0);
