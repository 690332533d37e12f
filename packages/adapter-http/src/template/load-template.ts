import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { TemplateError } from './validate-template.js';

/**
 * Reads a template file (`.yaml`, `.yml` or `.json`) into a plain value. A relative path is
 * resolved against `baseDir` (default: the working directory). Syntax errors name the file, line
 * and column; the value is validated separately.
 */
export function readTemplateFile(path: string, baseDir: string = process.cwd()): unknown {
  const full = resolve(baseDir, path);
  const extension = extname(full).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    throw new TemplateError([{ path: 'template', message: `"${path}" is not a .yaml, .yml or .json file` }]);
  }
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    throw new TemplateError([
      {
        path: 'template',
        message: `cannot read template file "${full}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      },
    ]);
  }
  try {
    return extension === '.json' ? JSON.parse(text) : parse(text, { prettyErrors: true });
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos?.[0]
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    const first = (error as Error).message.split('\n')[0] ?? '';
    throw new TemplateError([
      {
        path: 'template',
        message: `"${full}" is not valid ${extension === '.json' ? 'JSON' : 'YAML'}${where}: ${first}`,
      },
    ]);
  }
}
