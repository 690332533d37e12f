import { describeAdapterConformance } from '@sc-safety/testkit';
import type { AdapterConformanceOptions, FakeServer } from '@sc-safety/testkit';
import type { HttpAdapterConfig } from '../config.js';
import { presetModel } from './preset-model.js';

/** One mode's suite options but the model, which the helper builds from the preset. */
export type PresetSuite = Omit<AdapterConformanceOptions, 'createModel'> & {
  /** The preset's own settings besides base URL, key, timeout and mode (a token URL, a second secret). */
  config?: (server: FakeServer) => Partial<HttpAdapterConfig>;
};

/**
 * Runs the adapter conformance suite on a preset twice, whole-body then streamed: the model is
 * `model` of `preset` against the fake's URL, with the suite's key and timeout.
 */
export function describePresetConformance(
  preset: string,
  model: string,
  suite: (stream: boolean) => PresetSuite,
): void {
  for (const stream of [false, true]) {
    const { config, ...options } = suite(stream);
    describeAdapterConformance({
      ...options,
      createModel: (server, { timeoutMs, apiKey }) =>
        presetModel(preset, model, { baseURL: server.url, apiKey, timeoutMs, stream, ...config?.(server) }),
    });
  }
}
