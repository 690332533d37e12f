import type { ChatMessageV1, GenerationParamsV1, WarningV1 } from '@sc-safety/spec';
import { clampSetting } from './clamp-setting.js';
import type { ClampableSetting, OpenAIPreset } from './presets/types.js';

/** Everything that shapes one Chat Completions body. */
export interface MapRequestInput {
  model: string;
  messages: readonly ChatMessageV1[];
  params?: GenerationParamsV1 | undefined;
  preset: OpenAIPreset;
  maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  stream: boolean;
  extraBody?: Record<string, unknown> | undefined;
}

/** A request body and the warnings about settings not sent as given. */
export interface MappedRequest {
  body: Record<string, unknown>;
  warnings: WarningV1[];
}

/**
 * Builds the Chat Completions body. Roles pass through unchanged (system/user/assistant are native
 * OpenAI roles); settings are clamped into the preset's ranges and settings the vendor does not
 * document are dropped, each with a warning. `extraBody` is merged last, so it wins.
 */
export function mapRequest(input: MapRequestInput): MappedRequest {
  const { preset, params = {} } = input;
  const warnings: WarningV1[] = [];
  const body: Record<string, unknown> = {
    model: input.model,
    messages: input.messages.map((m) => ({ role: m.role, content: m.content })),
  };

  const numeric = (setting: ClampableSetting, value: number | undefined, bodyName: string): void => {
    if (value === undefined) return;
    const clamped = clampSetting(setting, value, preset.clamps[setting], preset.label);
    if (clamped.warning) warnings.push(clamped.warning);
    body[bodyName] = clamped.value;
  };

  numeric('temperature', params.temperature, 'temperature');
  numeric('topP', params.topP, 'top_p');
  numeric('maxTokens', params.maxTokens, input.maxTokensParam);
  if (params.seed !== undefined) {
    if (preset.supportsSeed) numeric('seed', params.seed, 'seed');
    else {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'seed',
        message: `${preset.label} does not document a seed parameter: seed ${params.seed} was not sent (answers may not be reproducible).`,
      });
    }
  }
  if (params.stop !== undefined && params.stop.length > 0) body.stop = [...params.stop];

  if (input.stream) {
    body.stream = true;
    if (preset.streamUsage) body.stream_options = { include_usage: true };
  }
  if (input.extraBody) Object.assign(body, input.extraBody);
  return { body, warnings };
}
