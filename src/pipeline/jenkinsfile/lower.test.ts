import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pipeline, Stage, Step } from '../model/pipeline.ts';
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

function errors(text: string): string[] {
  return parseJenkinsfile(text, 'Jenkinsfile').diagnostics.map(
    (d) => `${d.span.line}:${d.span.col} ${d.code}`,
  );
}

function showSteps(steps: Step[]): string {
  return steps
    .map((s) =>
      s.kind === 'script'
        ? `script{${showStmts(s.body)}}`
        : `${s.name}(${s.args.map((a) => (a.name ? `${a.name}:` : '') + showExpr(a.value)).join(' ')})${s.body ? `{${showSteps(s.body)}}` : ''}`,
    )
    .join('; ');
}

function stepsOf(stage: Stage): string {
  assert.equal(stage.body.kind, 'steps');
  return showSteps(stage.body.kind === 'steps' ? stage.body.steps : []);
}

const SEED = `pipeline {
    agent {
        label 'vagrant'
    }
    options {
        timeout(time: 30, unit: 'MINUTES')
    }
    stages {
        stage('Build') {
            environment {
                MEMORY = '4096'
                RUN_TEST_SUITE = '1'
            }
            steps {
                sh './contrib/vagrant/start.sh'
            }
        }
    }
    post {
        always {
            sh 'vagrant destroy -f'
        }
    }
}
`;

test("the seed's pipeline (repaired) lowers to the model", () => {
  const p = pipeline(SEED);
  assert.deepEqual(p.agent, { kind: 'label', label: 'vagrant', span: p.agent.span });
  assert.equal(p.options.timeout?.ms, 30 * 60_000);
  assert.equal(p.options.timeout?.activity, false);
  const [build] = p.stages;
  assert.equal(build?.name, 'Build');
  assert.deepEqual(
    build!.environment.map((e) => [
      e.name,
      e.value.kind === 'expr' ? showExpr(e.value.expr) : e.value.id,
    ]),
    [
      ['MEMORY', '"4096"'],
      ['RUN_TEST_SUITE', '"1"'],
    ],
  );
  assert.equal(stepsOf(build!), 'sh("./contrib/vagrant/start.sh")');
  assert.deepEqual(
    p.post.map((b) => [b.condition, showSteps(b.steps)]),
    [['always', 'sh("vagrant destroy -f")']],
  );
  assert.equal(p.agent.span.line, 2);
  assert.equal(build!.span.line, 9);
  assert.equal(build!.span.col, 9);
});

test("the seed's published snippet is rejected with located errors", () => {
  const unclosed = SEED.split('\n')
    .filter((l) => l.trim() !== '}')
    .join('\n');
  const errs = errors(unclosed);
  assert.ok(errs.length >= 3);
  assert.ok(errs.every((e) => e.endsWith('unclosed-bracket')));
  assert.equal(errs[0], '4:5 unclosed-bracket');
});

