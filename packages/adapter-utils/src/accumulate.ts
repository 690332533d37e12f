/**
 * How a vendor's stream frames carry text: `delta` frames hold only the new text (OpenAI, Anthropic);
 * `cumulative` frames repeat the whole text so far (DashScope without `incremental_output`).
 */
export type AccumulationMode = 'delta' | 'cumulative';

/** Appends a delta frame's text. A missing fragment (a frame with no content) changes nothing. */
export function appendDelta(previous: string, fragment: string | null | undefined): string {
  return fragment === undefined || fragment === null ? previous : previous + fragment;
}

/**
 * Takes a cumulative frame's text. The latest frame wins even when it is not an extension of the
 * previous one: vendors may rewrite earlier text (normalisation, withdrawn output), and the latest
 * frame is what the vendor last stood behind. A missing fragment keeps the previous text.
 */
export function takeCumulative(previous: string, frame: string | null | undefined): string {
  return frame === undefined || frame === null ? previous : frame;
}

/** What one frame contributed. */
export interface AccumulatedFrame {
  /** The whole text so far. */
  text: string;
  /** The newly added text, for streaming callbacks; empty when nothing was added. */
  delta: string;
  /** True when a cumulative frame did not extend the previous text (earlier text was rewritten). */
  rewritten: boolean;
}

/** Accumulates stream text in either mode, reporting each frame's delta. */
export interface TextAccumulator {
  push(fragment: string | null | undefined): AccumulatedFrame;
  readonly text: string;
  /** How many frames rewrote earlier text (cumulative mode only). */
  readonly rewrites: number;
}

/** Creates a {@link TextAccumulator} for the given mode. */
export function createTextAccumulator(mode: AccumulationMode): TextAccumulator {
  let text = '';
  let rewrites = 0;
  return {
    push(fragment) {
      const previous = text;
      if (mode === 'delta') {
        text = appendDelta(previous, fragment);
        return { text, delta: text.slice(previous.length), rewritten: false };
      }
      text = takeCumulative(previous, fragment);
      if (text.startsWith(previous)) return { text, delta: text.slice(previous.length), rewritten: false };
      rewrites++;
      return { text, delta: '', rewritten: true };
    },
    get text() {
      return text;
    },
    get rewrites() {
      return rewrites;
    },
  };
}
