/**
 * A configuration-time failure: no API key was given and the environment variable is unset.
 * Thrown before any call is made, so it is not an adapter (call) error.
 */
export class LoadApiKeyError extends Error {
  /** The environment variable that would have supplied the key. */
  readonly environmentVariableName: string;
  constructor(message: string, environmentVariableName: string) {
    super(message);
    this.name = 'LoadApiKeyError';
    this.environmentVariableName = environmentVariableName;
  }
}

export interface LoadApiKeyOptions {
  /** The key given explicitly in the model entry; wins over the environment. */
  apiKey?: string | undefined;
  /** e.g. `OPENAI_API_KEY`. */
  environmentVariableName: string;
  /** Vendor name for the message, e.g. `OpenAI`. */
  description: string;
  /** Name of the config field for the message (default `apiKey`). */
  apiKeyParameterName?: string;
  /** Environment to read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * Returns the API key: the explicit value if given, else the environment variable. Surrounding
 * whitespace is dropped because keys pasted into `.env` files often carry a stray newline, which
 * vendors reject as an invalid key. The error never contains any key value.
 */
export function loadApiKey(options: LoadApiKeyOptions): string {
  const { environmentVariableName, description } = options;
  const parameter = options.apiKeyParameterName ?? 'apiKey';
  const explicit: unknown = options.apiKey;
  if (explicit !== undefined && explicit !== null) {
    if (typeof explicit !== 'string') {
      throw new LoadApiKeyError(
        `${description} API key must be a string. Check "${parameter}" in the model entry.`,
        environmentVariableName,
      );
    }
    const trimmed = explicit.trim();
    if (trimmed.length > 0) return trimmed;
  }
  const env = options.env ?? (typeof process !== 'undefined' ? process.env : {});
  const fromEnv = env[environmentVariableName]?.trim();
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  throw new LoadApiKeyError(
    `${description} API key is missing. Pass it as "${parameter}" in the model entry or set the ${environmentVariableName} environment variable.`,
    environmentVariableName,
  );
}
