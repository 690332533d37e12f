import { fileURLToPath } from 'node:url';
import { describeAdapterConformance } from '@sc-safety/testkit';
import type { FakeServerBase } from '@sc-safety/testkit';
import { AuthError, InvalidRequestError, QuotaExhaustedError, RateLimitedError } from '@sc-safety/spec';
import type { ChatMessageV1 } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { createAcmeFakeServer } from './__fixtures__/acme-fake.js';
import adapter from './index.js';
import { validateConfig } from './config-schema.js';
import { createModel } from './create-model.js';
import { serveForSuite } from './__fixtures__/serve-for-suite.js';
import { MINIMAL_TEMPLATE } from './__fixtures__/minimal-template.js';

const TEMPLATE = fileURLToPath(new URL('../docs/acme-chat.template.yaml', import.meta.url));
const KEY = 'acme-test-key-0123456789';

/** Reads Acme's `conversation` back as chat messages, instructions first. */
function extractAcme(body: unknown): ChatMessageV1[] {
  const conversation = (
    body as { conversation?: { instructions?: string; turns?: { speaker: string; text: string }[] } }
  ).conversation;
  const turns = (conversation?.turns ?? []).map(
    (t): ChatMessageV1 => ({ role: t.speaker === 'bot' ? 'assistant' : 'user', content: t.text }),
  );
  return conversation?.instructions === undefined
    ? turns
    : [{ role: 'system', content: conversation.instructions }, ...turns];
}

for (const stream of [false, true]) {
  describeAdapterConformance({
    name: `http template from YAML (acme, ${stream ? 'ndjson stream' : 'whole body'})`,
    createServer: () => createAcmeFakeServer({ apiKey: KEY }),
    createModel: (server, { timeoutMs, apiKey }) =>
      createModel(
        { model: 'acme-large', template: TEMPLATE, baseURL: server.baseURL, apiKey, timeoutMs, stream },
        { env: {} },
      ),
    apiKey: KEY,
    supports: { streaming: stream, seed: false, systemRole: 'native' },
    extractMessages: extractAcme,
  });
}

describe('a vendor written only as a YAML template (acme)', () => {
  let server: FakeServerBase;
  serveForSuite(async () => (server = await createAcmeFakeServer({ apiKey: KEY })));

  async function model(stream: boolean) {
    const checked = validateConfig({
      model: 'acme-large',
      template: TEMPLATE,
      baseURL: server.baseURL,
      apiKey: KEY,
      stream,
    });
    if ('issues' in checked && checked.issues) throw new Error(JSON.stringify(checked.issues));
    return adapter.create(checked.value, { env: {} });
  }

  it('runs from a run-config entry: validated, created through the adapter, request mapped as the template says', async () => {
    server.reset();
    server.enqueue({ kind: 'text', text: 'Fine, thanks.' });
    const m = await model(false);
    const result = await m.generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'user', content: 'How are you?' },
      ],
      params: { temperature: 1.5, maxTokens: 20.4, seed: 3, stop: ['\n'] },
    });
    expect(result.type).toBe('completed');
    expect(m.provider).toBe('http.acme');
    const sent = server.requests[0];
    expect(sent?.path).toBe('/v2/models/acme-large/generate');
    expect(sent?.headers['x-acme-client']).toBe('sc-safety');
    expect(sent?.body).toEqual({
      options: { safety_mode: 'standard', temperature: 1, max_new_tokens: 20, stop: ['\n'] },
      conversation: { instructions: 'Be brief.', turns: [{ speaker: 'human', text: 'Hi\n\nHow are you?' }] },
    });
    expect(result.warnings.map((w) => `${w.type}:${w.setting}`).sort()).toEqual([
      'clamped-setting:maxTokens',
      'clamped-setting:temperature',
      'other:messages',
      'unsupported-setting:seed',
    ]);
    await m.close?.();
  });

  for (const stream of [false, true]) {
    it(`input and output blocks are results, the output block keeps streamed text (${stream ? 'stream' : 'whole'})`, async () => {
      const m = await model(stream);
      server.reset();
      server.enqueue({ kind: 'block', signal: 'openai-invalid-prompt', stage: 'input' });
      expect(await m.generate({ messages: [{ role: 'user', content: 'x' }] })).toMatchObject({
        type: 'blocked',
        stage: 'input',
        code: '4201',
        message: 'input refused',
      });
      server.enqueue({
        kind: 'block',
        signal: 'openai-content-filter',
        stage: 'output',
        partialText: 'Partial answer',
      });
      const out = await m.generate({ messages: [{ role: 'user', content: 'x' }] });
      expect(out).toMatchObject({ type: 'blocked', stage: 'output', code: '4202', partialText: 'Partial answer' });
      await m.close?.();
    });
  }

  it('classifies HTTP-200 error bodies through the failure rules', async () => {
    const m = await model(false);
    server.reset();
    server.enqueue({ kind: 'quota' }, { kind: 'context-length' }, { kind: 'auth' });
    await expect(m.generate({ messages: [{ role: 'user', content: 'x' }] })).rejects.toSatisfy(
      QuotaExhaustedError.isInstance,
    );
    const ctx = await m.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(ctx) && ctx.reason).toBe('context_length');
    await expect(m.generate({ messages: [{ role: 'user', content: 'x' }] })).rejects.toSatisfy(AuthError.isInstance);
    await m.close?.();
  });

  it('a rate-limit retry-after may come from the body when the headers say nothing', async () => {
    const m = await model(false);
    server.reset();
    server.setHandler(() => ({ kind: 'text', text: 'unused' }));
    // Played through the scenario header so the fake's body carries status.retry_after.
    const error = await m
      .generate({ messages: [{ role: 'user', content: 'x' }], headers: { 'x-fake-scenario': 'rate-limit' } })
      .catch((e: unknown) => e);
    expect(RateLimitedError.isInstance(error) && error.retryAfterMs).toBe(3000);
    await m.close?.();
  });

  it('reports a wrong template field by its path when the config is validated', () => {
    const checked = validateConfig({
      model: 'm',
      template: { ...MINIMAL_TEMPLATE, response: { text: 'output..text' } },
    });
    expect('issues' in checked && checked.issues?.map((i) => i.message)).toEqual([
      'template.response.text: expected a JSON path such as "output.choices[0].message.content"',
    ]);
    expect('issues' in checked && checked.issues?.[0]?.path).toEqual(['template', 'response', 'text']);
  });
});
