import { describe, expect, it } from 'vitest';
import { runConfigJsonSchema, runConfigShape } from './run-config-json-schema.js';

type Node = Record<string, unknown> & { properties?: Record<string, Node>; anyOf?: Node[]; items?: Node };

describe('runConfigJsonSchema', () => {
  const schema = runConfigJsonSchema() as Node;
  const props = schema.properties!;

  it('lists exactly the keys the loader accepts, and no others', () => {
    expect(Object.keys(props)).toEqual(Object.keys(runConfigShape()));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['dataset', 'models']);
    expect(schema.not).toEqual({ required: ['judge', 'judges'] });
  });

  it('lets a number be written as ${VAR}, as the loader does', () => {
    const limit = props.limit!;
    expect(limit.anyOf?.[0]).toEqual({ type: 'integer', minimum: 0 });
    const pattern = new RegExp(limit.anyOf?.[1]?.pattern as string);
    expect(['${LIMIT}', '${LIMIT:-5}'].map((t) => pattern.test(t))).toEqual([true, true]);
    expect(pattern.test('5x')).toBe(false);
  });

  it('keeps model entries open to adapter fields but closed where the engine owns the mapping', () => {
    const target = props.models!.items!;
    expect(target.additionalProperties).not.toBe(false);
    expect(target.required).toEqual(['id', 'adapter', 'model']);
    expect(target.properties!.params!.additionalProperties).toBe(false);
    const judge = props.judges!.anyOf![0]!.items!;
    expect(judge.required).toEqual(['adapter', 'model']);
    expect(judge.properties!.system).toEqual({ not: {} });
  });
});
