/**
 * Forms real public Jenkinsfiles use (see test/corpus): what Rig accepts and
 * how, and what it refuses with a located error that names the construct.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJenkinsfile, parseJenkinsfile } from './index.ts';

const wrap = (steps: string, before = '', sections = ''): string =>
  `${before}\npipeline {\n  agent any\n${sections}\n  stages { stage('s') { steps {\n${steps}\n  } } }\n}\n`;

function diagnostics(text: string): string[] {
  return checkJenkinsfile(text, 'Jenkinsfile').map(
    (d) => `${d.severity} ${d.span.line}:${d.span.col} ${d.code}: ${d.message}`,
  );
}

test('properties([...]) before the pipeline is read as options, parameters and triggers', () => {
  const text = wrap(
    "echo 'hi'",
    `properties([buildDiscarder(logRotator(numToKeepStr: '5')), disableConcurrentBuilds(),
  parameters([string(name: 'X', defaultValue: 'y')]), pipelineTriggers([cron('H 2 * * *')])])`,
    '  options { timestamps() }',
  );
  assert.deepEqual(diagnostics(text), []);
  const p = parseJenkinsfile(text, 'Jenkinsfile').value!;
  assert.equal(p.options.buildDiscarder?.numToKeep, 5);
  assert.ok(p.options.disableConcurrentBuilds && p.options.timestamps);
  assert.deepEqual(
    p.parameters.map((x) => [x.name, x.defaultValue]),
    [['X', 'y']],
  );
  assert.deepEqual(
    p.triggers.map((t) => t.kind),
    ['cron'],
  );
  assert.deepEqual(p.prelude, [], 'properties does not run as a step');
});

test('a [$class: …] job property and properties in script are named errors', () => {
  assert.deepEqual(diagnostics(wrap("echo 'x'", "properties([[$class: 'RebuildSettings']])")), [
    "error 1:13 unsupported-property: `[$class: 'RebuildSettings', …]` in `properties` is a Jenkins job property Rig cannot read; write it as an option, parameter or trigger of the pipeline, or remove it",
  ]);
  const inScript = diagnostics(wrap('script { properties([]) }'));
  assert.equal(inScript.length, 1);
  assert.match(
    inScript[0]!,
    /^error 6:10 unsupported-step: `properties` is not supported by Rig: it changes the job's configuration/,
  );
});

test('println in steps, new Exception and collections in script are accepted', () => {
  const text = wrap(`println 'a'
print "b"
script {
  def l = new ArrayList([1]); def m = new LinkedHashMap()
  if (l.size() > 5) { throw new Exception('too many') }
  throw new hudson.AbortException('stop')
}`);
  assert.deepEqual(diagnostics(text), []);
  const stage = parseJenkinsfile(text, 'Jenkinsfile').value!.stages[0]!;
  assert.equal(stage.body.kind, 'steps');
  if (stage.body.kind === 'steps')
    assert.deepEqual(
      stage.body.steps.map((s) => s.kind),
      ['script', 'script', 'script'],
    );
});

test('plugin variables, JDK classes and rawBuild are refused where they are written', () => {
  const text = wrap(`script {
  docker.image('golang:1.22').inside { sh 'go version' }
  def d = new Date()
  echo currentBuild.rawBuild.getLog(10)
}`);
  assert.deepEqual(diagnostics(text), [
    "error 7:3 unsupported-groovy: `docker.image(…)` uses the Docker Pipeline plugin's `docker` variable, which Rig does not provide; use `agent { docker { image '…' } }` or the docker CLI in `sh`",
    "error 8:11 unsupported-groovy: `new Date(…)` creates a Java object, which is outside Rig's Groovy subset",
    "error 9:8 unsupported-groovy: `currentBuild.rawBuild` is Jenkins' internal build object, which Rig does not have",
  ]);
});

test('values Jenkins computes at start: tools keep ${…}, abortPrevious is reported, constants resolve', () => {
  const text = wrap(
    "echo 'x'",
    "def LEVELS = ['info', LOUD]\nLOUD = 'debug'",
    `  tools { jdk params.JDK }
  options { disableConcurrentBuilds(abortPrevious: isPr()) }
  parameters { choice(name: 'LEVEL', choices: LEVELS) }`,
  );
  assert.deepEqual(diagnostics(text), [
    'warning 6:52 dynamic-option: `abortPrevious` is computed at run time; Rig keeps `false` (a new build does not abort the running one)',
  ]);
  const p = parseJenkinsfile(text, 'Jenkinsfile').value!;
  assert.equal(p.tools[0]!.name, '${params.JDK}');
  assert.deepEqual(p.parameters[0]!.choices, ['info', 'debug']);
});

test('failFast without parallel is a warning, as Jenkins ignores it', () => {
  const text = `pipeline { agent any; stages { stage('s') { failFast true; steps { echo 'x' } } } }`;
  assert.deepEqual(diagnostics(text), [
    'warning 1:32 fail-fast: `failFast` has no effect here: it only applies to a stage with `parallel` or `matrix`',
  ]);
});

test('files without a pipeline: a library entry call and top-level parallel are named', () => {
  assert.deepEqual(diagnostics('// lib\nbuildPlugin(useContainerAgent: true)\n'), [
    'error 2:1 no-pipeline: no `pipeline { … }` block found: the file only calls `buildPlugin(…)`, which is not a step Rig knows (a shared-library step that defines the pipeline?); Rig runs declarative Jenkinsfiles and does not load shared libraries',
  ]);
  const scripted = diagnostics("parallel(a: { sh 'x' }, b: { sh 'y' })\n");
  assert.equal(scripted.length, 1);
  assert.match(
    scripted[0]!,
    /^error 1:1 scripted-pipeline: this is a scripted pipeline: it runs `parallel\(…\)`/,
  );
});
