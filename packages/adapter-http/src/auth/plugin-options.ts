/** A template's string option for an auth plugin (`auth.options.service`…), or `fallback` when it is not a string. */
export function stringOption(options: Readonly<Record<string, unknown>>, name: string, fallback: string): string {
  const value = options[name];
  return typeof value === 'string' ? value : fallback;
}
