/**
 * A small JSON Schema (draft 2020-12) evaluator for tests: just the keywords docs/results.schema.json
 * uses. It throws on any other keyword, so the schema cannot grow a rule these tests silently skip.
 */
type Schema = Record<string, unknown> | boolean;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'format', '$defs']);
const KNOWN = new Set([
  '$ref', 'type', 'const', 'enum', 'required', 'properties', 'additionalProperties', 'items', 'oneOf', 'allOf',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'pattern',
]);

function typeOk(value: unknown, type: string): boolean {
  switch (type) {
    case 'null': return value === null;
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    default: throw new Error(`unknown type ${type}`);
  }
}

/** Errors of `value` against `schema` (an empty list when it is valid). */
export function validateAgainstSchema(root: Record<string, unknown>, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`only local refs: ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw new Error(`unresolved ref ${ref}`);
    return node as Schema;
  };
  const check = (schema: Schema, v: unknown, path: string, out: string[]): void => {
    if (schema === true) return;
    if (schema === false) {
      out.push(`${path}: not allowed`);
      return;
    }
    for (const k of Object.keys(schema)) if (!KNOWN.has(k) && !ANNOTATIONS.has(k)) throw new Error(`unsupported keyword ${k} at ${path}`);
    if (typeof schema.$ref === 'string') check(resolve(schema.$ref), v, path, out);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => typeOk(v, t))) {
        out.push(`${path}: expected ${types.join('|')}`);
        return;
      }
    }
    if ('const' in schema && v !== schema.const) out.push(`${path}: expected ${JSON.stringify(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.includes(v)) out.push(`${path}: not in enum`);
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) out.push(`${path}: below minimum`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) out.push(`${path}: above maximum`);
      if (typeof schema.exclusiveMinimum === 'number' && v <= schema.exclusiveMinimum) out.push(`${path}: not above exclusiveMinimum`);
      if (typeof schema.exclusiveMaximum === 'number' && v >= schema.exclusiveMaximum) out.push(`${path}: not below exclusiveMaximum`);
    }
    if (typeof v === 'string') {
      if (typeof schema.minLength === 'number' && [...v].length < schema.minLength) out.push(`${path}: too short`);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) out.push(`${path}: does not match ${schema.pattern}`);
    }
    if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) check(s, v, path, out);
    if (Array.isArray(schema.oneOf)) {
      const passing = (schema.oneOf as Schema[]).filter((s) => {
        const sub: string[] = [];
        check(s, v, path, sub);
        return sub.length === 0;
      }).length;
      if (passing !== 1) out.push(`${path}: matches ${passing} of oneOf`);
    }
    if (typeOk(v, 'object')) {
      const obj = v as Record<string, unknown>;
      if (Array.isArray(schema.required)) for (const k of schema.required as string[]) if (!(k in obj)) out.push(`${path}: missing ${k}`);
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const [k, val] of Object.entries(obj)) {
        if (k in props) check(props[k]!, val, `${path}.${k}`, out);
        else if (schema.additionalProperties !== undefined) check(schema.additionalProperties as Schema, val, `${path}.${k}`, out);
      }
    }
    if (Array.isArray(v) && schema.items !== undefined) v.forEach((item, i) => check(schema.items as Schema, item, `${path}[${i}]`, out));
  };
  check(root, value, '$', errors);
  return errors;
}
