/**
 * Parses Jenkins label expressions with Jenkins' grammar and precedence
 * (LabelExpressionParser.g4), loosest first:
 *
 *   expr  := iff EOF
 *   iff   := impl ( '<->' impl )*        left-associative
 *   impl  := or ( '->' or )?             does not chain: `a -> b -> c` is an error
 *   or    := and ( '||' and )*
 *   and   := unary ( '&&' unary )*
 *   unary := '!' primary | primary       `!!a` is an error, as in Jenkins
 *   primary := '(' iff ')' | atom | "quoted atom"
 *
 * Text that is empty or only whitespace means `any` (Jenkins treats an empty
 * label as "no restriction"). Never throws: errors carry the offset of the
 * offending token. Nesting deeper than 100 parentheses is refused.
 */
import { anyLabel, type BinaryKind, type LabelExpr } from './expr.ts';
import { tokenize, type Token, type TokenKind } from './lexer.ts';

export type LabelParseResult = { expr: LabelExpr } | { error: { message: string; offset: number } };

class ParseError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

export function parseLabelExpression(text: string): LabelParseResult {
  const lexed = tokenize(text);
  if ('error' in lexed) return lexed;
  if (lexed.tokens.length === 0) return { expr: anyLabel };
  const parser = new Parser(lexed.tokens, text.length);
  try {
    return { expr: parser.parseAll() };
  } catch (e) {
    if (e instanceof ParseError) return { error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

const describeToken: Record<TokenKind, string> = {
  and: "'&&'",
  or: "'||'",
  not: "'!'",
  implies: "'->'",
  iff: "'<->'",
  lparen: "'('",
  rparen: "')'",
  atom: 'a label',
};

const maxDepth = 100;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  parseAll(): LabelExpr {
    const expr = this.iff();
    const extra = this.peek();
    if (extra) throw this.unexpected(extra, 'an operator or the end');
    return expr;
  }

  private iff(): LabelExpr {
    let left = this.implies();
    while (this.accept('iff')) left = binary('iff', left, this.implies());
    return left;
  }

  private implies(): LabelExpr {
    const left = this.or();
    if (!this.accept('implies')) return left;
    const expr = binary('implies', left, this.or());
    const again = this.peek();
    if (again?.kind === 'implies') {
      throw new ParseError("'->' cannot be chained: add parentheses", again.offset);
    }
    return expr;
  }

  private or(): LabelExpr {
    let left = this.and();
    while (this.accept('or')) left = binary('or', left, this.and());
    return left;
  }

  private and(): LabelExpr {
    let left = this.unary();
    while (this.accept('and')) left = binary('and', left, this.unary());
    return left;
  }

  private unary(): LabelExpr {
    const not = this.accept('not');
    if (!not) return this.primary();
    const next = this.peek();
    if (next?.kind === 'not') {
      throw new ParseError("'!' must be followed by a label or '(': write !(!a)", next.offset);
    }
    return { kind: 'not', operand: this.primary() };
  }

  private primary(): LabelExpr {
    const token = this.peek();
    if (!token) throw new ParseError("expected a label or '(' but the expression ended", this.end);
    this.pos++;
    if (token.kind === 'atom') return { kind: 'atom', name: token.text };
    if (token.kind !== 'lparen') throw this.unexpected(token, "a label or '('");
    // Bounded so that hostile input cannot overflow the stack.
    if (++this.depth > maxDepth)
      throw new ParseError('parentheses nested too deeply', token.offset);
    const inner = this.iff();
    this.depth--;
    const close = this.peek();
    if (close?.kind !== 'rparen') {
      if (!close) throw new ParseError(`missing ')' to close the '(' at ${token.offset}`, this.end);
      throw this.unexpected(close, "')'");
    }
    this.pos++;
    return inner;
  }

  private accept(kind: TokenKind): Token | undefined {
    const token = this.peek();
    if (token?.kind !== kind) return undefined;
    this.pos++;
    return token;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private unexpected(token: Token, expected: string): ParseError {
    const found = token.kind === 'atom' ? `label '${token.text}'` : describeToken[token.kind];
    return new ParseError(`expected ${expected} but found ${found}`, token.offset);
  }
}

function binary(kind: BinaryKind, left: LabelExpr, right: LabelExpr): LabelExpr {
  return { kind, left, right };
}
