import type { ChatMessageV1, CompletedResultV1, GenerateRequestV1 } from '@sc-safety/spec';
import type { FakeScenario } from '../fake/types.js';
import { expect } from 'vitest';
import type { ConformanceCase } from './case.js';
import { ask, describeResult, play } from './env.js';
import type { ConformanceEnv } from './env.js';

/** Plays `scenario` with `request` and expects a completed result (with a warnings array), which it returns. */
async function playCompleted(
  env: ConformanceEnv,
  scenario: FakeScenario,
  request?: GenerateRequestV1,
): Promise<CompletedResultV1> {
  const result = await play(env, scenario, request);
  expect(result.type, `expected a completed result, got ${describeResult(result)}`).toBe('completed');
  const completed = result as CompletedResultV1;
  expect(Array.isArray(completed.warnings), 'warnings must be an array').toBe(true);
  return completed;
}

/** The answer cases: manifest, text, usage, finish reasons, history, empty answer, seed warning. */
export function successCases(): ConformanceCase[] {
  return [
    {
      id: 'manifest',
      title: 'declares a well-formed model and capability manifest',
      run: async ({ model, options }) => {
        expect(model.specificationVersion).toBe('v1');
        expect(
          typeof model.provider === 'string' && model.provider.length > 0,
          'provider must be a non-empty string',
        ).toBe(true);
        expect(
          typeof model.modelId === 'string' && model.modelId.length > 0,
          'modelId must be a non-empty string',
        ).toBe(true);
        expect(typeof model.generate).toBe('function');
        const c = model.capabilities;
        expect(['native', 'merged', 'unsupported']).toContain(c.systemRole);
        expect(c.systemRole, 'capabilities.systemRole must match supports.systemRole').toBe(
          options.supports.systemRole,
        );
        expect(typeof c.multiTurn).toBe('boolean');
        expect(c.seed, 'capabilities.seed must match supports.seed').toBe(options.supports.seed);
        expect(c.streaming, 'capabilities.streaming must match supports.streaming').toBe(options.supports.streaming);
        expect(c.reportsServedModel === true, 'capabilities.reportsServedModel must match supports.servedModel').toBe(
          options.supports.servedModel,
        );
        if (c.maxContextTokens !== undefined)
          expect(Number.isInteger(c.maxContextTokens) && c.maxContextTokens > 0).toBe(true);
        expect(
          Array.isArray(c.moderationSignals) && c.moderationSignals.every((s) => typeof s === 'string' && s !== ''),
        ).toBe(true);
        if (options.blocks.length > 0)
          expect(c.moderationSignals.length, 'an adapter that maps blocks must name its signals').toBeGreaterThan(0);
      },
    },
    {
      id: 'text',
      title: 'single-turn answer: text, finish reason stop (unified and raw), request id, prompt sent',
      run: async (env) => {
        const text = 'Hello there, friend.';
        const result = await playCompleted(
          env,
          { kind: 'text', text, chunks: ['Hello', ' there,', ' friend.'] },
          ask('Say hello.'),
        );
        expect(result.text).toBe(text);
        expect(result.finishReason).toEqual({ unified: 'stop', raw: expect.any(String) });
        // Vendors name a normal stop differently (stop, end_turn, normal, done…): any non-empty value.
        expect(result.finishReason.raw).toMatch(/\S/);
        const sent = env.options.extractMessages(env.server.requests[0]?.body);
        expect(sent.at(-1)).toEqual({ role: 'user', content: 'Say hello.' });
        const serverId = env.server.requests[0]?.requestId;
        if (env.options.supports.requestId && serverId !== undefined)
          expect(result.requestId, 'result.requestId must be the id the vendor sent').toBe(serverId);
      },
    },
    {
      id: 'usage',
      title: 'reports the usage the vendor sent',
      run: async (env) => {
        const result = await playCompleted(env, {
          kind: 'text',
          text: 'Counted.',
          usage: { inputTokens: 11, outputTokens: 7 },
        });
        expect(result.usage.inputTokens).toBe(11);
        expect(result.usage.outputTokens).toBe(7);
        if (result.usage.totalTokens !== undefined) expect(result.usage.totalTokens).toBe(18);
      },
    },
    {
      id: 'finish-length',
      title: "maps a max-tokens stop to unified 'length' and keeps the raw value",
      run: async (env) => {
        const text = 'This answer was cut at the';
        const request = ask('Go on.', { params: { maxTokens: 8 } });
        const result = await playCompleted(env, { kind: 'text', text, finishReason: 'length' }, request);
        expect(result.text).toBe(text);
        expect(result.finishReason.unified).toBe('length');
        expect(typeof result.finishReason.raw).toBe('string');
      },
    },
    {
      id: 'multi-turn',
      title: "sends the whole history in order, including the model's own earlier answer",
      run: async (env) => {
        const history: ChatMessageV1[] = [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'First question?' },
          { role: 'assistant', content: 'First answer, verbatim.' },
          { role: 'user', content: 'Second question?' },
        ];
        await playCompleted(env, { kind: 'text', text: 'Second answer.' }, { messages: history });
        expectHistory(env, history);
      },
    },
    {
      id: 'empty',
      title: "an empty answer is a completed result with text ''",
      run: async (env) => {
        const result = await playCompleted(env, { kind: 'empty' });
        expect(result.text).toBe('');
      },
    },
    {
      id: 'seed',
      title: 'a seed the vendor ignores yields an unsupported-setting warning (and none when honoured)',
      run: async (env) => {
        const result = await playCompleted(
          env,
          { kind: 'text', text: 'Seeded.' },
          ask('Hi.', { params: { seed: 42 } }),
        );
        const seedWarnings = result.warnings.filter((w) => w.type === 'unsupported-setting' && w.setting === 'seed');
        if (env.options.supports.seed)
          expect(seedWarnings, 'seed is supported: no unsupported-setting warning expected').toHaveLength(0);
        else
          expect(
            seedWarnings.length,
            "expected a warning {type:'unsupported-setting', setting:'seed'}",
          ).toBeGreaterThan(0);
      },
    },
  ];
}

function expectHistory(env: ConformanceEnv, history: ChatMessageV1[]): void {
  const sent = env.options.extractMessages(env.server.requests[0]?.body);
  const turns = history.filter((m) => m.role !== 'system');
  switch (env.options.supports.systemRole) {
    case 'native':
      // A top-level system field (Anthropic) is read back by extractMessages as a leading system message.
      expect(sent).toEqual(history);
      return;
    case 'unsupported':
      expect(sent).toEqual(turns);
      return;
    case 'merged': {
      expect(sent.map((m) => m.role)).toEqual(turns.map((m) => m.role));
      expect(sent[0]?.content).toContain('You are terse.');
      expect(sent[0]?.content).toContain('First question?');
      expect(sent.slice(1)).toEqual(turns.slice(1));
    }
  }
}
