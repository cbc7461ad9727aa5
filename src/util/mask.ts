/**
 * Masks secret values in log text, at the source (agent, runner) before a
 * line is stored or shown. Every occurrence is replaced by `****`.
 *
 * What is guaranteed:
 * - Every occurrence of a secret within one line is masked, including
 *   overlapping occurrences of different secrets (their union is masked, so
 *   no fragment of either shows).
 * - Multi-line secrets (keys, certificates) are masked line by line: each of
 *   their lines of 4 or more characters (trimmed) is a secret of its own, so
 *   the secret is masked however the program splits it into lines. Shorter
 *   lines (`{`, `}`) are not masked: they are not secret and would blank the log.
 * - With `StreamMasker`, the result does not depend on how the text was cut
 *   into chunks: a secret split across two writes is still masked, and memory
 *   stays bounded on endless lines.
 *
 * What is not: transformed forms (base64, URL-encoded, reversed, one character
 * per line), and secrets of one line split across lines by the program.
 */

export const maskText = '****';

/** Lines of multi-line secrets shorter than this are not masked on their own. */
const minimumPieceLength = 4;

export interface Masker {
  /** Masks text; when it contains line breaks each line is masked on its own. */
  mask(text: string): string;
  /** The texts masked: single-line secrets, and the long-enough lines of multi-line ones. */
  readonly pieces: readonly string[];
  /** Length of the longest piece; a stream must hold back one less than this. */
  readonly longest: number;
}

export function createMasker(secrets: Iterable<string>): Masker {
  const pieces = secretPieces(secrets);
  const longest = pieces.reduce((max, p) => Math.max(max, p.length), 0);
  return {
    pieces,
    longest,
    mask: (text) => (pieces.length === 0 ? text : replaceRanges(text, maskedRanges(text, pieces))),
  };
}

function secretPieces(secrets: Iterable<string>): string[] {
  const pieces = new Set<string>();
  for (const secret of secrets) {
    const lines = secret.split(/\r?\n/);
    if (lines.length === 1) {
      if (secret !== '') pieces.add(secret);
      continue;
    }
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed.length >= minimumPieceLength) pieces.add(trimmed);
    }
  }
  return [...pieces];
}

/** Merged [start, end) ranges covered by any occurrence of any piece, in order. */
export function maskedRanges(text: string, pieces: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const piece of pieces) {
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
      ranges.push([at, at + piece.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function replaceRanges(text: string, ranges: ReadonlyArray<[number, number]>): string {
  if (ranges.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of ranges) {
    out += text.slice(from, start) + maskText;
    from = end;
  }
  return out + text.slice(from);
}
