import type { ManifestFollowups } from '@sc-safety/results';

/** The manifest's `followups` of a 3-turn adaptive run whose attacker `atk` asks `model` on the openai adapter. */
export function adaptiveFollowups(model: string): ManifestFollowups {
  return {
    mode: 'adaptive',
    turns: 3,
    strategies: ['pressure'],
    seed: 1,
    maxChars: 300,
    attacker: {
      id: 'atk',
      adapter: 'openai@1.0.0',
      model,
      params: {},
      promptVersion: 'sc-attacker-prompt@2',
      promptHash: 'sha256:a',
    },
    datasetFollowupsIgnored: 0,
  };
}
