import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { lex } from './lexer.ts';
import { Source } from './source.ts';
import type { Token } from './tokens.ts';

function tokens(text: string): { toks: Token[]; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const toks = lex(new Source(text, 'J'), diags);
  return { toks: toks.slice(0, -1), diags };
}

function only(text: string): Token {
  const { toks, diags } = tokens(text);
  assert.deepEqual(diags, []);
  assert.equal(toks.length, 1, `one token in ${text}`);
  return toks[0]!;
}

test('single-quoted strings keep $ and only resolve Groovy escapes', () => {
  const t = only("'echo $HOME ${x} \\'q\\' \\\\ \\n'");
  assert.equal(t.kind, 'str');
  assert.equal(t.text, "echo $HOME ${x} 'q' \\ \n");
  assert.equal(t.extra?.quote, 'single');
});

test('triple-single strings span lines untouched', () => {
  const t = only("'''\nset -e\necho $A\n'''");
  assert.equal(t.kind, 'str');
  assert.equal(t.text, '\nset -e\necho $A\n');
  assert.equal(t.extra?.quote, 'triple-single');
});

test('double-quoted strings without $ are plain strings', () => {
  const t = only('"make \\"all\\" \\$HOME"');
  assert.equal(t.kind, 'str');
  assert.equal(t.extra?.quote, 'double');
  assert.equal(t.text, 'make "all" $HOME');
});

test('GStrings split into text, ${…} tokens and $name.path parts', () => {
  const t = only('"v=${a + 1} at $env.BRANCH_NAME.x() done"');
  assert.equal(t.kind, 'gstr');
  const parts = t.extra!.parts!;
  assert.deepEqual(
    parts.map((p) => p.kind),
    ['text', 'expr', 'text', 'path', 'text'],
  );
  const expr = parts[1]!;
  assert.ok(expr.kind === 'expr');
  assert.deepEqual(
    expr.tokens.map((x) => x.text),
    ['a', '+', '1'],
  );
  const path = parts[3]!;
  assert.ok(path.kind === 'path');
  assert.deepEqual(
    path.names.map((n) => n.name),
    ['env', 'BRANCH_NAME', 'x'],
  );
  const tail = parts[4]!;
  assert.ok(tail.kind === 'text');
  assert.equal(tail.text, '() done');
});

test('a GString may nest strings inside ${…}', () => {
  const t = only('"a ${m["k"] ?: "}"} b"');
  assert.equal(t.kind, 'gstr');
  assert.equal(t.extra!.parts!.length, 3);
});

test('slashy strings where a value may start, division after a value', () => {
  const { toks } = tokens('x =~ /a\\/b$/\ny = a / b / c');
  const slashy = toks[2]!;
  assert.equal(slashy.kind, 'str');
  assert.equal(slashy.extra?.quote, 'slashy');
  assert.equal(slashy.text, 'a/b$');
  assert.deepEqual(
    toks.slice(3).map((t) => t.text),
    ['y', '=', 'a', '/', 'b', '/', 'c'],
  );
});

test('dollar-slashy strings', () => {
  const t = only('$/C:\\path $$x $/ /$');
  assert.equal(t.kind, 'str');
  assert.equal(t.text, 'C:\\path $x / ');
});

test('numbers with suffixes, radixes, separators; ranges stay ranges', () => {
  const { toks, diags } = tokens('10L 1.5f 0x1F 1_000 2e3 1..5');
  assert.deepEqual(diags, []);
  assert.deepEqual(
    toks.map((t) => (t.kind === 'num' ? t.extra?.num : t.text)),
    [10, 1.5, 31, 1000, 2000, 1, '..', 5],
  );
});

test('comments, shebang and newline flags', () => {
  const { toks } = tokens('#!/usr/bin/env groovy\na /* x\ny */ b // c\nc /* d */ e');
  assert.deepEqual(
    toks.map((t) => [t.text, t.nl]),
    [
      ['a', true],
      ['b', true],
      ['c', true],
      ['e', false],
    ],
  );
});

test('operators take the longest match; !in needs a word boundary', () => {
  const { toks } = tokens('a ?.b ?: c !in d ==~ e !inside');
  assert.deepEqual(
    toks.map((t) => t.text),
    ['a', '?.', 'b', '?:', 'c', '!in', 'd', '==~', 'e', '!', 'inside'],
  );
});

test('lexical errors are located diagnostics, and lexing reaches the end', () => {
  const { toks, diags } = tokens("sh 'a\\d'\necho \"unterminated\nx /* never");
  assert.deepEqual(
    diags.map((d) => [d.code, d.span.line, d.span.col]),
    [
      ['invalid-escape', 1, 6],
      ['unterminated-string', 2, 6],
      ['unterminated-comment', 3, 3],
    ],
  );
  assert.equal(toks[toks.length - 1]!.text, 'x');
});

test('a $ that starts nothing in a double-quoted string is an error, as in Groovy', () => {
  const { diags } = tokens('"costs $5"');
  assert.deepEqual(
    diags.map((d) => d.code),
    ['invalid-dollar'],
  );
});
