import path from 'node:path';

/** A file as shown in messages: relative to `cwd` when it lies below it (as the user typed it), else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
