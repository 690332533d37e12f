import { formatIssuePath } from './validate-adapter-config.js';
import type { RunConfigProblem } from './run-config-error.js';
import { isSecretField, isSecretVariable, MIN_SECRET_LENGTH } from './secret-fields.js';

/** The outcome of expanding `${VAR}` references throughout a parsed config. */
export interface EnvExpansion {
  /** A copy of the input with every reference replaced. */
  value: unknown;
  problems: RunConfigProblem[];
  /**
   * Every value of a secret-like field (see `isSecretField`), every variable value substituted into
   * one, and every value of a credential-named variable (see `isSecretVariable`) substituted anywhere
   * (a key in a `baseURL` query or a custom header is still a key). The last kind is kept only from
   * {@link MIN_SECRET_LENGTH} characters on, like redaction.
   */
  secrets: string[];
  /** Paths whose string had at least one reference replaced (such a string may stand for a number). */
  expandedPaths: Set<string>;
  /** Paths whose expansion failed; later checks skip them so each mistake is reported once. */
  failedPaths: Set<string>;
  /** With `allowUnsetSecrets`: secret fields whose variable is not set (left empty, not a problem). */
  unsetSecrets: Array<{ path: string; variable: string }>;
}

export interface ExpandEnvOptions {
  /**
   * An unset variable in a secret field (`apiKey: ${DASHSCOPE_API_KEY}`) is listed in
   * `unsetSecrets` and left empty instead of being a problem: planning (`--dry-run`) spends nothing.
   */
  allowUnsetSecrets?: boolean;
}

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/** Joins a config path and a key or index the way problem paths are written (`models[0].headers["x-y"]`). */
export function childPath(base: string, key: string | number): string {
  return formatIssuePath(base, [key]);
}

/**
 * Expands `${VAR}` and `${VAR:-default}` (default used when VAR is unset or empty) in every string
 * value; `$${` writes a literal `${`. Keys are not expanded. A missing variable is a problem naming
 * the path and the variable, never a value.
 */
export function expandEnv(
  input: unknown,
  env: Readonly<Record<string, string | undefined>>,
  options: ExpandEnvOptions = {},
): EnvExpansion {
  const result: EnvExpansion = {
    value: undefined,
    problems: [],
    secrets: [],
    expandedPaths: new Set(),
    failedPaths: new Set(),
    unsetSecrets: [],
  };
  const secrets = new Set<string>();

  const walk = (value: unknown, path: string, fieldName: string): unknown => {
    if (typeof value === 'string') {
      const secretField = isSecretField(fieldName);
      const expanded = expandString(value, env, secretField);
      if (secretField && options.allowUnsetSecrets && expanded.unset.length > 0) {
        for (const variable of expanded.unset) result.unsetSecrets.push({ path, variable });
        expanded.errors = expanded.errors.filter((e) => !expanded.unset.some((v) => e === unsetMessage(v)));
      }
      for (const message of expanded.errors) result.problems.push({ path, message });
      if (expanded.errors.length > 0) result.failedPaths.add(path);
      if (expanded.substituted.length > 0) result.expandedPaths.add(path);
      if (secretField) {
        for (const s of [expanded.text, ...expanded.substituted]) if (s.length > 0) secrets.add(s);
      }
      for (const s of expanded.credentials) if (s.length >= MIN_SECRET_LENGTH) secrets.add(s);
      return expanded.text;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, childPath(path, i), fieldName));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = walk(item, childPath(path, key), key);
      return out;
    }
    return value;
  };

  result.value = walk(input, '', '');
  result.secrets = [...secrets];
  return result;
}

interface ExpandedString {
  text: string;
  /** The values put in place of references (variables and defaults). */
  substituted: string[];
  /** The subset of `substituted` that stands for a credential-named variable. */
  credentials: string[];
  errors: string[];
  /** Variables referenced but not set (each also has an error). */
  unset: string[];
}

function unsetMessage(name: string): string {
  return `environment variable ${name} is not set`;
}

function expandString(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  secretField: boolean,
): ExpandedString {
  if (!text.includes('$')) return { text, substituted: [], credentials: [], errors: [], unset: [] };
  const unset: string[] = [];
  const out: string[] = [];
  const substituted: string[] = [];
  const credentials: string[] = [];
  const errors: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      out.push('${');
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      out.push(text.charAt(i));
      i += 1;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close === -1) {
      errors.push('unterminated "${": close it with "}", or write "$${" for a literal "${"');
      out.push(text.slice(i));
      break;
    }
    const inner = text.slice(i + 2, close);
    const match = REFERENCE.exec(inner);
    if (match?.[1] === undefined) {
      // The text between the braces could be a pasted key: only echo it outside secret fields.
      const shown = secretField ? '' : ` "\${${inner}}"`;
      errors.push(
        `invalid environment reference${shown}: write \${NAME} or \${NAME:-default} (NAME of letters, digits and "_"), or "$\${" for a literal "\${"`,
      );
      out.push(text.slice(i, close + 1));
    } else {
      const name = match[1];
      const fallback = match[2];
      const current = env[name];
      const replacement = fallback !== undefined && (current === undefined || current === '') ? fallback : current;
      if (replacement === undefined) {
        errors.push(unsetMessage(name));
        unset.push(name);
      } else {
        out.push(replacement);
        substituted.push(replacement);
        // A default written for a credential variable stands for the credential too.
        if (isSecretVariable(name)) credentials.push(replacement);
      }
    }
    i = close + 1;
  }
  return { text: out.join(''), substituted, credentials, errors, unset };
}
