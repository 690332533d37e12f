import { LoadApiKeyError, loadApiKey } from '@sc-safety/adapter-utils';
import type { HttpAdapterConfig } from './config.js';

type CredentialField = 'apiKey' | 'secretKey' | 'secretId' | 'appId' | 'apiSecret';

/**
 * Reads one credential: the config value, else the environment variable named in the config
 * (`<field>Env`), else the default variable. The error names both places and never a value.
 */
export function loadCredential(
  config: HttpAdapterConfig,
  field: CredentialField,
  defaultEnv: string,
  label: string,
  env: Record<string, string | undefined>,
): string {
  const envField = `${field}Env` as const;
  return loadApiKey({
    apiKey: config[field],
    environmentVariableName: config[envField] ?? defaultEnv,
    description: `${label} ${field}`,
    apiKeyParameterName: field,
    env,
  });
}

/** Like {@link loadCredential}, but `undefined` when the credential is given nowhere. */
export function optionalCredential(
  config: HttpAdapterConfig,
  field: CredentialField,
  defaultEnv: string | undefined,
  label: string,
  env: Record<string, string | undefined>,
): string | undefined {
  if (defaultEnv === undefined && config[field] === undefined && config[`${field}Env`] === undefined) return undefined;
  try {
    return loadCredential(config, field, defaultEnv ?? '', label, env);
  } catch (error) {
    if (error instanceof LoadApiKeyError && config[field] === undefined && config[`${field}Env`] === undefined) return undefined;
    throw error;
  }
}
