import type { FinishReasonV1 } from '@sc-safety/spec';

/** node-llama-cpp's `stopReason` → a finish reason (raw kept). */
export function ggufFinishReason(stopReason: string): FinishReasonV1 {
  switch (stopReason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return { unified: 'stop', raw: stopReason };
    case 'maxTokens':
      return { unified: 'length', raw: stopReason };
    case 'functionCalls':
      return { unified: 'tool-calls', raw: stopReason };
    default:
      return { unified: 'other', raw: stopReason };
  }
}
