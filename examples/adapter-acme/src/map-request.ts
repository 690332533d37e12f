import type { GenerateRequestV1, WarningV1 } from '@sc-safety/spec';
import { ACME_TEMPERATURE_RANGE } from './acme-wire.js';
import type { AcmeRequestBody } from './acme-wire.js';

/**
 * Builds Acme's request body: system messages become `instructions` (joined with a blank line),
 * user/assistant turns become `dialogue` speakers human/bot. Acme supports temperature (clamped to
 * [0, 2] with a warning), `max_new_tokens` and `seed`; it has no top-p or stop sequences, so those
 * are dropped with an `unsupported-setting` warning.
 */
export function mapRequest(
  model: string,
  request: Pick<GenerateRequestV1, 'messages' | 'params'>,
): { body: AcmeRequestBody; warnings: WarningV1[] } {
  const warnings: WarningV1[] = [];
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const body: AcmeRequestBody = {
    model,
    dialogue: request.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ speaker: m.role === 'user' ? 'human' : 'bot', text: m.content })),
    sampling: {},
  };
  if (system.length > 0) body.instructions = system.join('\n\n');
  const params = request.params ?? {};
  if (params.temperature !== undefined) {
    const [min, max] = ACME_TEMPERATURE_RANGE;
    const t = Math.min(max, Math.max(min, params.temperature));
    if (t !== params.temperature)
      warnings.push({
        type: 'clamped-setting',
        setting: 'temperature',
        message: `temperature ${params.temperature} is outside Acme's range [${min}, ${max}]; sent ${t}.`,
      });
    body.sampling.temperature = t;
  }
  if (params.maxTokens !== undefined) body.sampling.max_new_tokens = params.maxTokens;
  if (params.seed !== undefined) body.sampling.seed = params.seed;
  if (params.topP !== undefined)
    warnings.push({
      type: 'unsupported-setting',
      setting: 'topP',
      message: 'Acme has no top-p setting; it was not sent.',
    });
  if (params.stop !== undefined && params.stop.length > 0)
    warnings.push({
      type: 'unsupported-setting',
      setting: 'stop',
      message: 'Acme has no stop sequences; they were not sent.',
    });
  return { body, warnings };
}
