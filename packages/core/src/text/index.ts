export { escapeJsonControls, hasUnsafeControls, terminalSafe, terminalSafeJson } from './terminal-text.js';
