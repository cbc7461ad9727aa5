/**
 * Declarations: `def x = …`, `String x`, `def (a, b) = …`, top-level
 * functions (`def f(x) { … }`, `@NonCPS`), annotations (`@Library`,
 * `@Field`, `@Grab`), `import`, and the class-like declarations Rig refuses.
 */
import type { Arg, DefStmt, FunctionDef, Stmt } from '../../model/groovy.ts';
import { KEYWORDS } from '../tokens.ts';
import { parseParenArgs } from './args.ts';
import { parseCommandOrExpr } from './expr.ts';
import { parseParams } from './params.ts';
import type { ParserState, StmtResult } from './state.ts';
import { isTypeName, parseType, scanType, typeThenName } from './types.ts';

const MODIFIERS = new Set([
  'final',
  'static',
  'private',
  'public',
  'protected',
  'synchronized',
  'abstract',
  'transient',
  'volatile',
]);
const CLASS_LIKE = new Set(['class', 'interface', 'enum', 'trait']);
/** Annotations with no effect on what a pipeline does. */
const HARMLESS_ANNOTATIONS = new Set([
  'Field',
  'NonCPS',
  'SuppressWarnings',
  'Override',
  'CompileStatic',
  'TypeChecked',
  'CompileDynamic',
  'Whitelisted',
]);

function endsDeclarator(p: ParserState, j: number): boolean {
  const t = p.tokens.get(j);
  if (t.nl || t.kind === 'eof') return true;
  return t.kind === 'punct' && ['=', ';', ',', '(', '}'].includes(t.text);
}

/** `def …`, modifiers, or `Type name` followed by `=`, `(`, `,`, `;` or a line end. */
export function looksLikeDeclaration(p: ParserState): boolean {
  const t = p.tok;
  if (t.text === 'def' || MODIFIERS.has(t.text)) return true;
  if (!isTypeName(t)) return false;
  const end = scanType(p, p.i);
  const name = p.tokenAt(end);
  if (end < 0 || !name || name.kind !== 'ident' || name.nl || KEYWORDS.has(name.text)) return false;
  return endsDeclarator(p, end + 1);
}

export function parseDeclaration(p: ParserState): StmtResult {
  const start = p.tok.start;
  let sawDef = false;
  while (MODIFIERS.has(p.tok.text) || p.at('def')) {
    if (p.at('def')) sawDef = true;
    p.next();
  }
  // `def <T> name(…)`: generic functions; the type parameters do not matter here.
  if (p.at('<')) while (!p.atEnd() && !p.eat('>')) p.next();
  if (CLASS_LIKE.has(p.tok.text)) return refuseClassLike(p);
  if (sawDef && p.at('(')) return parseMultiDef(p, start);
  let typeName: string | undefined;
  if (typeThenName(p)) typeName = parseType(p, 'in the declaration');
  const nameTok = p.expectIdent('in the declaration');
  if (p.at('(')) return parseFunction(p, start, nameTok.text);
  const stmts: Stmt[] = [declarator(p, start, nameTok.text, typeName)];
  while (p.eat(',')) {
    const s = p.tok.start;
    stmts.push(declarator(p, s, p.expectIdent('in the declaration').text, typeName));
  }
  return stmts.length === 1 ? stmts[0] : stmts;
}

function declarator(
  p: ParserState,
  start: number,
  name: string,
  typeName: string | undefined,
): DefStmt {
  const stmt: DefStmt = { kind: 'def', names: [name], span: p.spanFrom(start) };
  if (typeName !== undefined) stmt.typeName = typeName;
  if (p.eat('=')) stmt.init = parseCommandOrExpr(p);
  stmt.span = p.spanFrom(start);
  return stmt;
}

function parseMultiDef(p: ParserState, start: number): Stmt {
  p.next();
  const names = p.withNewlines(false, () => {
    const out: string[] = [];
    while (!p.at(')')) {
      if (typeThenName(p)) parseType(p, 'in the declaration');
      out.push(p.expectIdent('in the declaration').text);
      if (!p.eat(',')) break;
    }
    p.expect(')', 'to close the names');
    return out;
  });
  const stmt: DefStmt = { kind: 'def', names, span: p.spanFrom(start) };
  if (p.eat('=')) stmt.init = parseCommandOrExpr(p);
  stmt.span = p.spanFrom(start);
  return stmt;
}