test('agents', () => {
  const agent = (src: string): unknown => {
    const a = pipeline(
      `pipeline { agent ${src}\n stages { stage('a') { steps { echo 'x' } } } }`,
    ).agent;
    const { span: _span, ...rest } = a;
    return rest;
  };
  assert.deepEqual(agent('any'), { kind: 'any' });
  assert.deepEqual(agent('none'), { kind: 'none' });
  assert.deepEqual(agent("{ label 'linux && docker' }"), {
    kind: 'label',
    label: 'linux && docker',
  });
  assert.deepEqual(agent("{ label { label 'x'; customWorkspace 'ws' } }"), {
    kind: 'label',
    label: 'x',
    customWorkspace: 'ws',
  });
  assert.deepEqual(agent("{ node { label 'x' } }"), { kind: 'node', label: 'x' });
  assert.deepEqual(agent("{ docker 'golang:1.22' }"), {
    kind: 'docker',
    image: 'golang:1.22',
    alwaysPull: false,
    reuseNode: false,
  });
  assert.deepEqual(agent("{ docker { image 'node:20'\n args '-v /tmp:/tmp'\n reuseNode true } }"), {
    kind: 'docker',
    image: 'node:20',
    args: '-v /tmp:/tmp',
    alwaysPull: false,
    reuseNode: true,
  });
  assert.deepEqual(agent('{ dockerfile true }'), {
    kind: 'dockerfile',
    filename: 'Dockerfile',
    reuseNode: false,
  });
  assert.deepEqual(
    agent("{ dockerfile { filename 'ci.Dockerfile'; dir 'ci'; additionalBuildArgs '--pull' } }"),
    {
      kind: 'dockerfile',
      filename: 'ci.Dockerfile',
      dir: 'ci',
      additionalBuildArgs: '--pull',
      reuseNode: false,
    },
  );
  assert.deepEqual(agent("{ kubernetes { yaml '''\nkind: Pod\n'''\n defaultContainer 'go' } }"), {
    kind: 'kubernetes',
    yaml: '\nkind: Pod\n',
    defaultContainer: 'go',
  });
  assert.deepEqual(agent("{ sandbox { label 'x'; network 'uplink' } }"), {
    kind: 'executor',
    executor: 'sandbox',
    label: 'x',
    network: 'uplink',
  });
  assert.deepEqual(agent("{ container { image 'debian'; privileged true } }"), {
    kind: 'executor',
    executor: 'container',
    image: 'debian',
    privileged: true,
  });
  assert.deepEqual(agent('{ label "${params.NODE}" }'), { kind: 'label', label: '${params.NODE}' });
});

test('steps keep Groovy arguments; script blocks keep statements; bodies nest', () => {
  const p = pipeline(`pipeline {
  agent any
  stages {
    stage('t') {
      steps {
        sh label: 'build', script: "make -j\${N}"
        dir('sub') {
          withEnv(['A=1']) { sh 'env' }
        }
        script {
          def v = readFile('VERSION').trim()
          if (v.startsWith('1.')) { echo "v1: $v" }
        }
        parallel a: { echo 'a' }, b: { echo 'b' }
      }
    }
  }
}`);
  assert.equal(
    stepsOf(p.stages[0]!),
    'sh(label:"build" script:(gstr "make -j" N)); dir("sub"){withEnv(["A=1"]){sh("env")}}; ' +
      'script{(def v (.trim (call readFile "VERSION"))); (if (.startsWith v "1.") {(call echo (gstr "v1: " v))})}; ' +
      'parallel(a:{ (call echo "a")} b:{ (call echo "b")})',
  );
});

test('Groovy outside script { } in steps is refused, the rest still lowered', () => {
  const errs = errors(`pipeline {
  agent any
  stages {
    stage('t') {
      steps {
        def x = 1
        sh 'ok'
        if (x) { echo 'x' }
        currentBuild.result = 'FAILURE'
        docker.image('x').inside { sh 'y' }
      }
    }
  }
}`);
  assert.deepEqual(errs, ['6:9 not-a-step', '8:9 not-a-step', '9:9 not-a-step', '10:9 not-a-step']);
});

test('environment: expressions and credentials', () => {
  const p = pipeline(`pipeline {
  agent any
  environment {
    A = 'x'
    B = "\${A}-y"
    C = credentials('deploy-key')
  }
  stages { stage('a') { steps { echo env.B } } }
}`);
  assert.deepEqual(
    p.environment.map((e) => [
      e.name,
      e.value.kind === 'expr' ? showExpr(e.value.expr) : `credentials:${e.value.id}`,
    ]),
    [
      ['A', '"x"'],
      ['B', '(gstr A "-y")'],
      ['C', 'credentials:deploy-key'],
    ],
  );
});

