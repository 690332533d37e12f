import { checkBlockRule, checkCondition, checkFailureRule, IssueCollector, isRecord } from '@sc-safety/adapter-utils';
import type { RuleIssue } from '@sc-safety/adapter-utils';
import type { HttpTemplate } from './types.js';

/** One problem in a template, named by its field path (`template.response.text`). */
export type TemplateIssue = RuleIssue;

/** A template that cannot be used; the message lists every wrong field and how to fix it. */
export class TemplateError extends Error {
  readonly issues: readonly TemplateIssue[];
  constructor(issues: readonly TemplateIssue[], source?: string) {
    const where = source === undefined ? '' : ` (${source})`;
    super(`Invalid HTTP template${where}:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'TemplateError';
    this.issues = issues;
  }
}

const UNIFIED = ['stop', 'length', 'content-filter', 'refusal', 'tool-calls', 'error', 'other', 'unknown'];
const PATH_EXAMPLE = '"output.choices[0].message.content"';

/** Checks a template field by field; a valid template is returned typed, otherwise every issue is listed. */
export function validateTemplate(
  value: unknown,
  options: { root?: string; plugins?: readonly string[] } = {},
): { template: HttpTemplate } | { issues: TemplateIssue[] } {
  const root = options.root ?? 'template';
  const v = new IssueCollector();
  if (!isRecord(value))
    return {
      issues: [
        { path: root, message: 'expected an object with name, label, endpoint, auth, request, response and errors' },
      ],
    };
  v.known(root, value, [
    'name',
    'label',
    'endpoint',
    'auth',
    'apiKeyEnv',
    'headers',
    'request',
    'response',
    'stream',
    'errors',
    'finishReasons',
    'unfinishedReasons',
    'blocks',
    'failures',
    'capabilities',
    'openQuestions',
  ]);
  v.string(`${root}.name`, value.name, 'a short lowercase name such as "acme"', /^[a-z0-9][a-z0-9-]*$/);
  v.string(`${root}.label`, value.label, 'a vendor name for messages such as "Acme Cloud"');
  endpoint(v, `${root}.endpoint`, value.endpoint);
  auth(v, `${root}.auth`, value.auth, options.plugins);
  if (value.apiKeyEnv !== undefined)
    v.string(
      `${root}.apiKeyEnv`,
      value.apiKeyEnv,
      'an environment variable name such as "ACME_API_KEY"',
      /^[A-Za-z_][A-Za-z0-9_]*$/,
    );
  v.stringMap(`${root}.headers`, value.headers, true);
  request(v, `${root}.request`, value.request);
  response(v, `${root}.response`, value.response);
  if (value.stream !== undefined) stream(v, `${root}.stream`, value.stream);
  errors(v, `${root}.errors`, value.errors);
  if (value.finishReasons !== undefined) {
    if (!isRecord(value.finishReasons))
      v.issue(`${root}.finishReasons`, `expected a map of vendor value → one of ${UNIFIED.join(', ')}`);
    else
      for (const [k, u] of Object.entries(value.finishReasons))
        if (!UNIFIED.includes(u as string))
          v.issue(`${root}.finishReasons.${k}`, `expected one of ${UNIFIED.join(', ')}`);
  }
  if (value.unfinishedReasons !== undefined) v.stringList(`${root}.unfinishedReasons`, value.unfinishedReasons);
  if (value.blocks !== undefined) v.list(`${root}.blocks`, value.blocks, (p, rule) => checkBlockRule(v, p, rule));
  if (value.failures !== undefined)
    v.list(`${root}.failures`, value.failures, (p, rule) => checkFailureRule(v, p, rule));
  if (value.capabilities !== undefined) {
    if (!isRecord(value.capabilities))
      v.issue(`${root}.capabilities`, 'expected an object { multiTurn?, maxContextTokens? }');
    else {
      v.known(`${root}.capabilities`, value.capabilities, ['multiTurn', 'maxContextTokens']);
      if (value.capabilities.multiTurn !== undefined && typeof value.capabilities.multiTurn !== 'boolean')
        v.issue(`${root}.capabilities.multiTurn`, 'expected true or false');
      if (value.capabilities.maxContextTokens !== undefined)
        v.positiveInt(`${root}.capabilities.maxContextTokens`, value.capabilities.maxContextTokens);
    }
  }
  if (value.openQuestions !== undefined) v.stringList(`${root}.openQuestions`, value.openQuestions);
  if (value.stream === undefined && isRecord(value.request) && value.request.stream !== undefined) {
    v.issue(`${root}.request.stream`, 'streaming fields given but "stream" (the stream format) is missing');
  }
  return v.issues.length > 0 ? { issues: v.issues } : { template: value as unknown as HttpTemplate };
}

/** Validates or throws a {@link TemplateError}. */
export function assertTemplate(
  value: unknown,
  options: { root?: string; source?: string; plugins?: readonly string[] } = {},
): HttpTemplate {
  const result = validateTemplate(value, options);
  if ('issues' in result) throw new TemplateError(result.issues, options.source);
  return result.template;
}

function endpoint(v: IssueCollector, p: string, e: unknown): void {
  if (!isRecord(e)) return v.issue(p, 'expected an object { baseURL, path, modelPaths?, query? }');
  v.known(p, e, ['baseURL', 'path', 'modelPaths', 'query']);
  if (typeof e.baseURL !== 'string' || !/^(https?|wss?):\/\/[^\s]+$/.test(e.baseURL))
    v.issue(`${p}.baseURL`, 'expected an http(s) or ws(s) URL such as "https://api.example.com"');
  if (typeof e.path !== 'string' || !e.path.startsWith('/'))
    v.issue(`${p}.path`, 'expected a path starting with "/", such as "/v1/chat/{modelPath}"');
  else {
    for (const m of e.path.matchAll(/\{([^}]*)\}/g))
      if (m[1] !== 'model' && m[1] !== 'modelPath')
        v.issue(`${p}.path`, `unknown placeholder {${m[1]}}: use {model} or {modelPath}`);
  }
  v.stringMap(`${p}.modelPaths`, e.modelPaths, true);
  v.stringMap(`${p}.query`, e.query, true);
}

function auth(v: IssueCollector, p: string, a: unknown, plugins: readonly string[] | undefined): void {
  if (!isRecord(a)) return v.issue(p, 'expected { type: none | bearer | header | query | plugin }');
  switch (a.type) {
    case 'none':
    case 'bearer':
      v.known(p, a, ['type']);
      return;
    case 'header':
      v.known(p, a, ['type', 'name', 'prefix']);
      v.string(`${p}.name`, a.name, 'a header name such as "x-api-key"', /^[A-Za-z0-9-]+$/);
      if (a.prefix !== undefined) v.string(`${p}.prefix`, a.prefix, 'a text put before the key, such as "Key "');
      return;
    case 'query':
      v.known(p, a, ['type', 'name']);
      v.string(`${p}.name`, a.name, 'a query parameter name such as "api_key"');
      return;
    case 'plugin':
      v.known(p, a, ['type', 'plugin', 'options']);
      if (typeof a.plugin !== 'string' || (plugins !== undefined && !plugins.includes(a.plugin))) {
        v.issue(
          `${p}.plugin`,
          `expected a registered auth plugin${plugins === undefined ? '' : `: ${plugins.join(', ')}`}`,
        );
      }
      if (a.options !== undefined && !isRecord(a.options))
        v.issue(`${p}.options`, 'expected an object of plugin options');
      return;
    default:
      v.issue(`${p}.type`, 'expected one of none, bearer, header, query, plugin');
  }
}

function request(v: IssueCollector, p: string, r: unknown): void {
  if (!isRecord(r)) return v.issue(p, 'expected an object { messages, system, … }');
  v.known(p, r, [
    'model',
    'messages',
    'roleField',
    'contentField',
    'roles',
    'system',
    'systemPath',
    'alternation',
    'params',
    'body',
    'stream',
    'noStream',
  ]);
  if (r.model !== undefined) v.path(`${p}.model`, r.model, '"model"');
  v.path(`${p}.messages`, r.messages, '"input.messages"');
  if (r.roleField !== undefined) v.string(`${p}.roleField`, r.roleField, 'a field name such as "role"');
  if (r.contentField !== undefined) v.string(`${p}.contentField`, r.contentField, 'a field name such as "content"');
  if (r.roles !== undefined) {
    if (!isRecord(r.roles)) v.issue(`${p}.roles`, 'expected { system?, user?, assistant? } vendor role names');
    else {
      v.known(`${p}.roles`, r.roles, ['system', 'user', 'assistant']);
      for (const [k, name] of Object.entries(r.roles)) v.string(`${p}.roles.${k}`, name, 'a role name');
    }
  }
  if (!['message', 'field', 'merge', 'drop'].includes(r.system as string))
    v.issue(`${p}.system`, 'expected one of message, field, merge, drop');
  if (r.system === 'field') v.path(`${p}.systemPath`, r.systemPath, '"system"');
  else if (r.systemPath !== undefined) v.issue(`${p}.systemPath`, 'only used with system: field');
  if (r.alternation !== undefined) {
    const a = r.alternation;
    if (!isRecord(a)) v.issue(`${p}.alternation`, 'expected { alternate, merge: join | reject, maxMessages? }');
    else {
      v.known(`${p}.alternation`, a, ['alternate', 'merge', 'maxMessages']);
      if (typeof a.alternate !== 'boolean') v.issue(`${p}.alternation.alternate`, 'expected true or false');
      if (a.merge !== 'join' && a.merge !== 'reject') v.issue(`${p}.alternation.merge`, 'expected join or reject');
      if (a.maxMessages !== undefined) v.positiveInt(`${p}.alternation.maxMessages`, a.maxMessages);
    }
  }
  if (r.params !== undefined) {
    if (!isRecord(r.params)) v.issue(`${p}.params`, 'expected { temperature?, topP?, maxTokens?, seed?, stop? }');
    else {
      v.known(`${p}.params`, r.params, ['temperature', 'topP', 'maxTokens', 'seed', 'stop']);
      for (const name of ['temperature', 'topP', 'maxTokens', 'seed'] as const) {
        const spec = r.params[name];
        if (spec === undefined) continue;
        const sp = `${p}.params.${name}`;
        if (!isRecord(spec)) {
          v.issue(sp, 'expected { path, min?, max?, minExclusive?, maxExclusive?, step?, integer? }');
          continue;
        }
        v.known(sp, spec, ['path', 'min', 'max', 'minExclusive', 'maxExclusive', 'step', 'integer']);
        v.path(`${sp}.path`, spec.path, '"parameters.temperature"');
        for (const k of ['min', 'max', 'step'] as const)
          if (spec[k] !== undefined && (typeof spec[k] !== 'number' || !Number.isFinite(spec[k])))
            v.issue(`${sp}.${k}`, 'expected a number');
        for (const k of ['minExclusive', 'maxExclusive', 'integer'] as const)
          if (spec[k] !== undefined && typeof spec[k] !== 'boolean') v.issue(`${sp}.${k}`, 'expected true or false');
        if (typeof spec.min === 'number' && typeof spec.max === 'number' && spec.min > spec.max)
          v.issue(sp, `min (${spec.min}) is above max (${spec.max})`);
      }
      if (r.params.stop !== undefined) {
        if (!isRecord(r.params.stop)) v.issue(`${p}.params.stop`, 'expected { path }');
        else v.path(`${p}.params.stop.path`, r.params.stop.path, '"stop"');
      }
    }
  }
  v.bodyMap(`${p}.body`, r.body);
  if (r.stream !== undefined) {
    if (!isRecord(r.stream)) v.issue(`${p}.stream`, 'expected { body?, headers? }');
    else {
      v.known(`${p}.stream`, r.stream, ['body', 'headers']);
      v.bodyMap(`${p}.stream.body`, r.stream.body);
      v.stringMap(`${p}.stream.headers`, r.stream.headers, true);
    }
  }
  if (r.noStream !== undefined) {
    if (!isRecord(r.noStream)) v.issue(`${p}.noStream`, 'expected { body? }');
    else {
      v.known(`${p}.noStream`, r.noStream, ['body']);
      v.bodyMap(`${p}.noStream.body`, r.noStream.body);
    }
  }
}

function response(v: IssueCollector, p: string, r: unknown): void {
  if (!isRecord(r))
    return v.issue(
      p,
      `expected an object { text, finishReason?, usage?, requestId?, servedModel? } of JSON paths such as ${PATH_EXAMPLE}`,
    );
  v.known(p, r, ['text', 'reasoning', 'finishReason', 'usage', 'requestId', 'servedModel']);
  v.path(`${p}.text`, r.text, PATH_EXAMPLE);
  if (r.reasoning !== undefined) v.path(`${p}.reasoning`, r.reasoning, '"output.choices[0].message.reasoning_content"');
  if (r.finishReason !== undefined) v.path(`${p}.finishReason`, r.finishReason, '"output.choices[0].finish_reason"');
  usage(v, `${p}.usage`, r.usage);
  requestIds(v, `${p}.requestId`, r.requestId);
  servedModelPaths(v, `${p}.servedModel`, r.servedModel);
}

function stream(v: IssueCollector, p: string, s: unknown): void {
  if (!isRecord(s)) return v.issue(p, 'expected an object { format, accumulate, text, done, … }');
  v.known(p, s, [
    'format',
    'accumulate',
    'text',
    'fullText',
    'reasoning',
    'finishReason',
    'usage',
    'requestId',
    'servedModel',
    'done',
    'errorEvents',
    'statusComment',
  ]);
  if (!['sse', 'ndjson', 'ws'].includes(s.format as string)) v.issue(`${p}.format`, 'expected one of sse, ndjson, ws');
  if (s.accumulate !== 'delta' && s.accumulate !== 'cumulative')
    v.issue(`${p}.accumulate`, 'expected delta (frames add text) or cumulative (frames repeat the whole text)');
  v.path(`${p}.text`, s.text, '"choices[0].delta.content"');
  for (const k of ['fullText', 'reasoning', 'finishReason'] as const)
    if (s[k] !== undefined) v.path(`${p}.${k}`, s[k], '"choices[0].finish_reason"');
  usage(v, `${p}.usage`, s.usage);
  requestIds(v, `${p}.requestId`, s.requestId);
  servedModelPaths(v, `${p}.servedModel`, s.servedModel);
  if (!isRecord(s.done))
    v.issue(`${p}.done`, 'expected { sentinel?: "[DONE]", when?: <condition> } saying how a complete stream ends');
  else {
    v.known(`${p}.done`, s.done, ['sentinel', 'when']);
    if (s.done.sentinel === undefined && s.done.when === undefined)
      v.issue(`${p}.done`, 'give a sentinel, a when condition, or both');
    if (s.done.sentinel !== undefined) v.string(`${p}.done.sentinel`, s.done.sentinel, 'a data line such as "[DONE]"');
    if (s.done.when !== undefined) checkCondition(v, `${p}.done.when`, s.done.when);
  }
  if (s.errorEvents !== undefined) v.stringList(`${p}.errorEvents`, s.errorEvents);
  if (s.statusComment !== undefined) v.regex(`${p}.statusComment`, s.statusComment, true);
}

function errors(v: IssueCollector, p: string, e: unknown): void {
  if (!isRecord(e)) return v.issue(p, 'expected an object { when?, code, message, requestId? }');
  v.known(p, e, ['when', 'code', 'message', 'requestId']);
  if (e.when !== undefined) v.list(`${p}.when`, e.when, (cp, c) => checkCondition(v, cp, c));
  v.pathList(`${p}.code`, e.code, '["error.code", "code"]');
  v.pathList(`${p}.message`, e.message, '["error.message", "message"]');
  if (e.requestId !== undefined) v.pathList(`${p}.requestId`, e.requestId, '["request_id"]');
}

function usage(v: IssueCollector, p: string, u: unknown): void {
  pathRecord(v, p, u, {
    fields: ['input', 'output', 'total', 'reasoning'],
    expected: 'expected { input?, output?, total?, reasoning? } of JSON paths (or lists of fallbacks)',
    example: '"usage.input_tokens"',
  });
}

function servedModelPaths(v: IssueCollector, p: string, u: unknown): void {
  pathRecord(v, p, u, {
    fields: ['id', 'fingerprint', 'digest', 'path'],
    expected:
      'expected { id?, fingerprint?, digest?, path? } of JSON paths (or lists of fallbacks), e.g. { id: "model" }',
    example: '"model"',
  });
}

/** An optional record of known fields, each a JSON path or a list of fallback paths (`usage`, `servedModel`). */
function pathRecord(
  v: IssueCollector,
  p: string,
  u: unknown,
  shape: { fields: string[]; expected: string; example: string },
): void {
  if (u === undefined) return;
  if (!isRecord(u)) return v.issue(p, shape.expected);
  v.known(p, u, shape.fields);
  for (const [k, path] of Object.entries(u)) {
    if (Array.isArray(path)) v.pathList(`${p}.${k}`, path, `[${shape.example}]`);
    else v.path(`${p}.${k}`, path, shape.example);
  }
}

function requestIds(v: IssueCollector, p: string, r: unknown): void {
  if (r === undefined) return;
  v.list(p, r, (rp, entry) => {
    if (isRecord(entry) && typeof entry.header === 'string' && entry.header !== '') return;
    if (isRecord(entry) && 'path' in entry) return v.path(`${rp}.path`, entry.path, '"request_id"');
    v.issue(rp, 'expected { path: "request_id" } or { header: "x-request-id" }');
  });
}
