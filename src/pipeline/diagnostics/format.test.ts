import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJenkinsfile } from '../jenkinsfile/index.ts';
import { error, warning } from './diagnostic.ts';
import { diagnosticsToJson, formatDiagnostic, formatDiagnostics, summary } from './format.ts';

const span = (line: number, col: number, endCol: number, offset = 0) => ({
  file: 'Jenkinsfile',
  line,
  col,
  endLine: line,
  endCol,
  offset,
  end: offset + endCol - col,
});

test('file:line:col, the source line, a caret under the span, notes', () => {
  const src = 'pipeline {\n  stpes {\n  }\n}\n';
  const d = error('unknown-section', '`stpes` is not a section', span(2, 3, 8, 13), [
    'did you mean `steps`?',
  ]);
  assert.equal(
    formatDiagnostic(d, src),
    [
      'Jenkinsfile:2:3: error: `stpes` is not a section [unknown-section]',
      '  |',
      '2 |   stpes {',
      '  |   ^~~~~',
      '  = note: did you mean `steps`?',
    ].join('\n'),
  );
});

test('tabs are kept so the caret lines up; empty spans get one caret', () => {
  const src = '\t\tsh "x"\n';
  const out = formatDiagnostic(warning('w', 'careful', span(1, 3, 3, 2)), src).split('\n');
  assert.equal(out[3], '  | \t\t^');
});

test('without source text there is no frame; colour wraps the parts in ANSI codes', () => {
  const d = error('e', 'broken', span(10, 1, 4));
  assert.equal(formatDiagnostic(d, undefined), 'Jenkinsfile:10:1: error: broken [e]');
  assert.ok(formatDiagnostic(d, 'x\n'.repeat(12), { color: true }).includes('\u001b[31m'));
});

test('a whole report ends with a summary; JSON keeps positions and notes', () => {
  const text = "pipeline {\n  agent any\n  stages { stage('a') { steps { shh 'x' } } }\n}\n";
  const ds = checkJenkinsfile(text, 'Jenkinsfile');
  const out = formatDiagnostics(ds, () => text);
  assert.match(out, /^Jenkinsfile:3:33: error: unknown step `shh` \[unknown-step\]/);
  assert.match(out, /\^~~\n/);
  assert.match(out, /= note: did you mean `sh`\?/);
  assert.ok(out.endsWith('1 error\n'));
  assert.deepEqual(diagnosticsToJson(ds), [
    {
      severity: 'error',
      code: 'unknown-step',
      message: 'unknown step `shh`',
      file: 'Jenkinsfile',
      line: 3,
      col: 33,
      endLine: 3,
      endCol: 36,
      notes: ['did you mean `sh`?'],
    },
  ]);
  assert.equal(summary([...ds, warning('w', 'x', span(1, 1, 1))]), '1 error, 1 warning');
});
