import type { HttpTemplate } from '../template/types.js';

/** A built-in vendor: a template, adjusted to the model where the vendor differs by model. */
export interface HttpPreset {
  readonly name: string;
  readonly template: HttpTemplate;
  /** Model-specific changes (Spark: only Max and Ultra take a system prompt). */
  forModel?(template: HttpTemplate, model: string): HttpTemplate;
}
