import { z } from 'zod';
import { describeValue, isMapping, type NumberKind } from './checks.js';
import { didYouMean } from './suggest.js';

// Building blocks of the run-config schemas, so every field of a kind is checked and worded alike.

type ErrorFn = (issue: z.core.$ZodRawIssue) => string | undefined;

/** A field's own message for a value that is there but wrong; absence falls through to "required". */
export function whenPresent(message: (input: unknown) => string): ErrorFn {
  return (issue) => (issue.input === undefined ? undefined : message(issue.input));
}

/** Runs a cross-field check even when other fields already failed, so every mistake shows at once. */
export const ALWAYS = { when: (): boolean => true } as const;

/** A number of the given kind: `expected a positive integer, got "16x"`. */
export function numberOf(kind: NumberKind): z.ZodNumber {
  const error = whenPresent(
    (input) => `expected ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}, got ${describeValue(input)}`,
  );
  let schema = z.number({ error });
  if (kind.startsWith('positive')) schema = schema.positive({ error });
  if (kind.startsWith('non-negative')) schema = schema.nonnegative({ error });
  // Not `.int()`: its failure stops every later check, and unknown keys beside it would go unsaid.
  if (kind.endsWith('integer')) schema = schema.refine(Number.isInteger, { error }).meta({ type: 'integer' });
  return schema;
}

/**
 * A string; `required` words its absence (and `null`), `nonEmpty` refuses blank text with the same
 * words (or "must not be empty").
 */
export function text(options: { required?: string; nonEmpty?: boolean } = {}): z.ZodString {
  const { required } = options;
  let schema = z.string(
    required === undefined ? undefined : { error: (issue) => (issue.input == null ? required : undefined) },
  );
  if (options.nonEmpty === true) {
    const error = required ?? 'must not be empty';
    schema = schema.min(1, { error }).refine((s) => s.trim().length > 0, { error });
  }
  return schema;
}

/** A non-empty string, as list entries are: `expected a non-empty string, got ""`. */
export function nonEmptyEntry(): z.ZodString {
  const error = whenPresent((input) => `expected a non-empty string, got ${describeValue(input)}`);
  return z
    .string({ error })
    .min(1, { error })
    .refine((s) => s.trim().length > 0, { error });
}

/** `unknown policy; did you mean "emptyAnswer"?`, or the known keys when nothing is close. */
export function unknownKeyMessage(key: string, known: readonly string[], noun: string): string {
  const hint = didYouMean(key, known);
  return hint === '' ? `unknown ${noun} (known: ${known.join(', ')})` : `unknown ${noun}${hint}`;
}

/**
 * A mapping with a fixed set of keys. Each unknown key is its own problem at its own path, with a
 * did-you-mean (zod's strict objects report them together on the parent). `what` describes the
 * mapping when something else is given: `expected ${what}, got a list`.
 */
export function closedObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, noun: string, what: string) {
  const known = Object.keys(shape);
  return z
    .looseObject(shape, { error: whenPresent((input) => `expected ${what}, got ${describeValue(input)}`) })
    .superRefine((value: unknown, ctx) => {
      if (!isMapping(value)) return;
      for (const [key, input] of Object.entries(value)) {
        if (!known.includes(key))
          ctx.addIssue({ code: 'custom', path: [key], input, message: unknownKeyMessage(key, known, noun) });
      }
    }, ALWAYS)
    .meta({ additionalProperties: false });
}
