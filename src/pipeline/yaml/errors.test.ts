import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRigYaml } from './parse.ts';
import { describeAll } from './testing.ts';

test('one pass reports every problem, in source order, each at its line:col', () => {
  const text = `agnet: any
options:
  timeout: 30 minutes
  timestamp: true
environment:
  1BAD: x
stages:
  - name: Build
    stpes: [make]
  - name: Test
    steps:
      - ech: hi
      - sh: make
        label: x
      - 42
  - steps: [x]
  - name: Both
    steps: [x]
    parallel: []
post:
  allways: [x]
`;
  assert.deepEqual(describeAll(text), [
    '1:1 unknown-key unknown key `agnet` in the pipeline',
    '3:12 invalid-value `timeout` must be a duration such as `30m`, `90s` or `1h30m`, or a number',
    '4:3 unknown-key unknown key `timestamp` in `options`',
    '6:3 invalid-value `1BAD` is not a valid variable name',
    '9:5 unknown-key unknown key `stpes` in a stage',
    '12:9 unknown-step unknown step `ech`',
    '14:9 conflicting-keys a step has one key, its name; this one has `sh`, `label`',
    '15:9 wrong-type a step must be a shell command or a mapping such as `echo: hi`, not a number',
    '16:5 missing-key a stage needs a `name`',
    '19:5 conflicting-keys stage `Both` has both `steps` and `parallel`',
    '21:3 unknown-key unknown key `allways` in `post`',
  ]);
});

test('misspellings get a did-you-mean note', () => {
  const result = parseRigYaml(
    'stages:\n  - name: a\n    steps: [{archiveArtifact: x}]\n',
    'r.yaml',
  );
  const [d] = result.diagnostics;
  assert.equal(d?.message, 'unknown step `archiveArtifact`');
  assert.deepEqual(d?.notes, ['did you mean `archiveArtifacts`?']);
  assert.deepEqual(
    { file: d?.span.file, line: d?.span.line, col: d?.span.col, endCol: d?.span.endCol },
    { file: 'r.yaml', line: 3, col: 14, endCol: 29 },
  );
});

test('an unknown key far from any known one lists the choices', () => {
  const [d] = parseRigYaml('stages: [{name: a, steps: [x], zzz: 1}]', 'r.yaml').diagnostics;
  assert.match(d?.notes?.[0] ?? '', /^expected one of: `name`, `agent`, /);
});

test('YAML syntax errors are located and stop before the model', () => {
  assert.deepEqual(describeAll('stages:\n  - name: a\n    steps: [x\n'), [
    '4:1 yaml-syntax flow sequence in block collection must be sufficiently indented and end with a ]',
  ]);
  assert.deepEqual(describeAll('a: 1\na: 2\n'), ['2:1 yaml-syntax duplicate key `a`']);
  assert.deepEqual(describeAll('a: 1\n---\nb: 2\n'), [
    '2:1 yaml-syntax a rig.yaml holds one YAML document; a second one starts here',
  ]);
  assert.deepEqual(describeAll('stages:\n\t- x\n'), [
    '2:1 yaml-syntax tabs are not allowed as indentation',
  ]);
});

test('empty and non-mapping files', () => {
  for (const text of ['', '# nothing\n', '- a\n', 'just text']) {
    assert.deepEqual(describeAll(text), [
      '1:1 wrong-type a rig.yaml is a mapping with at least `stages`',
    ]);
  }
});

test('placeholders: unknown references are refused, shell commands warned about, where written', () => {
  const text = `stages:
  - name: a
    steps:
      - echo: "a \${{ foo.bar }}"
      - "make \${{ env.X }}"
      - echo: |
          line one
          and \${{ params }} here
      - echo: "open \${{ env.X"
`;
  assert.deepEqual(describeAll(text), [
    '4:18 bad-interpolation `${{ foo.bar }}` is not a reference rig.yaml understands',
    '5:15 shell-placeholder rig.yaml does not replace `${{ }}` in shell commands',
    '8:15 bad-interpolation `${{ params }}` is not a reference rig.yaml understands',
    '9:21 bad-interpolation unclosed `${{`: expected `}}`',
  ]);
});

test('agents: scalars other than any/none, conflicting kinds, stray companions', () => {
  const stage = (agent: string) => `agent: ${agent}\nstages: [{name: a, steps: [x]}]\n`;
  assert.deepEqual(describeAll(stage('linux')), [
    '1:8 invalid-value `agent` must be `any`, `none` or a mapping, not `linux`',
  ]);
  assert.deepEqual(describeAll(stage('{docker: x, label: y}')), [
    '1:20 conflicting-keys `agent` has both `docker` and `label`',
  ]);
  assert.deepEqual(describeAll(stage('{label: x, image: y}')), [
    '1:19 conflicting-keys `image` does not go with `agent: {label: …}`',
  ]);
  assert.deepEqual(describeAll(stage('{executor: sandbox, image: x}')), [
    '1:28 conflicting-keys `image` does not go with `executor: sandbox`',
  ]);
  assert.deepEqual(describeAll(stage('{executor: container}')), [
    '1:9 missing-key `executor: container` needs an `image`',
  ]);
  assert.deepEqual(describeAll(stage('{executor: sandbx}')), [
    '1:19 invalid-value `executor` must be one of `host`, `sandbox`, `container`, not `sandbx`',
  ]);
});

test('parameters, matrix and when report their own mistakes', () => {
  const text = `parameters:
  PICK: {type: choice, choices: [a], default: a}
stages:
  - name: m
    matrix:
      axes: {OS: [linux]}
      excludes: [{OZ: mac}]
      stages: [{name: b, steps: [x]}]
  - name: w
    when: {not: {branch: a, tag: b}, beforeAgent: yes}
    steps: [x]
`;
  assert.deepEqual(describeAll(text), [
    '2:38 conflicting-keys a `choice` parameter has no `default`',
    '7:19 unknown-key `OZ` is not an axis of this matrix',
    '10:17 invalid-value `not` takes one condition',
    '10:51 wrong-type `beforeAgent` must be `true` or `false`, not a string',
  ]);
});

test('spans of diagnostics carry the file and a consistent end', () => {
  const { diagnostics } = parseRigYaml('stages: 3\n', 'ci/rig.yaml');
  assert.deepEqual(diagnostics[0]?.span, {
    file: 'ci/rig.yaml',
    line: 1,
    col: 9,
    endLine: 1,
    endCol: 10,
    offset: 8,
    end: 9,
  });
});

test('options of the whole build are refused on a stage', () => {
  const text =
    'stages:\n  - name: a\n    options: {timeout: 5m, buildDiscarder: {numToKeep: 3}}\n    steps: [x]\n';
  assert.deepEqual(describeAll(text), [
    "3:28 option-scope `buildDiscarder` can only be used in the pipeline's options, not in a stage's",
  ]);
});

test('a shell command with `${{` is passed on as written, with a warning', () => {
  const result = parseRigYaml('stages: [{name: a, steps: ["echo ${{ secrets.X }}"]}]', 'r.yaml');
  assert.deepEqual(
    result.diagnostics.map((d) => d.severity),
    ['warning'],
  );
  const body = result.value?.stages[0]?.body;
  const step = body?.kind === 'steps' ? body.steps[0] : undefined;
  const arg = step?.kind === 'step' ? step.args[0]?.value : undefined;
  assert.deepEqual(arg?.kind === 'str' && arg.value, 'echo ${{ secrets.X }}');
});
