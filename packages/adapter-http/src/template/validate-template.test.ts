import { describe, expect, it } from 'vitest';
import { validateTemplate } from './validate-template.js';
import { MINIMAL_TEMPLATE } from '../__fixtures__/minimal-template.js';

function issues(patch: Record<string, unknown>): string[] {
  const result = validateTemplate({ ...MINIMAL_TEMPLATE, ...patch }, { plugins: ['zhipu-jwt'] });
  return 'issues' in result ? result.issues.map((i) => `${i.path}: ${i.message}`) : [];
}

describe('template validation', () => {
  it('accepts a minimal template', () => {
    expect(issues({})).toEqual([]);
  });

  it('names each wrong field with its path and a fix', () => {
    expect(issues({ response: { text: 'choices[x]' } })).toEqual([
      'template.response.text: expected a JSON path such as "output.choices[0].message.content"',
    ]);
    expect(issues({ endpoint: { baseURL: 'ftp://x', path: '/v1/{deployment}' } })).toEqual([
      'template.endpoint.baseURL: expected an http(s) or ws(s) URL such as "https://api.example.com"',
      'template.endpoint.path: unknown placeholder {deployment}: use {model} or {modelPath}',
    ]);
    expect(issues({ auth: { type: 'plugin', plugin: 'nope' } })).toEqual([
      'template.auth.plugin: expected a registered auth plugin: zhipu-jwt',
    ]);
    expect(issues({ request: { messages: 'messages', system: 'top' } })).toEqual([
      'template.request.system: expected one of message, field, merge, drop',
    ]);
    expect(
      issues({ blocks: [{ when: { equals: 1 }, stage: 'sideways', code: '', description: 'd', signal: 's' }] }),
    ).toEqual([
      'template.blocks[0].when.path: equals need a "path" to test',
      'template.blocks[0].stage: expected input, output, unknown, { path, map, otherwise } or { messagePath, prefixes, otherwise }',
      'template.blocks[0].code: expected a non-empty code',
    ]);
    expect(
      issues({ failures: [{ when: { status: 429 }, kind: 'slow', retryAfter: [{ messagePattern: 'after \\d+' }] }] }),
    ).toEqual([
      'template.failures[0].kind: expected one of rate_limited, quota_exhausted, auth, context_length, model_not_found, invalid_request, transient',
      'template.failures[0].retryAfter[0].messagePattern: the expression needs a capture group for the number',
    ]);
    expect(
      issues({ stream: { format: 'sse', accumulate: 'delta', text: 'choices[0].delta.content', done: {} } }),
    ).toEqual(['template.stream.done: give a sentinel, a when condition, or both']);
    expect(
      issues({
        response: { text: 'choices[0].message.content', servedModel: { id: 'model', build: 'x', fingerprint: 'a[' } },
      }),
    ).toEqual([
      'template.response.servedModel.build: unknown field; known fields: id, fingerprint, digest, path',
      'template.response.servedModel.fingerprint: expected a JSON path such as "model"',
    ]);
    expect(
      issues({
        response: {
          text: 'choices[0].message.content',
          servedModel: { id: ['model', 'data.model'], fingerprint: 'system_fingerprint' },
        },
      }),
    ).toEqual([]);
    expect(issues({ colour: 'red' })[0]).toMatch(/^template\.colour: unknown field; known fields: name, label/);
  });
});