test('post conditions, nested stages, parallel', () => {
  const p = pipeline(`pipeline {
  agent none
  stages {
    stage('outer') {
      stages {
        stage('one') { agent any; steps { echo '1' } }
      }
    }
    stage('fan') {
      failFast true
      parallel {
        stage('a') { agent { label 'a' }; steps { echo 'a' } }
        stage('b') { agent { label 'b' }; steps { echo 'b' } }
      }
      post { failure { echo 'f' } }
    }
  }
  post {
    cleanup { echo 'c' }
    always { echo 'a' }
  }
}`);
  const [outer, fan] = p.stages;
  assert.equal(outer!.body.kind, 'stages');
  assert.equal(fan!.body.kind, 'parallel');
  assert.equal(fan!.failFast, true);
  assert.deepEqual(fan!.body.kind === 'parallel' ? fan!.body.stages.map((s) => s.name) : [], [
    'a',
    'b',
  ]);
  assert.deepEqual(
    p.post.map((b) => b.condition),
    ['cleanup', 'always'],
  );
  assert.deepEqual(
    fan!.post.map((b) => b.condition),
    ['failure'],
  );
});

test('when basics', () => {
  const p = pipeline(`pipeline {
  agent any
  stages {
    stage('deploy') {
      when {
        beforeAgent true
        branch 'main'
        not { changeRequest() }
        anyOf { environment name: 'DEPLOY', value: 'yes'; expression { return params.FORCE } }
      }
      steps { echo 'go' }
    }
  }
}`);
  const when = p.stages[0]!.when!;
  assert.equal(when.beforeAgent, true);
  assert.deepEqual(
    when.conditions.map((c) => c.kind),
    ['branch', 'not', 'anyOf'],
  );
  const branch = when.conditions[0]!;
  assert.ok(branch.kind === 'branch');
  assert.equal(branch.pattern, 'main');
  assert.equal(branch.comparator, 'GLOB');
});

test('options: typed, other, unknown', () => {
  const p = pipeline(`pipeline {
  agent any
  options {
    timeout(time: 1, unit: 'HOURS', activity: true)
    retry(count: 2, conditions: [agent(), nonresumable()])
    buildDiscarder(logRotator(numToKeepStr: '10', daysToKeepStr: ''))
    disableConcurrentBuilds(abortPrevious: true)
    timestamps()
    ansiColor('xterm')
    skipDefaultCheckout()
    quietPeriod(5)
    preserveStashes(buildCount: 5)
    postTimeout(time: 2, unit: 'MINUTES')
    killGrace(time: 3)
    resourceLimits(memory: '2G', cpus: 1.5, pids: 512)
  }
  stages { stage('a') { steps { echo 'a' } } }
}`);
  const o = p.options;
  assert.deepEqual([o.timeout?.ms, o.timeout?.activity], [3_600_000, true]);
  assert.deepEqual([o.retry?.count, o.retry?.conditions], [2, ['agent', 'nonresumable']]);
  assert.deepEqual([o.buildDiscarder?.numToKeep, o.buildDiscarder?.daysToKeep], [10, undefined]);
  assert.equal(o.disableConcurrentBuilds?.abortPrevious, true);
  assert.ok(o.timestamps && o.skipDefaultCheckout);
  assert.equal(o.ansiColor?.colorMap, 'xterm');
  assert.equal(o.quietPeriod?.seconds, 5);
  assert.deepEqual(
    o.other.map((x) => x.name),
    ['preserveStashes'],
  );
  assert.equal(o.postTimeout?.ms, 120_000);
  assert.equal(o.killGrace?.ms, 3000);
  assert.deepEqual(o.limits && [o.limits.memoryBytes, o.limits.cpus, o.limits.pids], [
    2 * 1024 ** 3,
    1.5,
    512,
  ]);
  assert.deepEqual(
    errors(
      "pipeline { agent any\noptions { timout(5) }\nstages { stage('a') { steps { echo 'a' } } } }",
    ),
    ['2:11 unknown-option'],
  );
});

test('a file without a pipeline block, and a scripted pipeline', () => {
  assert.deepEqual(errors("node('linux') {\n  stage('x') { sh 'make' }\n}"), [
    '1:1 scripted-pipeline',
  ]);
  assert.deepEqual(errors("echo 'hello'"), ['1:1 no-pipeline']);
});
