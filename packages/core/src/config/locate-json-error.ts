/**
 * The offset of the first JSON syntax error in `text`, or `undefined` when it is valid JSON.
 * Node 20's JSON.parse names the position for only some errors (not for `Unexpected token`),
 * so config errors find it themselves to report a line and column.
 */
export function locateJsonError(text: string): number | undefined {
  let i = 0;

  const skipSpace = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };

  // Each reader advances `i` past what it accepted and returns false at the first bad character.
  const readLiteral = (word: string): boolean => {
    for (const ch of word) {
      if (text[i] !== ch) return false;
      i++;
    }
    return true;
  };

  const readString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return true;
      }
      if (ch < 0x20) return false;
      if (ch === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return false;
          }
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          i++;
          return false;
        }
      } else {
        i++;
      }
    }
    return false;
  };

  const readNumber = (): boolean => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null || match[0] === '' || match[0] === '-') return false;
    i += match[0].length;
    return true;
  };

  const readValue = (): boolean => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') return readContainer('}', true);
    if (ch === '[') return readContainer(']', false);
    if (ch === '"') return readString();
    if (ch === 't') return readLiteral('true');
    if (ch === 'f') return readLiteral('false');
    if (ch === 'n') return readLiteral('null');
    return readNumber();
  };

  const readContainer = (close: string, isObject: boolean): boolean => {
    i++; // opening bracket
    skipSpace();
    if (text[i] === close) {
      i++;
      return true;
    }
    for (;;) {
      if (isObject) {
        skipSpace();
        if (text[i] !== '"' || !readString()) return false;
        skipSpace();
        if (text[i] !== ':') return false;
        i++;
      }
      if (!readValue()) return false;
      skipSpace();
      if (text[i] === close) {
        i++;
        return true;
      }
      if (text[i] !== ',') return false;
      i++;
    }
  };

  if (!readValue()) return Math.min(i, text.length);
  skipSpace();
  return i < text.length ? i : undefined;
}