function parseFunction(p: ParserState, start: number, name: string): undefined {
  const nameSpan = p.spanFrom(start);
  p.next();
  const params = p.withNewlines(false, () => parseParams(p, ')'));
  p.expect(')', 'to close the parameters');
  if (p.eat('throws')) {
    do parseType(p, 'after `throws`');
    while (p.eat(','));
  }
  if (!p.at('{')) p.expect('{', `to open the body of \`${name}\``);
  const body = p.g.body(p);
  const fn: FunctionDef = { name, params, body, span: p.spanFrom(start) };
  if (p.nested) {
    p.error(
      'syntax',
      `functions can only be defined at the top level of the Jenkinsfile, not inside a block (\`${name}\`)`,
      nameSpan,
    );
  } else {
    p.functions.push(fn);
  }
  return undefined;
}

function refuseClassLike(p: ParserState): undefined {
  const kw = p.next();
  const name = p.tok.kind === 'ident' ? p.tok.text : '';
  p.error(
    'unsupported-groovy',
    `${kw.text} declarations${name ? ` (\`${name}\`)` : ''} are not supported: Rig runs a Groovy subset without classes`,
    p.spanFrom(kw.start),
  );
  while (!p.at('{') && !p.atEnd()) p.next();
  if (p.at('{')) p.skipGroup();
  return undefined;
}

/** `import`, `package` and class-like declarations, which only make sense at the top. */
export function parseTopLevelOnly(p: ParserState): StmtResult {
  const t = p.tok;
  if (CLASS_LIKE.has(t.text)) return refuseClassLike(p);
  if (p.nested) p.error('syntax', `\`${t.text}\` is only allowed at the top level`, p.tokenSpan(t));
  p.next();
  // Imports bring Java/Groovy classes into scope; Rig's subset has no use for them.
  while (!p.atEnd() && !p.tok.nl && !p.at(';') && !p.at('}')) p.next();
  return undefined;
}

/** `@Name(args)` annotations, then the statement they annotate. */
export function parseAnnotated(p: ParserState): StmtResult {
  while (p.at('@')) {
    const at = p.next();
    if (p.at('interface')) return refuseClassLike(p);
    const name = parseType(p, 'after `@`');
    const args = p.at('(') && !p.tok.nl ? parseParenArgs(p) : [];
    applyAnnotation(p, name.replace(/^.*\./, ''), args, at.start);
  }
  if (p.at('_')) {
    p.next();
    return undefined;
  }
  if (p.atEnd() || p.at('}')) return undefined;
  return p.g.statement(p);
}

function applyAnnotation(p: ParserState, name: string, args: Arg[], start: number): void {
  const span = p.spanFrom(start);
  if (name === 'Library') {
    for (const arg of args) addLibraries(p, arg);
    return;
  }
  if (name.startsWith('Grab')) {
    p.error(
      'unsupported-groovy',
      `\`@${name}\` downloads code when the script is compiled; Rig does not support it`,
      span,
    );
    return;
  }
  if (!HARMLESS_ANNOTATIONS.has(name)) {
    p.warn('ignored-annotation', `the annotation \`@${name}\` has no effect in Rig`, span);
  }
}

function addLibraries(p: ParserState, arg: Arg): void {
  const value = arg.value.kind === 'assign' ? arg.value.value : arg.value;
  if (
    arg.value.kind === 'assign' &&
    arg.value.target.kind === 'var' &&
    arg.value.target.name !== 'value'
  )
    return;
  if (arg.name !== undefined && arg.name !== 'value') return;
  const items = value.kind === 'list' ? value.items : [value];
  for (const item of items) {
    if (item.kind !== 'str') {
      p.error('syntax', '`@Library` expects a library name as a string literal', item.span);
      continue;
    }
    const at = item.value.indexOf('@');
    p.libraries.push(
      at < 0
        ? { name: item.value, span: item.span }
        : { name: item.value.slice(0, at), version: item.value.slice(at + 1), span: item.span },
    );
  }
}
