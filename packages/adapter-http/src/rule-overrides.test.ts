import { fileURLToPath } from 'node:url';
import type { FakeServerBase } from '@sc-safety/testkit';
import { InvalidRequestError, QuotaExhaustedError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { createAcmeFakeServer } from './__fixtures__/acme-fake.js';
import adapter from './index.js';
import { validateConfig } from './config-schema.js';
import { readTemplateFile } from './template/load-template.js';
import type { HttpTemplate } from './template/types.js';
import { serveForSuite } from './__fixtures__/serve-for-suite.js';

const KEY = 'acme-test-key-0123456789';
const TEMPLATE_FILE = fileURLToPath(new URL('../docs/acme-chat.template.yaml', import.meta.url));

/**
 * The Acme template as it might have been released before Acme added two codes: 4201 (its input
 * filter) and 4020 (balance is zero). The fake still sends them, as a vendor would.
 */
function olderTemplate(): HttpTemplate {
  const template = readTemplateFile(TEMPLATE_FILE) as HttpTemplate;
  return {
    ...template,
    blocks: (template.blocks ?? []).filter((rule) => rule.code !== '4201'),
    failures: (template.failures ?? []).filter((rule) => rule.kind !== 'quota_exhausted'),
  };
}

const BLOCKS = [
  {
    when: { path: 'status.code', equals: 4201 },
    stage: 'input',
    code: { path: 'status.code' },
    message: 'status.msg',
    description: "Acme's new input filter",
    signal: 'status.code=4201',
  },
];
const FAILURES = [
  { when: { path: 'status.code', equals: 4020 }, kind: 'quota_exhausted', description: 'balance is zero' },
];

describe('a model entry’s blocks: and failures: (http adapter)', () => {
  let server: FakeServerBase;
  serveForSuite(async () => (server = await createAcmeFakeServer({ apiKey: KEY })));

  async function model(stream: boolean, extra: Record<string, unknown> = {}) {
    const checked = validateConfig({
      model: 'acme-large',
      template: olderTemplate(),
      baseURL: server.baseURL,
      apiKey: KEY,
      stream,
      ...extra,
    });
    if ('issues' in checked && checked.issues) throw new Error(JSON.stringify(checked.issues));
    return adapter.create(checked.value, { env: {} });
  }

  const call = (m: Awaited<ReturnType<typeof model>>) =>
    m.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error as Error);

  for (const stream of [false, true]) {
    it(`${stream ? 'stream' : 'whole body'}: a blocks: rule turns a code the template does not know into a recorded block`, async () => {
      server.enqueue({ kind: 'block', signal: 'openai-invalid-prompt', stage: 'input' });
      const before = await call(await model(stream));
      expect(InvalidRequestError.isInstance(before)).toBe(true);
      expect((before as Error).message).toContain('not a code this template knows');

      const m = await model(stream, { blocks: BLOCKS });
      server.enqueue({ kind: 'block', signal: 'openai-invalid-prompt', stage: 'input' });
      expect(await call(m)).toMatchObject({ type: 'blocked', stage: 'input', code: '4201', message: 'input refused' });
      expect(m.capabilities.moderationSignals).toContain('status.code=4201');
    });
  }

  it('a failures: rule classifies a new error code as a spent quota', async () => {
    server.enqueue({ kind: 'quota' });
    expect(QuotaExhaustedError.isInstance(await call(await model(false)))).toBe(false);
    server.enqueue({ kind: 'quota' });
    const error = await call(await model(false, { failures: FAILURES }));
    expect(QuotaExhaustedError.isInstance(error)).toBe(true);
    expect((error as QuotaExhaustedError).message).toContain('balance is zero');
  });

  it('a wrong rule is refused with the field that is wrong', () => {
    const result = validateConfig({
      model: 'acme-large',
      template: TEMPLATE_FILE,
      blocks: [{ ...BLOCKS[0], stage: 'prompt' }],
      failures: [{ when: { path: 'status.code', equals: 4020 }, kind: 'quota' }],
    });
    expect('issues' in result && result.issues?.map((i) => [i.path, i.message])).toEqual([
      [
        ['blocks', 0, 'stage'],
        'expected input, output, unknown, { path, map, otherwise } or { messagePath, prefixes, otherwise }',
      ],
      [
        ['failures', 0, 'kind'],
        'expected one of rate_limited, quota_exhausted, auth, context_length, model_not_found, invalid_request, transient',
      ],
    ]);
  });
});
