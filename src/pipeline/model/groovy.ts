/**
 * The Groovy subset, as an AST. A Jenkinsfile is a Groovy script: its
 * declarative structure, its step arguments, `when { expression { … } }`,
 * `script { … }` blocks and top-level `def` functions are all made of these
 * nodes. The runner evaluates them; front ends only build them.
 *
 * The subset is documented in docs/pipeline-language.md. Anything the parser
 * meets outside it becomes a located diagnostic naming the construct.
 */
import type { Span } from './span.ts';

export type Expr =
  | StrExpr
  | GStringExpr
  | NumExpr
  | BoolExpr
  | NullExpr
  | ListExpr
  | MapExpr
  | VarExpr
  | PropExpr
  | IndexExpr
  | CallExpr
  | MethodExpr
  | ClosureExpr
  | UnaryExpr
  | BinaryExpr
  | TernaryExpr
  | AssignExpr
  | RangeExpr
  | CastExpr
  | NewExpr;

/** A string without interpolation: '…', '''…''', or a "…" that had no `$`. */
export interface StrExpr {
  kind: 'str';
  value: string;
  quote:
    'single' | 'double' | 'triple-single' | 'triple-double' | 'slashy' | 'dollar-slashy' | 'yaml';
  span: Span;
}

/** A double-quoted string with `${expr}` or `$name.path` parts, evaluated by the pipeline. */
export interface GStringExpr {
  kind: 'gstring';
  /** Literal text and embedded expressions, in source order. */
  parts: Array<{ text: string } | { expr: Expr }>;
  triple: boolean;
  span: Span;
}

export interface NumExpr {
  kind: 'num';
  value: number;
  span: Span;
}
export interface BoolExpr {
  kind: 'bool';
  value: boolean;
  span: Span;
}
export interface NullExpr {
  kind: 'null';
  span: Span;
}
export interface ListExpr {
  kind: 'list';
  items: Expr[];
  span: Span;
}
export interface MapEntry {
  /** A bare or quoted key is a `str`; `(expr): v` keys are any expression. */
  key: Expr;
  value: Expr;
  span: Span;
}
export interface MapExpr {
  kind: 'map';
  entries: MapEntry[];
  span: Span;
}
export interface VarExpr {
  kind: 'var';
  name: string;
  span: Span;
}
export interface PropExpr {
  kind: 'prop';
  object: Expr;
  name: string;
  /** `?.` */
  safe: boolean;
  /** `*.` spread: applies to each element of a list. */
  spread: boolean;
  span: Span;
}
export interface IndexExpr {
  kind: 'index';
  object: Expr;
  index: Expr;
  span: Span;
}

/** An argument: positional (`name` absent) or named (`name: value`). */
export interface Arg {
  name?: string;
  value: Expr;
  span: Span;
}

/**
 * A call of a free name: a step (`sh 'x'`), a top-level `def` function, or a
 * built-in. `closure` is a trailing closure (`dir('x') { … }`), kept apart from
 * `args` so steps with bodies are easy to recognise.
 */
export interface CallExpr {
  kind: 'call';
  callee: string;
  args: Arg[];
  closure?: ClosureExpr;
  /** Whether the source used parentheses (`sh('x')` vs `sh 'x'`). */
  parens: boolean;
  span: Span;
}

export interface MethodExpr {
  kind: 'method';
  object: Expr;
  name: string;
  args: Arg[];
  closure?: ClosureExpr;
  safe: boolean;
  spread: boolean;
  span: Span;
}

export interface ClosureExpr {
  kind: 'closure';
  /** Declared parameters; empty with `implicitIt` means the closure takes `it`. */
  params: Param[];
  implicitIt: boolean;
  body: Stmt[];
  span: Span;
}

export interface Param {
  name: string;
  typeName?: string;
  defaultValue?: Expr;
  span: Span;
}

export type UnaryOp = '!' | '-' | '+' | '~' | '++pre' | '--pre' | 'post++' | 'post--';
export interface UnaryExpr {
  kind: 'unary';
  op: UnaryOp;
  operand: Expr;
  span: Span;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '**'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '<=>'
  | '&&'
  | '||'
  | '?:'
  | '=~'
  | '==~'
  | 'in'
  | '!in'
  | 'instanceof'
  | '&'
  | '|'
  | '^'
  | '<<'
  | '>>';
export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}
export interface TernaryExpr {
  kind: 'ternary';
  cond: Expr;
  then: Expr;
  otherwise: Expr;
  span: Span;
}
export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '?=';
export interface AssignExpr {
  kind: 'assign';
  op: AssignOp;
  /** A `var`, `prop` or `index` expression. */
  target: Expr;
  value: Expr;
  span: Span;
}
export interface RangeExpr {
  kind: 'range';
  from: Expr;
  to: Expr;
  exclusive: boolean;
  span: Span;
}
/** `x as Integer`, `(String) x`. */
export interface CastExpr {
  kind: 'cast';
  expr: Expr;
  typeName: string;
  span: Span;
}
/** `new Date()`, `new File(...)`: parsed so the error can name the class. */
export interface NewExpr {
  kind: 'new';
  typeName: string;
  args: Arg[];
  span: Span;
}

export type Stmt =
  | ExprStmt
  | DefStmt
  | IfStmt
  | ForInStmt
  | ForClassicStmt
  | WhileStmt
  | ReturnStmt
  | BreakStmt
  | ContinueStmt
  | TryStmt
  | ThrowStmt
  | SwitchStmt
  | BlockStmt;

export interface ExprStmt {
  kind: 'expr';
  expr: Expr;
  span: Span;
}
/** `def x = 1`, `String x`, `def (a, b) = [1, 2]` (names has several entries). */
export interface DefStmt {
  kind: 'def';
  names: string[];
  typeName?: string;
  init?: Expr;
  span: Span;
}
export interface IfStmt {
  kind: 'if';
  cond: Expr;
  then: Stmt[];
  otherwise?: Stmt[];
  span: Span;
}
export interface ForInStmt {
  kind: 'for-in';
  varName: string;
  iterable: Expr;
  body: Stmt[];
  span: Span;
}
export interface ForClassicStmt {
  kind: 'for-classic';
  init?: Stmt;
  cond?: Expr;
  update?: Expr;
  body: Stmt[];
  span: Span;
}
export interface WhileStmt {
  kind: 'while';
  cond: Expr;
  body: Stmt[];
  span: Span;
}
export interface ReturnStmt {
  kind: 'return';
  value?: Expr;
  span: Span;
}
export interface BreakStmt {
  kind: 'break';
  span: Span;
}
export interface ContinueStmt {
  kind: 'continue';
  span: Span;
}
export interface TryStmt {
  kind: 'try';
  body: Stmt[];
  catches: Array<{ varName: string; typeNames: string[]; body: Stmt[]; span: Span }>;
  finally?: Stmt[];
  span: Span;
}
export interface ThrowStmt {
  kind: 'throw';
  value: Expr;
  span: Span;
}
export interface SwitchStmt {
  kind: 'switch';
  subject: Expr;
  cases: Array<{ values: Expr[]; body: Stmt[]; span: Span }>;
  defaultCase?: Stmt[];
  span: Span;
}
export interface BlockStmt {
  kind: 'block';
  body: Stmt[];
  span: Span;
}

/** A top-level `def name(params) { … }`, callable from `script { }` blocks. */
export interface FunctionDef {
  name: string;
  params: Param[];
  body: Stmt[];
  span: Span;
}
