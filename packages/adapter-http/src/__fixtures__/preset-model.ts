import type { HttpAdapterConfig } from '../config.js';
import { createModel } from '../create-model.js';
import type { CreateModelOptions } from '../create-model.js';
import type { HttpModel } from '../http-model.js';

/**
 * A model of the built-in `preset` for a test against a fake: the key is never read from the
 * environment (`env: {}`), only from `config`; `options` may fix the clock.
 */
export function presetModel(
  preset: string,
  model: string,
  config: Omit<HttpAdapterConfig, 'preset' | 'model'>,
  options?: CreateModelOptions,
): HttpModel {
  return createModel({ model, preset, ...config }, { env: {} }, options);
}
