import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pipeline, WhenCondition } from '../model/pipeline.ts';
import { parseJenkinsfile } from './index.ts';
import { showExpr, showStmts } from './parser/sexpr.ts';

function pipeline(text: string): Pipeline {
  const r = parseJenkinsfile(text, 'Jenkinsfile');
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`),
    [],
  );
  assert.ok(r.value);
  return r.value;
}

function codes(text: string): string[] {
  return parseJenkinsfile(text, 'Jenkinsfile').diagnostics.map(
    (d) => `${d.span.line}:${d.span.col} ${d.code}`,
  );
}

const STAGES = "stages { stage('a') { steps { echo 'a' } } }";

function withSection(section: string): Pipeline {
  return pipeline(`pipeline {\n agent any\n ${section}\n ${STAGES}\n}`);
}

test('matrix: axes, excludes with values and notValues, per-cell sections', () => {
  const p = pipeline(`pipeline {
  agent none
  stages {
    stage('test') {
      matrix {
        agent { label "\${PLATFORM}" }
        axes {
          axis { name 'PLATFORM'; values 'linux', 'mac' }
          axis {
            name 'GO'
            values '1.21', '1.22'
          }
        }
        excludes {
          exclude {
            axis { name 'PLATFORM'; values 'mac' }
            axis { name 'GO'; notValues '1.22' }
          }
        }
        environment { CGO = '0' }
        stages {
          stage('build') { steps { sh 'go build ./...' } }
          stage('unit') { steps { sh 'go test ./...' } }
        }
        post { always { echo 'cell done' } }
      }
    }
  }
}`);
  const body = p.stages[0]!.body;
  assert.equal(body.kind, 'matrix');
  const m = body.kind === 'matrix' ? body.matrix : undefined;
  assert.deepEqual(
    m?.axes.map((a) => [a.name, a.values]),
    [
      ['PLATFORM', ['linux', 'mac']],
      ['GO', ['1.21', '1.22']],
    ],
  );
  assert.deepEqual(
    m?.excludes[0]?.conditions.map((c) => [c.axis, c.values, c.negate]),
    [
      ['PLATFORM', ['mac'], false],
      ['GO', ['1.22'], true],
    ],
  );
  assert.deepEqual(m?.agent && { ...m.agent, span: undefined }, {
    kind: 'label',
    label: '${PLATFORM}',
    span: undefined,
  });
  assert.deepEqual(
    m?.stages.map((s) => s.name),
    ['build', 'unit'],
  );
  assert.equal(m?.environment[0]?.name, 'CGO');
  assert.equal(m?.post[0]?.condition, 'always');
});

test('matrix errors: missing axes, exclude with both values and notValues', () => {
  assert.deepEqual(
    codes(`pipeline { agent any; stages { stage('m') { matrix {
  excludes { exclude { axis { name 'A'; values 'x'; notValues 'y' } } }
  stages { stage('s') { steps { echo 'x' } } }
} } } }`),
    ['1:45 matrix-axes', '2:24 invalid-exclude'],
  );
});

test('parameters of every kind', () => {
  const p = withSection(`parameters {
    string(name: 'VERSION', defaultValue: '1.0', description: 'version', trim: true)
    text(name: 'NOTES', defaultValue: 'a\\nb')
    booleanParam(name: 'DEPLOY', defaultValue: false)
    choice(name: 'ENV', choices: ['dev', 'prod'], description: 'where')
    choice(name: 'OLD', choices: 'x\\ny')
    password(name: 'PW', defaultValue: '')
    file(name: 'upload.zip')
    credentials(name: 'CRED', credentialType: 'any', required: true)
  }`);
  assert.deepEqual(
    p.parameters.map((x) => [x.kind, x.name, x.defaultValue, x.choices]),
    [
      ['string', 'VERSION', '1.0', undefined],
      ['text', 'NOTES', 'a\nb', undefined],
      ['booleanParam', 'DEPLOY', false, undefined],
      ['choice', 'ENV', 'dev', ['dev', 'prod']],
      ['choice', 'OLD', 'x', ['x', 'y']],
      ['password', 'PW', '', undefined],
      ['file', 'upload.zip', undefined, undefined],
      ['credentials', 'CRED', undefined, undefined],
    ],
  );
  assert.equal(p.parameters[0]!.trim, true);
  assert.deepEqual(
    codes(`pipeline { agent any\nparameters { gitParameter(name: 'B') }\n${STAGES} }`),
    ['2:14 unsupported-parameter'],
  );
});

test('triggers and tools', () => {
  const p = withSection(`triggers {
    cron('H 4 * * 1-5')
    pollSCM('H/15 * * * *')
    upstream(upstreamProjects: 'lib-a, lib-b', threshold: hudson.model.Result.SUCCESS)
    githubPush()
  }
  tools { go 'go-1.22'; jdk "jdk17" }`);
  assert.deepEqual(
    p.triggers.map((t) =>
      t.kind === 'upstream'
        ? [t.kind, t.projects, t.threshold]
        : t.kind === 'other'
          ? [t.kind, t.name]
          : [t.kind, t.spec],
    ),
    [
      ['cron', 'H 4 * * 1-5'],
      ['pollSCM', 'H/15 * * * *'],
      ['upstream', ['lib-a', 'lib-b'], 'SUCCESS'],
      ['other', 'githubPush'],
    ],
  );
  assert.deepEqual(
    p.tools.map((t) => [t.type, t.name]),
    [
      ['go', 'go-1.22'],
      ['jdk', 'jdk17'],
    ],
  );
});

test('input with parameters', () => {
  const p = pipeline(`pipeline {
  agent any
  stages {
    stage('release') {
      input {
        message 'Ship it?'
        ok 'Ship'
        submitter 'alice,bob'
        submitterParameter 'APPROVER'
        parameters { choice(name: 'TARGET', choices: ['eu', 'us']) }
      }
      steps { echo "to \${TARGET}" }
    }
  }
}`);
  const input = p.stages[0]!.input!;
  assert.deepEqual(
    [input.message, input.ok, input.submitter, input.submitterParameter],
    ['Ship it?', 'Ship', 'alice,bob', 'APPROVER'],
  );
  assert.deepEqual(
    input.parameters.map((x) => x.name),
    ['TARGET'],
  );
});

function conditionKinds(c: WhenCondition): unknown {
  switch (c.kind) {
    case 'not':
      return ['not', conditionKinds(c.condition)];
    case 'allOf':
    case 'anyOf':
      return [c.kind, c.conditions.map(conditionKinds)];
    default:
      return c.kind;
  }
}

test('when: every condition and the before* flags', () => {
  const p = pipeline(`pipeline {
  agent any
  stages {
    stage('w') {
      when {
        beforeAgent true
        beforeInput true
        beforeOptions false
        branch pattern: 'release-\\\\d+', comparator: 'REGEXP'
        tag 'v*'
        buildingTag()
        environment name: 'MODE', value: 'full', ignoreCase: true
        equals expected: 2, actual: currentBuild.number
        expression { return params.RUN && env.X != null }
        changeset pattern: 'src/**/*.go', caseSensitive: true
        changelog '.*\\\\[ci full\\\\].*'
        changeRequest target: 'main', comparator: 'GLOB'
        triggeredBy cause: 'UserIdCause', detail: 'alice'
        not { branch 'wip/*' }
        allOf { triggeredBy 'TimerTrigger'; anyOf { tag 'x'; changeRequest() } }
      }
      steps { echo 'x' }
    }
  }
}`);
  const w = p.stages[0]!.when!;
  assert.deepEqual([w.beforeAgent, w.beforeInput, w.beforeOptions], [true, true, false]);
  assert.deepEqual(w.conditions.map(conditionKinds), [
    'branch',
    'tag',
    'buildingTag',
    'environment',
    'equals',
    'expression',
    'changeset',
    'changelog',
    'changeRequest',
    'triggeredBy',
    ['not', 'branch'],
    ['allOf', ['triggeredBy', ['anyOf', ['tag', 'changeRequest']]]],
  ]);
  const [branch, , , env, equals, expr, changeset, changelog, cr, trig] = w.conditions;
  assert.ok(
    branch?.kind === 'branch' &&
      branch.pattern === 'release-\\d+' &&
      branch.comparator === 'REGEXP',
  );
  assert.ok(env?.kind === 'environment' && env.ignoreCase && env.value === 'full');
  assert.ok(equals?.kind === 'equals' && showExpr(equals.actual) === '(. currentBuild number)');
  assert.ok(
    expr?.kind === 'expression' &&
      showStmts(expr.body) === '(return (&& (. params RUN) (!= (. env X) null)))',
  );
  assert.ok(
    changeset?.kind === 'changeset' && changeset.caseSensitive && changeset.comparator === 'GLOB',
  );
  assert.ok(changelog?.kind === 'changelog' && changelog.pattern === '.*\\[ci full\\].*');
  assert.deepEqual(cr?.kind === 'changeRequest' && [cr.filters, cr.comparator], [
    [{ name: 'target', value: 'main' }],
    'GLOB',
  ]);
  assert.ok(
    trig?.kind === 'triggeredBy' && trig.cause === 'UserIdCause' && trig.detail === 'alice',
  );
});

test('when errors: unknown condition with did-you-mean, not with two conditions', () => {
  const r = parseJenkinsfile(
    `pipeline { agent any; stages { stage('w') {
  when { brnach 'main'; not { branch 'a'; branch 'b' } }
  steps { echo 'x' }
} } }`,
    'J',
  );
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.notes]),
    [
      ['unknown-when-condition', 2, 10, ['did you mean `branch`?']],
      ['invalid-when', 2, 25, undefined],
    ],
  );
});

test('libraries: @Library, library step, libraries section', () => {
  const p = pipeline(`@Library('pipeline-lib@v2') _
library 'other-lib'
pipeline {
  agent any
  libraries { lib('third@main') }
  ${STAGES}
}`);
  assert.deepEqual(
    p.libraries.map((l) => [l.name, l.version]),
    [
      ['pipeline-lib', 'v2'],
      ['other-lib', undefined],
      ['third', 'main'],
    ],
  );
  assert.deepEqual(p.prelude, []);
});

test('prelude and functions around the pipeline', () => {
  const p = pipeline(`import groovy.transform.Field
@Field String IMAGE = 'golang:1.22'
def registry = 'ghcr.io'
pipeline {
  agent { docker { image "\${IMAGE}" } }
  ${STAGES}
}
def helper(x) { return x * 2 }`);
  assert.equal(showStmts(p.prelude), '(def String IMAGE "golang:1.22"); (def registry "ghcr.io")');
  assert.deepEqual(
    p.functions.map((f) => f.name),
    ['helper'],
  );
  assert.ok(p.agent.kind === 'docker' && p.agent.image === '${IMAGE}');
});

test('sections: misspellings, duplicates, empty sections, renamed sections', () => {
  assert.deepEqual(
    codes(`pipeline {
  agent any
  enviroment { A = 'b' }
  properties { }
  options { timestamps() }
  options { timestamps() }
  triggers { }
  stages {
    stage('a') {
      stpes { echo 'x' }
      sh 'make'
    }
  }
}`),
    [
      '3:3 unknown-section',
      '4:3 unknown-section',
      '6:3 duplicate-section',
      '7:3 empty-section',
      '9:5 empty-stage',
      '10:7 unknown-section',
      '11:7 unknown-section',
    ],
  );
});

test('environment values follow Jenkins rules', () => {
  assert.deepEqual(
    codes(`pipeline {
  agent any
  environment {
    A = 'a' + "b\${C}"
    B = params.X
    C = sh(script: 'date', returnStdout: true).trim()
    D = 1 + credentials('x')
    A = 'again'
  }
  ${STAGES}
}`),
    ['5:9 invalid-environment', '7:9 invalid-environment', '8:5 duplicate-env'],
  );
});
