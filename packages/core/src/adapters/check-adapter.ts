import { SUPPORTED_SPECIFICATION_VERSIONS, type AdapterDefinitionV1 } from '@sc-safety/spec';
import { AdapterResolutionError } from './adapter-errors.js';

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function listVersions(versions: readonly string[], last: 'and' | 'or'): string {
  if (versions.length <= 1) return versions.join('');
  return `${versions.slice(0, -1).join(', ')} ${last} ${versions[versions.length - 1] ?? ''}`;
}

/**
 * Checks that a module export is an adapter this engine can drive: the contract version first (a
 * newer contract may have a different shape, so shape errors would mislead), then the shape
 * (`name`, `version`, `configSchema['~standard'].validate`, `create`).
 *
 * @param packageName the package or path the adapter came from, for the message.
 */
export function assertAdapterDefinition(
  definition: unknown,
  packageName: string,
  supportedVersions: readonly string[] = SUPPORTED_SPECIFICATION_VERSIONS,
): asserts definition is AdapterDefinitionV1 {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new AdapterResolutionError(
      'adapter_invalid_definition',
      `Adapter package "${packageName}" does not export an adapter definition (got ${describeValue(definition)}). ` +
        'Export one as `default` or `adapter`, built with defineAdapter() from @sc-safety/spec.',
    );
  }
  const def = definition as Record<string, unknown>;
  const label =
    typeof def.name === 'string' && def.name.length > 0
      ? `${def.name}@${typeof def.version === 'string' ? def.version : 'unknown version'}`
      : 'unnamed adapter';

  const spec = def.specificationVersion;
  if (spec === undefined) {
    throw new AdapterResolutionError(
      'adapter_invalid_definition',
      `Adapter package "${packageName}" (${label}) does not declare "specificationVersion". ` +
        `Build it with defineAdapter() from @sc-safety/spec, which sets it (this engine supports: ${supportedVersions.join(', ')}).`,
    );
  }
  if (typeof spec !== 'string' || !supportedVersions.includes(spec)) {
    throw new AdapterResolutionError(
      'adapter_unsupported_specification',
      `Adapter package "${packageName}" (${label}) implements adapter specification "${String(spec)}", ` +
        `but this sc-safety engine supports: ${supportedVersions.join(', ')}. ` +
        `Upgrade @sc-safety/core or use an adapter release built for ${listVersions(supportedVersions, 'or')}.`,
    );
  }

  const problems: string[] = [];
  if (typeof def.name !== 'string' || def.name.length === 0) problems.push('"name" must be a non-empty string');
  if (typeof def.version !== 'string' || def.version.length === 0)
    problems.push('"version" must be a non-empty string');
  const schema = def.configSchema as { '~standard'?: { validate?: unknown } } | null | undefined;
  if (typeof schema !== 'object' || schema === null) {
    problems.push(
      '"configSchema" must be a Standard Schema object (zod 4, valibot, arktype, or { "~standard": { validate } })',
    );
  } else if (typeof schema['~standard']?.validate !== 'function') {
    problems.push('"configSchema[\'~standard\'].validate" must be a function');
  }
  if (typeof def.create !== 'function') problems.push('"create" must be a function');
  if (problems.length > 0) {
    throw new AdapterResolutionError(
      'adapter_invalid_definition',
      `Adapter package "${packageName}" (${label}) does not export a valid adapter definition: ${problems.join('; ')}.`,
    );
  }
}
