import { describe, expect, it } from 'vitest';
import { createPrng } from '@sc-safety/results';
import { hasUnsafeControls, terminalSafe, terminalSafeJson } from './terminal-text.js';

/** Any character a terminal acts on besides LF, TAB and the CR of a CRLF, listed one by one (not via the module's own pattern). */
const ACTIVE_CODES = new Set(
  [...Array(32).keys(), ...Array.from({ length: 33 }, (_, i) => 0x7f + i)].filter(
    (c) => c !== 0x09 && c !== 0x0a && c !== 0x0d,
  ),
);
const ACTIVE = {
  test: (text: string): boolean =>
    [...text].some((ch, i, all) => ACTIVE_CODES.has(ch.charCodeAt(0)) || (ch === '\r' && all[i + 1] !== '\n')),
};

describe('terminalSafe', () => {
  it('shows ESC sequences, OSC titles and links, C1 CSI and lone CRs as \\xHH text', () => {
    const hostile = 'a\x1b[2Jb\x1b]0;pwned\x07c\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\d\x9b31me\rf\x00';
    const safe = terminalSafe(hostile);
    expect(safe).toBe('a\\x1b[2Jb\\x1b]0;pwned\\x07c\\x1b]8;;http://x\\x1b\\link\\x1b]8;;\\x1b\\d\\x9b31me\\x0df\\x00');
    expect(ACTIVE.test(safe)).toBe(false);
    expect(hasUnsafeControls(hostile)).toBe(true);
    expect(hasUnsafeControls(safe)).toBe(false);
  });

  it('keeps line feeds, tabs, CRLF and every printable character (CJK, emoji) as they are', () => {
    const text = '第一行\t列\r\n第二行 😀 “quotes” \\x1b stays literal\n';
    expect(terminalSafe(text)).toBe(text);
  });

  it('property: random bytes as vendor error text never put an ESC (or any other control) on the terminal', () => {
    const prng = createPrng(20_240_616);
    const failures: string[] = [];
    for (let run = 0; run < 3_000; run++) {
      const bytes = new Uint8Array(1 + prng.nextInt(64));
      for (let i = 0; i < bytes.length; i++) bytes[i] = prng.nextInt(256);
      // A vendor body arrives as UTF-8 (C1 controls as two-byte sequences) or, from an older proxy, latin1.
      for (const text of [new TextDecoder().decode(bytes), Buffer.from(bytes).toString('latin1')]) {
        const safe = terminalSafe(`vendor said: ${text}`);
        // Idempotent too: text that crossed two layers is not changed again.
        if (safe.includes('\x1b') || ACTIVE.test(safe) || terminalSafe(safe) !== safe)
          failures.push(JSON.stringify(text));
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('terminalSafeJson', () => {
  it('escapes DEL and C1 as JSON escapes JSON.stringify leaves raw; the parsed value is unchanged', () => {
    const value = { message: 'x\x1b[2J\x9b1m\x7f\u0085y' };
    const json = terminalSafeJson(value, 2);
    expect(ACTIVE.test(json.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(json)).toEqual(value);
    expect(JSON.stringify(value)).toMatch(/\x9b/); // what it protects against
  });
});
