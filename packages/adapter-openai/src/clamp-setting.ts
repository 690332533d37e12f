import type { WarningV1 } from '@sc-safety/spec';
import type { ClampableSetting, ParamClamp } from './presets/types.js';

/** A setting after clamping, with the warning when it changed. */
export interface ClampResult {
  value: number;
  warning?: WarningV1;
}

const DEFAULT_STEP: Readonly<Record<ClampableSetting, number>> = {
  temperature: 0.01,
  topP: 0.01,
  seed: 1,
  maxTokens: 1,
};

/**
 * Moves `value` into the vendor's accepted range. An exclusive bound is replaced by the nearest
 * accepted value one `step` inside it, so `temperature: 0` on a `(0, 1]` vendor becomes 0.01.
 */
export function clampSetting(
  setting: ClampableSetting,
  value: number,
  clamp: ParamClamp | undefined,
  vendor: string,
): ClampResult {
  if (clamp === undefined) return { value };
  const step = clamp.step ?? DEFAULT_STEP[setting];
  let next = value;
  if (clamp.min !== undefined) {
    const low = clamp.minExclusive === true ? round(clamp.min + step) : clamp.min;
    if (clamp.minExclusive === true ? next <= clamp.min : next < clamp.min) next = low;
  }
  if (clamp.max !== undefined) {
    const high = clamp.maxExclusive === true ? round(clamp.max - step) : clamp.max;
    if (clamp.maxExclusive === true ? next >= clamp.max : next > clamp.max) next = high;
  }
  if (next === value) return { value };
  return {
    value: next,
    warning: {
      type: 'clamped-setting',
      setting,
      message: `${vendor} accepts ${setting} in ${describeRange(clamp)}: ${value} was sent as ${next}.`,
    },
  };
}

function describeRange(clamp: ParamClamp): string {
  const open = clamp.minExclusive === true ? '(' : '[';
  const close = clamp.maxExclusive === true ? ')' : ']';
  return `${open}${clamp.min ?? '-∞'}, ${clamp.max ?? '∞'}${close}`;
}

// Avoids 0.30000000000000004-style values in request bodies.
function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}
