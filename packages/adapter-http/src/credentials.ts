import { loadApiKey } from '@sc-safety/adapter-utils';
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
