/**
 * What the string and number scanners need from the lexer. A separate
 * interface keeps the module graph acyclic: the lexer calls the scanners,
 * and the scanners call back only through this.
 */
import type { Token } from './tokens.ts';

export interface Scanner {
  readonly text: string;
  pos: number;
  fail(code: string, message: string, start: number, end: number): void;
  /** Lexes a `${…}` body (the `${` already consumed) and its `}`; undefined when it never closes. */
  lexInterpolation(openStart: number): Token[] | undefined;
}
