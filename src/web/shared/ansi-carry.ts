/**
 * Colour state across lines. A log line may turn red and a later line turn
 * it back; the viewer renders lines in blocks, so each block starts from the
 * SGR sequences still in force at the end of the block before it. This keeps
 * just those sequences (since the last reset), not a full terminal model.
 */

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[([0-9;]*)m/g;
const MAX_CARRY = 256;

/** The SGR prefix in force after `text`, given the prefix in force before it. */
export function carryAfter(before: string, text: string): string {
  if (!text.includes('\x1b[')) return before;
  let carry = before;
  for (const m of text.matchAll(SGR)) {
    const params = m[1] ?? '';
    if (params === '' || params === '0') carry = '';
    else if (params.startsWith('0;')) carry = m[0];
    else carry += m[0];
  }
  // Long runs without a reset only pile up overridden colours; the tail wins.
  return carry.length > MAX_CARRY
    ? carry.slice(carry.indexOf('\x1b[', carry.length - MAX_CARRY))
    : carry;
}

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g;

/** Removes escape sequences: what search matches against and what a copy shows. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ESCAPES, '') : text;
}
