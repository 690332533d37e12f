import type { FinishReasonV1, WarningV1 } from '@sc-safety/spec';

/**
 * llama-server's end-of-generation fields → a finish reason. `raw` keeps the field name with the
 * value (`stop_type=eos`), since the bare values (`eos`, `word`, `limit`, `none`) say little alone.
 * `truncated: true` means the context filled up during generation: the answer is cut, so `length`.
 */
export function completionFinishReason(stopType: unknown, truncated: unknown, warnings: WarningV1[]): FinishReasonV1 {
  const type = typeof stopType === 'string' ? stopType : undefined;
  const raw =
    type === undefined
      ? truncated === true
        ? 'truncated'
        : undefined
      : `stop_type=${type}${truncated === true ? ';truncated' : ''}`;
  if (truncated === true) {
    warnings.push({
      type: 'other',
      message:
        'llama.cpp: the context filled up during generation (truncated: true); the answer may be cut short. Raise --ctx-size.',
    });
    return { unified: 'length', raw };
  }
  switch (type) {
    case 'eos':
    case 'word':
      return { unified: 'stop', raw };
    case 'limit':
      return { unified: 'length', raw };
    case undefined:
      return { unified: 'unknown', raw };
    default:
      return { unified: 'other', raw };
  }
}
