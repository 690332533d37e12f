export { main, createProgram } from './main.js';
export { ExitCode, processIo } from './io.js';
export type { CliIo, CommandContext } from './io.js';
