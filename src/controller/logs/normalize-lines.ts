/**
 * Lines are stored one per `\n`: a line that contains `\n` becomes several,
 * and a line longer than `max` characters is split (never inside a surrogate
 * pair), so no single line can make a reader hold unbounded memory. Both are
 * deterministic, so a resent chunk produces the same lines.
 */
export function normalizeLines(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    for (const part of line.includes('\n') ? line.split('\n') : [line]) {
      let rest = part;
      while (rest.length > max) {
        const cut = isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      out.push(rest);
    }
  }
  return out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
