import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prerequisite } from '../support/prerequisite.js';

const CLI_DIST = path.resolve(import.meta.dirname, '../../packages/cli/dist/index.js');
const built = prerequisite(existsSync(CLI_DIST), 'packages/cli/dist', 'run `pnpm build` first');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'import-memory-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TARGET_BYTES = 200 * 1024 * 1024;
const RSS_LIMIT_BYTES = 200 * 1024 * 1024;
const SCENARIOS = ['Insult', 'Crimes_And_Illegal_Activities', 'Role_Play_Instruction', 'Goal_Hijacking'];

/**
 * Writes a synthetic Safety-Prompts file (one JSON object keyed by scenario, lists of
 * {prompt, response, type}) of at least `bytes`, pretty-printed like the real files. The text is
 * generated here; returns how many elements each scenario got.
 */
async function writeSynthetic(file: string, bytes: number): Promise<number[]> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const perScenario = SCENARIOS.map(() => 0);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let written = 0;
  const share = bytes / SCENARIOS.length;
  await write('{\n');
  for (let s = 0; s < SCENARIOS.length; s++) {
    const key = SCENARIOS[s]!;
    await write(`${s > 0 ? ',\n' : ''}  ${JSON.stringify(key)}: [\n`);
    let mine = 0;
    for (let i = 0; mine < share; i++) {
      const element = JSON.stringify({
        prompt: `第${i}个合成问题：请问在${key}这个场景里，“引号”、逗号, 和括号[]{}应该怎么处理？`,
        response: `合成回答${i}：这是测试用的长回答。${'内容'.repeat(40)}`,
        type: key,
      });
      const text = `${i > 0 ? ',\n' : ''}    ${element}`;
      await write(text);
      mine += Buffer.byteLength(text);
      perScenario[s]!++;
    }
    written += mine;
    await write('\n  ]');
  }
  await write('\n}\n');
  out.end();
  await once(out, 'finish');
  expect(written).toBeGreaterThanOrEqual(bytes * 0.99);
  return perScenario;
}

describe.runIf(built)('importing a 200 MB Safety-Prompts file', () => {
  it('streams it through the real CLI with peak RSS under 200 MB and every element counted', {
    timeout: 600_000,
  }, async () => {
    const source = path.join(tmp, 'synthetic_scenarios.json');
    const perScenario = await writeSynthetic(source, TARGET_BYTES);
    expect(statSync(source).size).toBeGreaterThanOrEqual(TARGET_BYTES);
    const out = path.join(tmp, 'imported.jsonl');
    // A fresh process running the built CLI: its peak RSS is the import's alone, not the test runner's.
    const script = `
      const { main } = await import(${JSON.stringify(CLI_DIST)});
      let stdout = '';
      const code = await main(['dataset', 'import', 'safety-prompts', ${JSON.stringify(source)}, '--out', ${JSON.stringify(out)}],
        { stdout: (t) => { stdout += t; }, stderr: (t) => process.stderr.write(t), cwd: ${JSON.stringify(tmp)}, stderrIsTTY: false });
      process.stdout.write(JSON.stringify({ code, stdout, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 590_000,
      maxBuffer: 1 << 24,
    });
    expect(child.status, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout) as { code: number; stdout: string; maxRssBytes: number };
    expect(report.code, child.stderr).toBe(0);
    const total = perScenario.reduce((a, b) => a + b, 0);
    expect(report.stdout).toContain(`Items        ${total} (0 pairs, ${total} single-turn: round 1 only)`);
    for (let s = 0; s < SCENARIOS.length; s++) {
      expect(report.stdout).toMatch(new RegExp(`${SCENARIOS[s]}\\s+\\S+\\s+${perScenario[s]}\\n`));
    }
    console.info(
      `import of ${statSync(source).size} bytes (${total} items): peak RSS ${(report.maxRssBytes / 1048576).toFixed(1)} MiB`,
    );
    expect(report.maxRssBytes).toBeLessThan(RSS_LIMIT_BYTES);
    rmSync(source);
    rmSync(out);
  });
});
