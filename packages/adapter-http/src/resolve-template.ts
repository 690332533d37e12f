import { mergeRules } from '@sc-safety/adapter-utils';
import { AUTH_PLUGIN_NAMES } from './auth/registry.js';
import type { HttpAdapterConfig } from './config.js';
import { PRESET_NAMES, PRESETS } from './presets/index.js';
import { readTemplateFile } from './template/load-template.js';
import type { HttpTemplate } from './template/types.js';
import { assertTemplate, TemplateError } from './template/validate-template.js';

/** What {@link resolveTemplate} reads from a model entry. */
export type TemplateChoice = Pick<HttpAdapterConfig, 'preset' | 'template' | 'model' | 'blocks' | 'failures'>;

/**
 * The template a config asks for: the preset's (adjusted to the model), or the given template
 * (inline, or read from a file and validated). A template given with a preset replaces it. The
 * entry's own `blocks:` / `failures:` are tried before the template's rules.
 */
export function resolveTemplate(config: TemplateChoice, baseDir?: string): HttpTemplate {
  const template = baseTemplate(config, baseDir);
  if (config.blocks === undefined && config.failures === undefined) return template;
  return { ...template, ...mergeRules(config, template) };
}

function baseTemplate(config: TemplateChoice, baseDir: string | undefined): HttpTemplate {
  if (config.template !== undefined) {
    const source = typeof config.template === 'string' ? config.template : undefined;
    const value = typeof config.template === 'string' ? readTemplateFile(config.template, baseDir) : config.template;
    return assertTemplate(value, { plugins: AUTH_PLUGIN_NAMES, ...(source === undefined ? {} : { source }) });
  }
  if (config.preset === undefined) {
    throw new TemplateError([
      { path: 'preset', message: `give "preset" (${PRESET_NAMES.join(', ') || 'none built in'}) or "template"` },
    ]);
  }
  const preset = PRESETS[config.preset];
  if (preset === undefined)
    throw new TemplateError([
      { path: 'preset', message: `unknown preset "${config.preset}"; use one of: ${PRESET_NAMES.join(', ')}` },
    ]);
  return preset.forModel ? preset.forModel(preset.template, config.model) : preset.template;
}
