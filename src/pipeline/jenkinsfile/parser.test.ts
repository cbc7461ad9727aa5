import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseScript, type Script } from './parser/script.ts';
import { showStmts } from './parser/sexpr.ts';
import { Source } from './source.ts';

function parse(text: string): { script: Script; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const script = parseScript(new Source(text, 'J'), diags);
  return { script, diags };
}

/** The statements of `text` as S-expressions; fails on any diagnostic. */
function show(text: string): string {
  const { script, diags } = parse(text);
  assert.deepEqual(
    diags.map((d) => `${d.span.line}:${d.span.col} ${d.message}`),
    [],
  );
  return showStmts(script.body);
}

function codes(text: string): string[] {
  return parse(text).diags.map((d) => `${d.span.line}:${d.span.col} ${d.code}`);
}

test('operator precedence follows Groovy', () => {
  assert.equal(show('a || b && c == d + e * f'), '(|| a (&& b (== c (+ d (* e f)))))');
  assert.equal(show('x = a ? b : c ?: d'), '(= x (? a b (?: c d)))');
  assert.equal(show('-a ** 2'), '(- (** a 2))');
  assert.equal(show('!a.b && c in [1, 2]'), '(&& (! (. a b)) (in c [1 2]))');
  assert.equal(show('s ==~ /x+/ || s =~ "y"'), '(|| (==~ s "x+") (=~ s "y"))');
  assert.equal(show('0..<n - 1'), '(..< 0 (- n 1))');
  assert.equal(show('x as Integer + 1'), '(+ (as x Integer) 1)');
  assert.equal(show('(String) x'), '(as x String)');
  assert.equal(show('a - b - c'), '(- (- a b) c)');
});

test('command calls without parentheses', () => {
  assert.equal(show("sh 'make'"), '(call sh "make")');
  assert.equal(
    show("sh script: 'ls', returnStdout: true"),
    '(call sh script:"ls" returnStdout:true)',
  );
  assert.equal(
    show("buildDiscarder logRotator(numToKeepStr: '10')"),
    '(call buildDiscarder (call logRotator numToKeepStr:"10"))',
  );
  assert.equal(show("values 'a', 'b',\n  'c'"), '(call values "a" "b" "c")');
  assert.equal(show('agent any'), '(call agent any)');
  assert.equal(show('beforeAgent true'), '(call beforeAgent true)');
  assert.equal(
    show("def out = sh returnStdout: true, script: 'x'"),
    '(def out (call sh returnStdout:true script:"x"))',
  );
  assert.equal(show('echo x\ny'), '(call echo x); y');
});

test('calls with parentheses, trailing closures, and closures on the next line', () => {
  assert.equal(show("dir('x') { sh 'a' }"), '(call dir "x" { (call sh "a")})');
  assert.equal(
    show("stage('x')\n{\n  steps { echo 'a' }\n}"),
    '(call stage "x" { (call steps { (call echo "a")})})',
  );
  assert.equal(show('pipeline {\n}'), '(call pipeline { })');
  assert.equal(show('list.each { k, v -> echo k }'), '(.each list {k,v -> (call echo k)})');
  assert.equal(show('c(1)(2)'), '(.call (call c 1) 2)');
  assert.equal(
    show("timeout(time: 5, unit: 'MINUTES') {\n  retry(3) { sh 'x' }\n}"),
    '(call timeout time:5 unit:"MINUTES" { (call retry 3 { (call sh "x")})})',
  );
});

test('member access, safe navigation, spread, indexing, chains across lines', () => {
  assert.equal(show('a?.b.c()'), '(.c (?. a b))');
  assert.equal(show('files*.name'), '(*. files name)');
  assert.equal(show("env['X'][0]"), '(index (index env "X") 0)');
  assert.equal(
    show("x.split('\\n')\n  .findAll { it }\n  .size()"),
    '(.size (.findAll (.split x "\\n") { it}))',
  );
  assert.equal(show("params.'my-name'"), '(. params my-name)');
  assert.equal(show('x++'), '(post++ x)');
});

test('lists, maps and closures', () => {
  assert.equal(show('x = [:]'), '(= x [:])');
  assert.equal(show("m = [a: 1, 'b c': 2, (k): 3]"), '(= m ["a": 1, "b c": 2, k: 3])');
  assert.equal(show('l = [1, [2, 3], ]'), '(= l [1 [2 3]])');
  assert.equal(show('c = { -> 1 }'), '(= c { -> 1})');
  assert.equal(show('c = { String s, int n = 2 -> s * n }'), '(= c {s,n -> (* s n)})');
  assert.equal(show('c = { it.trim() }'), '(= c { (.trim it)})');
});

