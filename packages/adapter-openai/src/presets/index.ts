import { arkPreset } from './ark.js';
import { baichuanPreset } from './baichuan.js';
import { dashscopePreset } from './dashscope.js';
import { deepseekPreset } from './deepseek.js';
import { hunyuanPreset } from './hunyuan.js';
import { llamacppPreset } from './llamacpp.js';
import { lmstudioPreset } from './lmstudio.js';
import { moonshotPreset } from './moonshot.js';
import { ollamaPreset } from './ollama.js';
import { openaiPreset } from './openai.js';
import { qianfanPreset } from './qianfan.js';
import { sparkPreset } from './spark.js';
import type { OpenAIPreset } from './types.js';
import { vllmPreset } from './vllm.js';
import { yiPreset } from './yi.js';
import { zhipuPreset } from './zhipu.js';

/** Every built-in preset by name. */
export const PRESETS: Readonly<Record<string, OpenAIPreset>> = Object.freeze({
  openai: openaiPreset,
  deepseek: deepseekPreset,
  dashscope: dashscopePreset,
  qianfan: qianfanPreset,
  zhipu: zhipuPreset,
  moonshot: moonshotPreset,
  ark: arkPreset,
  baichuan: baichuanPreset,
  yi: yiPreset,
  hunyuan: hunyuanPreset,
  spark: sparkPreset,
  vllm: vllmPreset,
  lmstudio: lmstudioPreset,
  llamacpp: llamacppPreset,
  ollama: ollamaPreset,
});

/** The names accepted by `preset`. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

/** The preset called `name`, or undefined. */
export function getPreset(name: string): OpenAIPreset | undefined {
  return Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
}

export type {
  BlockRule,
  ClampableSetting,
  Condition,
  FailureRule,
  OpenAIPreset,
  ParamClamp,
  StageSpec,
} from './types.js';
