import type { BlockStage, ChatMessageV1, LanguageModelV1, ModelCapabilitiesV1 } from '@sc-safety/spec';
import type { BlockSignal, FakeServer } from '../fake/types.js';
import { extractOpenAIMessages } from './extract-messages.js';

/** The key the suite hands to `createModel`; it checks this string never leaks into an error. */
export const CONFORMANCE_API_KEY = 'sk-conformance-0123456789abcdefSECRET';

/** One vendor block the adapter must report as a `blocked` result. */
export interface ConformanceBlockCase {
  /** Which signal the fake server plays. */
  signal: BlockSignal;
  /** Where the fake server blocks (input: the request is refused; output: generation is stopped). */
  stage: 'input' | 'output';
  /** The stage the adapter should report, when it cannot be `stage` (Moonshot's filter says neither: `unknown`). */
  expectStage?: BlockStage;
  /**
   * Whether the result must carry the text streamed before an output block. The suite always has
   * the server send some before an output block; set this when the adapter streams.
   */
  expectPartialText?: boolean;
  /** The exact `code` expected; otherwise any non-empty string passes. */
  expectCode?: string;
}

/** How an adapter runs the conformance suite. */
export interface AdapterConformanceOptions {
  /** Shown in the suite title, e.g. `openai (deepseek, streaming)`. */
  name: string;
  /**
   * Starts the adapter's fake server (one per suite; the suite calls `reset()` before each case
   * and `close()` at the end). Do not give it an `apiKey` other than the one passed to
   * `createModel`, or every case fails with 401.
   */
  createServer: () => Promise<FakeServer>;
  /**
   * Builds the model under test against `server.baseURL` with the given per-call timeout and API
   * key. Turn off any SDK retries (`maxRetries: 0`): the suite asserts one request per failing call.
   * Called once for the suite and again for the timeout case.
   */
  createModel: (
    server: FakeServer,
    options: { timeoutMs: number; apiKey: string },
  ) => LanguageModelV1 | Promise<LanguageModelV1>;
  /** What the adapter supports; each flag defaults to the conservative choice shown. */
  supports?: {
    /** The adapter streams from the vendor (enables the truncated-stream cases). Default false. */
    streaming?: boolean;
    /** How a system prompt is sent. Default `native`. */
    systemRole?: ModelCapabilitiesV1['systemRole'];
    /** `params.seed` is honoured; when false the suite expects an `unsupported-setting` warning. Default false. */
    seed?: boolean;
    /** Results carry the request id the server sent. Default true. */
    requestId?: boolean;
    /**
     * Results carry `servedModel` (and `capabilities.reportsServedModel` is true): enables the
     * served-model case, which needs a fake that honours a text scenario's `served`. Default false.
     */
    servedModel?: boolean;
  };
  /** Vendor blocks to check, one case each. Default none. */
  blocks?: ConformanceBlockCase[];
  /**
   * Reads the recorded request body back into messages, to check what reached the server.
   * Default: OpenAI `messages[{role, content}]` (text parts of array content joined).
   */
  extractMessages?: (recordedBody: unknown) => ChatMessageV1[];
  /** Case ids to skip (see `conformanceCaseIds`); an unknown id throws, so typos do not hide cases. */
  skip?: string[];
  /** Timeout for the timeout case, in ms. Default 250. */
  shortTimeoutMs?: number;
  /** Timeout for every other case, in ms. Default 10 000. */
  timeoutMs?: number;
  /** The API key given to `createModel`. Default {@link CONFORMANCE_API_KEY}. */
  apiKey?: string;
}

/** Options with every default filled in. */
export interface ResolvedConformanceOptions extends Omit<Required<AdapterConformanceOptions>, 'supports'> {
  supports: Required<NonNullable<AdapterConformanceOptions['supports']>>;
}

export function resolveConformanceOptions(options: AdapterConformanceOptions): ResolvedConformanceOptions {
  return {
    ...options,
    supports: {
      streaming: options.supports?.streaming ?? false,
      systemRole: options.supports?.systemRole ?? 'native',
      seed: options.supports?.seed ?? false,
      requestId: options.supports?.requestId ?? true,
      servedModel: options.supports?.servedModel ?? false,
    },
    blocks: options.blocks ?? [],
    extractMessages: options.extractMessages ?? extractOpenAIMessages,
    skip: options.skip ?? [],
    shortTimeoutMs: options.shortTimeoutMs ?? 250,
    timeoutMs: options.timeoutMs ?? 10_000,
    apiKey: options.apiKey ?? CONFORMANCE_API_KEY,
  };
}
