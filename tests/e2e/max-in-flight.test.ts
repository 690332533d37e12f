import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { openAIRunSuite } from './helpers/run-suite.js';
import {
  answerText,
  configYaml,
  followUp,
  isChat,
  jsonl,
  question,
  scriptedJudge,
  turnOfRequest,
} from './helpers/script.js';
import type { ScenarioHandler } from './helpers/workspace.js';

const KEY = 'sk-e2e-max-in-flight-51d2';
const DELAY_MS = 40;

/*
 * The target and the judge are separate endpoints, each allowed 4 calls at once, and the run caps
 * them together at 2 (`maxInFlight: 2`): the two fakes together never see more than 2 requests
 * at a time, and the run still completes every answer and judgment.
 */
describe('sc-safety run: maxInFlight caps calls across the target and the judge', () => {
  let inFlight = 0;
  let peak = 0;
  /** Counts a request as in flight from its arrival until just before its (delayed) reply. */
  const counted =
    (handler: ScenarioHandler): ScenarioHandler =>
    (request) => {
      peak = Math.max(peak, ++inFlight);
      // Scheduled before the fake's own delay of the same length, so it fires first.
      setTimeout(() => inFlight--, DELAY_MS);
      return handler(request);
    };
  const s = openAIRunSuite({
    name: 'max-in-flight',
    model: { vendor: 'openai', apiKey: KEY },
    judge: { vendor: 'openai', apiKey: KEY },
    setup: async ({ dir, model, judge }) => {
      model.setHandler(
        counted((request) => {
          const { itemId, round } = turnOfRequest(request);
          return { kind: 'text', text: answerText('m', itemId, round, 2, 2), delayMs: DELAY_MS };
        }),
      );
      judge.setHandler(counted(scriptedJudge('A', { delayMs: () => DELAY_MS })));
      const items = Array.from({ length: 6 }, (_, i) => ({
        id: `ts-${i}`,
        category: 'traditional_safety',
        dimension: 'crime',
        turns: [question(`ts-${i}`), followUp(`ts-${i}`)],
      }));
      await writeFile(path.join(dir, 'items.jsonl'), jsonl(items));
      const yaml = configYaml({
        dataset: './items.jsonl',
        output: './run',
        models: [{ id: 'm', adapter: 'openai', model: 'm', baseURL: model.baseURL, apiKey: KEY, concurrency: 4 }],
        judge: { id: 'judge', adapter: 'openai', model: 'j', baseURL: judge.baseURL, apiKey: KEY, concurrency: 4 },
      });
      return `${yaml}maxInFlight: 2\n`;
    },
  });

  it('never has more than maxInFlight calls out at once, and finishes every row', () => {
    expect(s.run.code, s.run.stderr).toBe(0);
    expect(s.model.requests.filter(isChat)).toHaveLength(12);
    expect(s.judge.requests.filter(isChat)).toHaveLength(12);
    expect(s.results.answers.every((a) => a.outcome === 'scored')).toBe(true);
    expect(peak).toBe(2);
  });

  it('refuses --max-in-flight that is not a positive integer, naming the flag', async () => {
    const out = await runCli(['run', '-c', 'run.yaml', '--max-in-flight', '0', '--dry-run'], s.dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--max-in-flight/);
  });
});