test('GStrings become expressions', () => {
  assert.equal(
    show('echo "a ${b.c(1)} $d.e f"'),
    '(call echo (gstr "a " (.c b 1) " " (. d e) " f"))',
  );
  assert.equal(show('echo "${}"'), '(call echo (gstr null))');
});

test('declarations and functions', () => {
  assert.equal(
    show('def x\nString y = "a"\nfinal int z = 1'),
    '(def x); (def String y "a"); (def int z 1)',
  );
  assert.equal(show('def (a, b) = [1, 2]'), '(def a,b [1 2])');
  assert.equal(show('List<Map<String, String>> l = []'), '(def List<Map<String,String>> l [])');
  const { script } = parse('@NonCPS\ndef f(String a, b = 1) { return a }\nvoid g() {}\nx = f(1)');
  assert.deepEqual(
    script.functions.map((f) => [f.name, f.params.map((p) => p.name)]),
    [
      ['f', ['a', 'b']],
      ['g', []],
    ],
  );
  assert.equal(showStmts(script.body), '(= x (call f 1))');
});

test('annotations: @Library references, @Field, imports', () => {
  const { script, diags } = parse(
    "@Library(['lib-a@1.2', 'lib-b']) _\n@Library('c') import foo.Bar\nimport static x.Y.*\n@Field def z = 1",
  );
  assert.deepEqual(diags, []);
  assert.deepEqual(
    script.libraries.map((l) => [l.name, l.version]),
    [
      ['lib-a', '1.2'],
      ['lib-b', undefined],
      ['c', undefined],
    ],
  );
  assert.equal(showStmts(script.body), '(def z 1)');
});

test('control flow', () => {
  assert.equal(
    show('if (a) b()\nelse if (c) { d() } else e()'),
    '(if a {(call b)} {(if c {(call d)} {(call e)})})',
  );
  assert.equal(show('for (x in xs) { echo x }'), '(for x xs {(call echo x)})');
  assert.equal(show('for (String x : xs) echo x'), '(for x xs {(call echo x)})');
  assert.equal(
    show('for (int i = 0; i < 3; i++) { echo i }'),
    '(for (def int i 0) (< i 3) (post++ i) {(call echo i)})',
  );
  assert.equal(show('while (n > 0) n--'), '(while (> n 0) {(post-- n)})');
  assert.equal(
    show(
      'try { a() } catch (IOException | InterruptedException e) { b() } catch (err) {} finally { c() }',
    ),
    '(try {(call a)} (catch IOException|InterruptedException e {(call b)}) (catch  err {}) (finally {(call c)}))',
  );
  assert.equal(
    show("switch (x) {\n case 'a':\n case 'b':\n  y()\n  break\n default:\n  z()\n}"),
    '(switch x (case "a" "b" {(call y); (break)}) (default {(call z)}))',
  );
  assert.equal(show('return'), '(return)');
  assert.equal(show("throw new Exception('x')"), '(throw (new Exception "x"))');
});

test('syntax errors are located and recovery continues with the next statement', () => {
  assert.deepEqual(codes('a = 1 + * 2\nb = 2\nc = 3 3\nd = 4'), ['1:9 syntax', '3:7 syntax']);
  assert.equal(
    showStmts(parse('a = 1 + * 2\nb = 2\nc = 3 3\nd = 4').script.body),
    '(= b 2); (= c 3); (= d 4)',
  );
  assert.deepEqual(codes('sh "a" "b"\necho 1'), ['1:8 syntax']);
  const { script } = parse('x = = 1\ny = 2');
  assert.equal(showStmts(script.body), '(= y 2)');
});

test('outside the subset: classes and @Grab are named', () => {
  assert.deepEqual(codes("class Foo { def x }\n@Grab('a:b:1')\nimport a.B"), [
    '1:1 unsupported-groovy',
    '2:1 unsupported-groovy',
  ]);
  assert.deepEqual(codes('do { x() } while (y)'), ['1:1 unsupported-groovy']);
});

test('functions may only be defined at the top level', () => {
  assert.deepEqual(codes('node {\n  def f() { 1 }\n}'), ['2:3 syntax']);
});

test('deep nesting is an error, not a stack overflow', () => {
  const text = 'x = ' + '('.repeat(5000) + '1' + ')'.repeat(5000);
  assert.ok(codes(text).some((c) => c.endsWith('too-deep')));
});
