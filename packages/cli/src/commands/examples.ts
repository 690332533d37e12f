/**
 * The `Examples:` block of a command's `--help`: each command line with what it does. One format
 * for every command (a test checks that every command has one).
 */
export function examples(list: ReadonlyArray<readonly [command: string, what: string]>): string {
  const width = Math.min(56, Math.max(...list.map(([cmd]) => cmd.length)));
  return [
    'Examples:',
    ...list.map(([cmd, what]) =>
      cmd.length > width ? `  $ ${cmd}\n  ${' '.repeat(width + 4)}${what}` : `  $ ${cmd.padEnd(width)}  ${what}`,
    ),
  ].join('\n');
}
