/**
 * What `promise` rejects with, or undefined when it resolves (or is undefined: an optional
 * `check?.()`). Tests then assert on the error's class and fields.
 */
export function rejectionOf(promise: Promise<unknown> | undefined): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  );
}
