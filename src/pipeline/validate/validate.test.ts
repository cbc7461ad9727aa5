import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJenkinsfile } from '../jenkinsfile/index.ts';
import { syntheticSpan } from '../model/span.ts';
import type { Pipeline } from '../model/pipeline.ts';
import { validatePipeline } from './index.ts';

function model(text: string): Pipeline {
  const r = parseJenkinsfile(text, 'Jenkinsfile');
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  return r.value!;
}

function check(text: string): string[] {
  return validatePipeline(model(text)).map((d) => `${d.span.line}:${d.span.col} ${d.code}`);
}

function notes(text: string): string[][] {
  return validatePipeline(model(text)).map((d) => [d.message, ...(d.notes ?? [])]);
}

const wrap = (steps: string, extra = ''): string =>
  `pipeline {\n  agent any\n${extra}  stages {\n    stage('s') {\n      steps {\n${steps}\n      }\n    }\n  }\n}`;

test('a sound pipeline has no findings', () => {
  assert.deepEqual(check(wrap("        sh 'make'\n        junit 'out/*.xml'")), []);
});

test('the agent and stages sections are required', () => {
  assert.deepEqual(check("pipeline {\n  stages { stage('a') { steps { echo 'a' } } }\n}"), [
    '1:1 missing-agent',
  ]);
  const p = model("pipeline { agent any\nstages { stage('a') { steps { echo 'a' } } } }");
  assert.deepEqual(
    validatePipeline({ ...p, stages: [], agent: { kind: 'none', span: syntheticSpan('J') } }).map(
      (d) => d.code,
    ),
    ['missing-agent', 'no-stages'],
  );
});

test('unknown steps: did you mean, libraries, functions', () => {
  assert.deepEqual(notes(wrap("        shh 'make'")), [
    ['unknown step `shh`', 'did you mean `sh`?'],
  ]);
  assert.deepEqual(notes(`@Library('ci-lib') _\n` + wrap('        deployToProd()')), [
    [
      'unknown step `deployToProd`',
      'it may come from the shared library (ci-lib); Rig does not load shared libraries',
    ],
  ]);
  assert.deepEqual(check(wrap('        bump()') + '\ndef bump() { echo "x" }'), []);
});

test('unsupported steps name the reason', () => {
  const [finding] = notes(wrap("        bat 'build.cmd'"));
  assert.match(finding![0]!, /`bat` is not supported by Rig: it Rig runs on Linux|Windows/);
  assert.deepEqual(check(wrap("        script { build job: 'other' }")), ['6:18 unsupported-step']);
  assert.deepEqual(check(wrap("        readJSON file: 'x.json'")), ['6:9 unsupported-step']);
});

test('step parameters and bodies are checked against the catalog', () => {
  assert.deepEqual(
    check(
      wrap(`        sh scirpt: 'make'
        archiveArtifacts artifacts: 'a', fingerprnt: true
        echo 'a', 'b'
        timeout(time: '5') { sh 'x' }
        dir('x')
        echo('x') { sh 'y' }
        writeFile file: 'a'`),
    ),
    [
      '6:9 missing-step-parameter',
      '6:12 unknown-step-parameter',
      '7:42 unknown-step-parameter',
      '8:19 step-arguments',
      '9:23 step-parameter-type',
      '10:9 missing-step-body',
      '11:9 unexpected-step-body',
      '12:9 missing-step-parameter',
    ],
  );
  assert.deepEqual(notes(wrap("        sh scirpt: 'make', returnStdout: true"))[1], [
    '`sh` has no parameter `scirpt`',
    'did you mean `script`?',
  ]);
});

test('the parallel step must be alone and take closures', () => {
  assert.deepEqual(
    check(wrap("        parallel a: { echo 'a' }, b: { echo 'b' }, failFast: true")),
    [],
  );
  assert.deepEqual(
    check(wrap("        echo 'x'\n        parallel a: { echo 'a' }, failFast: 'yes', c: 'no'")),
    ['7:9 parallel-step', '7:45 step-parameter-type', '7:52 parallel-step'],
  );
});

test('duplicate sibling stages, empty steps, nested parallel, agent on a parallel stage', () => {
  assert.deepEqual(
    check(`pipeline {
  agent any
  stages {
    stage('a') { steps { echo 'a' } }
    stage('a') { steps { echo 'b' } }
    stage('p') {
      agent any
      parallel {
        stage('x') { steps { echo 'x' } }
        stage('y') {
          parallel {
            stage('z') { steps { echo 'z' } }
          }
        }
      }
    }
  }
}`),
    ['5:5 duplicate-stage', '7:7 agent-on-parallel', '11:11 nested-parallel'],
  );
});

test('workspace steps need an agent when the pipeline has agent none', () => {
  const text = `pipeline {
  agent none
  stages {
    stage('plan') { steps { echo 'no node needed' } }
    stage('build') { steps { sh 'make' } }
    stage('test') {
      agent { label 'linux' }
      steps { sh 'make test' }
    }
    stage('script') { steps { script { if (true) { sh 'x' } } } }
  }
  post { always { junit 'x.xml' } }
}`;
  const found = validatePipeline(model(text)).map(
    (d) => `${d.span.line}:${d.span.col} ${d.severity} ${d.code}`,
  );
  assert.deepEqual(found, [
    '5:30 error no-agent',
    '10:52 error no-agent',
    '12:19 warning no-agent',
  ]);
});

test('matrix excludes must name declared axes', () => {
  assert.deepEqual(
    check(`pipeline {
  agent any
  stages {
    stage('m') {
      matrix {
        axes {
          axis { name 'OS'; values 'linux', 'mac', 'linux' }
        }
        excludes {
          exclude { axis { name 'ARCH'; values 'arm' } }
          exclude { axis { name 'OS'; values 'windows' } }
        }
        stages { stage('b') { steps { echo "\${OS}" } } }
      }
    }
  }
}`),
    ['7:11 duplicate-axis-value', '10:21 unknown-axis', '11:21 unknown-axis-value'],
  );
});

test('constructs outside the Groovy subset are named', () => {
  const found = notes(
    wrap(`        script {
          def d = new Date()
          def out = 'ls'.execute().text
          Jenkins.instance.getItem('x')
          evaluate('1 + 1')
          String.metaClass.shout = { -> 1 }
        }`),
  ).map((n) => n[0]);
  assert.deepEqual(found, [
    "`new Date(…)` creates a Java object, which is outside Rig's Groovy subset",
    "`.execute()` starts a process outside any step, which is outside Rig's Groovy subset; use `sh`",
    'the Jenkins internal API (`Jenkins.instance`) is not available in Rig',
    "`evaluate(…)` compiles code at run time, which is outside Rig's Groovy subset",
    "metaclass changes are outside Rig's Groovy subset",
  ]);
});
