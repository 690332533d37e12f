import { dashscopePreset } from './dashscope.js';
import { hunyuanPreset } from './hunyuan.js';
import { minimaxPreset } from './minimax.js';
import { qianfanPreset } from './qianfan.js';
import { sparkPreset } from './spark.js';
import type { HttpPreset } from './types.js';
import { zhipuPreset } from './zhipu.js';

/** Built-in presets, by name. */
export const PRESETS: Readonly<Record<string, HttpPreset>> = {
  dashscope: dashscopePreset,
  minimax: minimaxPreset,
  zhipu: zhipuPreset,
  qianfan: qianfanPreset,
  hunyuan: hunyuanPreset,
  spark: sparkPreset,
};

/** Names usable as `preset:` in a run config. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

export type { HttpPreset } from './types.js';
