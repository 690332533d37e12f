import type { GenerateRequestV1, WarningV1 } from '@sc-safety/spec';
import { mapMessages } from './map-messages.js';

export interface MapRequestInput {
  model: string;
  request: Pick<GenerateRequestV1, 'messages' | 'params'>;
  /** `max_tokens` when the request sets none. */
  defaultMaxTokens: number;
  stream: boolean;
}

export interface MappedRequest {
  /** The Messages API body. */
  body: Record<string, unknown>;
  /** Settings not honoured as given, and reshaped conversations. */
  warnings: WarningV1[];
}

/**
 * Builds a Messages API body. Only set parameters are sent. `seed` does not exist in the API and is
 * dropped with a warning; `temperature` and `topP` are clamped to [0, 1] with a warning; `stop`
 * becomes `stop_sequences` (whitespace-only entries, which the API refuses, are dropped with a warning).
 */
export function mapRequest(input: MapRequestInput): MappedRequest {
  const { messages, system, warnings } = mapMessages(input.request.messages);
  const params = input.request.params ?? {};
  const body: Record<string, unknown> = {
    model: input.model,
    max_tokens: params.maxTokens ?? input.defaultMaxTokens,
    messages,
  };
  if (system !== undefined) body.system = system;

  if (params.temperature !== undefined) body.temperature = clamp('temperature', params.temperature, warnings);
  if (params.topP !== undefined) body.top_p = clamp('topP', params.topP, warnings);
  if (params.seed !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'seed',
      message: 'seed is not supported by the Anthropic Messages API; it was not sent.',
    });
  }
  if (params.stop !== undefined && params.stop.length > 0) {
    const usable = params.stop.filter((s) => s.trim() !== '');
    if (usable.length < params.stop.length) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'stop',
        message: 'Whitespace-only stop sequences are refused by Anthropic; they were not sent.',
      });
    }
    if (usable.length > 0) body.stop_sequences = usable;
  }
  if (input.stream) body.stream = true;
  return { body, warnings };
}

function clamp(setting: 'temperature' | 'topP', value: number, warnings: WarningV1[]): number {
  const clamped = Math.min(1, Math.max(0, value));
  if (clamped !== value) {
    warnings.push({
      type: 'clamped-setting',
      setting,
      message: `${setting} ${value} is outside Anthropic's range [0, 1]; sent ${clamped}.`,
    });
  }
  return clamped;
}
