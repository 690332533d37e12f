import type { AdapterContextV1 } from '@sc-safety/spec';
import { AUTH_PLUGINS } from './auth/registry.js';
import { staticAuth } from './auth/static-auth.js';
import type { AuthPlugin } from './auth/types.js';
import { DEFAULT_TIMEOUT_MS } from './config.js';
import type { HttpAdapterConfig } from './config.js';
import { loadCredential } from './credentials.js';
import { HttpModel } from './http-model.js';
import { resolveTemplate } from './resolve-template.js';
import type { HttpTemplate } from './template/types.js';
import { TemplateError } from './template/validate-template.js';

/** Test hooks that a run config cannot set. */
export interface CreateModelOptions {
  /** The clock auth plugins sign with (milliseconds). Default `Date.now`. */
  now?: () => number;
  /** Where relative template paths are resolved. Default: the working directory. */
  baseDir?: string;
}

/**
 * Builds a model from a validated config: resolves the template (preset or file), the base URL
 * (config wins) and the credentials (config, else environment). A missing credential fails here,
 * naming the field and variable, before any call.
 */
export function createModel(
  config: HttpAdapterConfig,
  context: AdapterContextV1 = {},
  options: CreateModelOptions = {},
): HttpModel {
  const template = resolveTemplate(config, options.baseDir);
  // A WebSocket vendor only ever answers in frames.
  const stream = config.stream === true || template.stream?.format === 'ws';
  if (stream && template.stream === undefined) {
    throw new TemplateError([
      {
        path: 'stream',
        message: `${template.label} template has no "stream" section: set stream: false or add template.stream`,
      },
    ]);
  }
  const env = context.env ?? process.env;
  return new HttpModel({
    template,
    config,
    auth: createAuth(template, config, env, options.now ?? Date.now),
    baseURL: config.baseURL ?? template.endpoint.baseURL,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    stream,
  });
}

function createAuth(
  template: HttpTemplate,
  config: HttpAdapterConfig,
  env: Record<string, string | undefined>,
  now: () => number,
): AuthPlugin {
  const spec = template.auth;
  if (spec.type === 'plugin') {
    const factory = AUTH_PLUGINS[spec.plugin];
    if (factory === undefined)
      throw new TemplateError([{ path: 'template.auth.plugin', message: `unknown auth plugin "${spec.plugin}"` }]);
    return factory.create({ options: spec.options ?? {}, config, env, label: template.label, now });
  }
  if (spec.type === 'none') return staticAuth(spec, undefined);
  const apiKey = loadCredential(
    config,
    'apiKey',
    template.apiKeyEnv ?? `${template.name.toUpperCase().replace(/-/g, '_')}_API_KEY`,
    template.label,
    env,
  );
  return staticAuth(spec, apiKey);
}
