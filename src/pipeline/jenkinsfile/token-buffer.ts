/**
 * Tokens stored column-wise: typed arrays for kinds, offsets and flags, and
 * plain arrays only for text and the rare extras. A 1 MB Jenkinsfile has
 * ~170 000 tokens; as objects they dominated parse time through garbage
 * collection. The parser reads `Token` objects made on demand by `get`,
 * which die young and cost almost nothing.
 */
import type { StrQuote, Token, TokenExtra, TokenKind } from './tokens.ts';

const KINDS: readonly TokenKind[] = ['ident', 'num', 'str', 'gstr', 'punct', 'eof'];
const KIND_CODE: Record<TokenKind, number> = {
  ident: 0,
  num: 1,
  str: 2,
  gstr: 3,
  punct: 4,
  eof: 5,
};
const QUOTES: ReadonlyArray<StrQuote | undefined> = [
  undefined,
  'single',
  'double',
  'triple-single',
  'triple-double',
  'slashy',
  'dollar-slashy',
];

const NL = 1;
const VIRTUAL = 2;

/** What the lexer writes into: the column store, or a plain list for `${…}` bodies. */
export interface TokenSink {
  readonly length: number;
  push(
    kind: TokenKind,
    text: string,
    start: number,
    end: number,
    nl: boolean,
    extra?: TokenExtra,
  ): void;
  pushToken(t: Token): void;
  kind(i: number): TokenKind;
  text(i: number): string;
  isPunct(i: number, text: string): boolean;
}

/** A few tokens as objects: what a `${…}` body holds. */
export class TokenList implements TokenSink {
  readonly tokens: Token[] = [];

  get length(): number {
    return this.tokens.length;
  }

  push(
    kind: TokenKind,
    text: string,
    start: number,
    end: number,
    nl: boolean,
    extra?: TokenExtra,
  ): void {
    this.tokens.push({ kind, text, start, end, nl, extra });
  }

  pushToken(t: Token): void {
    this.tokens.push(t);
  }

  kind(i: number): TokenKind {
    return this.tokens[i]!.kind;
  }

  text(i: number): string {
    return this.tokens[i]!.text;
  }

  isPunct(i: number, text: string): boolean {
    const t = this.tokens[i]!;
    return t.kind === 'punct' && t.text === text;
  }
}

export class TokenBuffer implements TokenSink {
  length = 0;
  private kinds: Uint8Array;
  private flags: Uint8Array;
  private quotes: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private nums: Float64Array;
  private texts: string[] = [];
  /** GString parts, by token index; most tokens have none. */
  private parts = new Map<number, TokenExtra['parts']>();

  constructor(capacity = 64) {
    const n = Math.max(16, capacity);
    this.kinds = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.quotes = new Uint8Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.nums = new Float64Array(n);
  }

  static from(tokens: readonly Token[]): TokenBuffer {
    const buf = new TokenBuffer(tokens.length);
    for (const t of tokens) buf.pushToken(t);
    return buf;
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Int32Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.kinds = grown(this.kinds, (k) => new Uint8Array(k));
    this.flags = grown(this.flags, (k) => new Uint8Array(k));
    this.quotes = grown(this.quotes, (k) => new Uint8Array(k));
    this.starts = grown(this.starts, (k) => new Int32Array(k));
    this.ends = grown(this.ends, (k) => new Int32Array(k));
    this.nums = grown(this.nums, (k) => new Float64Array(k));
  }

  push(
    kind: TokenKind,
    text: string,
    start: number,
    end: number,
    nl: boolean,
    extra?: TokenExtra,
  ): void {
    const i = this.length;
    if (i === this.kinds.length) this.grow();
    this.kinds[i] = KIND_CODE[kind];
    this.flags[i] = (nl ? NL : 0) | (extra?.virtual ? VIRTUAL : 0);
    this.starts[i] = start;
    this.ends[i] = end;
    this.texts.push(text);
    if (extra) {
      if (extra.quote) this.quotes[i] = QUOTES.indexOf(extra.quote);
      if (extra.num !== undefined) this.nums[i] = extra.num;
      if (extra.parts) this.parts.set(i, extra.parts);
    }
    this.length = i + 1;
  }

  pushToken(t: Token): void {
    this.push(t.kind, t.text, t.start, t.end, t.nl, t.extra);
  }

  kind(i: number): TokenKind {
    return KINDS[this.kinds[i]!]!;
  }

  text(i: number): string {
    return this.texts[i]!;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  nl(i: number): boolean {
    return (this.flags[i]! & NL) !== 0;
  }

  virtual(i: number): boolean {
    return (this.flags[i]! & VIRTUAL) !== 0;
  }

  /** Punctuation with this text at `i`. */
  isPunct(i: number, text: string): boolean {
    return this.kinds[i] === 4 && this.texts[i] === text;
  }

  /** The token at `i` as an object (a fresh one each call). */
  get(i: number): Token {
    const code = this.kinds[i]!;
    const kind = KINDS[code]!;
    let extra: TokenExtra | undefined;
    if (code === 1) extra = { num: this.nums[i]! };
    else if (code === 2 || code === 3)
      extra = { quote: QUOTES[this.quotes[i]!], parts: this.parts.get(i) };
    if (this.virtual(i)) extra = { ...extra, virtual: true };
    return {
      kind,
      text: this.texts[i]!,
      start: this.starts[i]!,
      end: this.ends[i]!,
      nl: this.nl(i),
      extra,
    };
  }

  toArray(): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.get(i));
    return out;
  }
}
