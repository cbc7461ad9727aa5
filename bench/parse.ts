/**
 * Parsing speed: a generated 1 MB Jenkinsfile through parseJenkinsfile (and
 * checkJenkinsfile), against JSON.parse of 1 MB of JSON measured in the same
 * run as a baseline for this machine. Goal: parse ≤ 200 ms.
 *
 *   node --import tsx bench/parse.ts
 */
import { checkJenkinsfile, parseJenkinsfile } from '../src/pipeline/jenkinsfile/index.ts';

const TARGET_BYTES = 1024 * 1024;

function stage(i: number): string {
  return `
    stage('Build ${i}') {
      agent { docker { image "golang:1.\${GO_MINOR}"; args '-v /tmp/cache:/cache' } }
      environment {
        TARGET = "linux-amd64-${i}"
        TOKEN = credentials('token-${i}')
      }
      when { anyOf { branch 'main'; changeRequest target: 'main' } }
      options { timeout(time: ${(i % 60) + 1}, unit: 'MINUTES'); retry(2) }
      steps {
        sh 'make -j4 build TARGET=$TARGET'
        sh """
          set -eu
          echo "building \${env.BRANCH_NAME} at \${GIT_COMMIT}"
          ./scripts/test.sh --shard=${i} --of=400 | tee out-${i}.log
        """
        script {
          def results = readFile("out-${i}.log").split('\\n').findAll { it.contains('FAIL') }
          if (results.size() > 0 && params.STRICT) {
            error "stage ${i}: \${results.size()} failures: \${results.take(3).join(', ')}"
          }
          for (int k = 0; k < 3; k++) { echo "retry slot \${k}" }
          env.LAST = [a: 1, b: [2, 3], c: 'x' * 2].collect { k, v -> "\${k}=\${v}" }.join(';')
        }
        dir('sub') { withEnv(["STAGE=${i}"]) { sh 'env | sort' } }
        archiveArtifacts artifacts: "out-${i}.log", allowEmptyArchive: true
      }
      post {
        always { junit testResults: 'reports/*.xml', allowEmptyResults: true }
        failure { echo "stage ${i} failed" }
      }
    }`;
}

function generate(): string {
  const head = `#!/usr/bin/env groovy
@Library('ci-lib@v1') _
def helper(String s) { return s.trim().toUpperCase() }
pipeline {
  agent any
  options { timestamps(); buildDiscarder(logRotator(numToKeepStr: '20')) }
  parameters { booleanParam(name: 'STRICT', defaultValue: true) }
  stages {`;
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const s = stage(i);
    parts.push(s);
    size += s.length;
  }
  parts.push('\n  }\n}\n');
  return parts.join('');
}

function jsonOfSize(bytes: number): string {
  const items: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = {
      id: i,
      name: `stage-${i}`,
      tags: ['a', 'b', 'c'],
      nested: { ok: i % 2 === 0, ratio: i / 7 },
    };
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return JSON.stringify(items);
}

interface Timing {
  wallMs: number;
  /** CPU time of the process (all threads, GC included): steadier than wall time on a busy machine. */
  cpuMs: number;
}

function median(runs: number, f: () => void): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const mid = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: mid(wall), cpuMs: mid(cpu) };
}

const text = generate();
const json = jsonOfSize(text.length);
const check = parseJenkinsfile(text, 'Jenkinsfile');
if (!check.value || check.diagnostics.some((d) => d.severity === 'error')) {
  console.error('the generated Jenkinsfile does not parse cleanly:', check.diagnostics.slice(0, 3));
  process.exit(1);
}
// Warm up the JIT the way a long-running controller would be.
for (let i = 0; i < 3; i++) parseJenkinsfile(text, 'Jenkinsfile');

const jsonMs = median(9, () => JSON.parse(json));
const parseMs = median(7, () => parseJenkinsfile(text, 'Jenkinsfile'));
const checkMs = median(7, () => checkJenkinsfile(text, 'Jenkinsfile'));
const mb = (n: number): string => (n / 1024 / 1024).toFixed(2);

console.log(
  `input: ${mb(text.length)} MB Jenkinsfile (${check.value.stages.length} stages), ${mb(json.length)} MB JSON`,
);
const row = (label: string, t: Timing, note = ''): void => {
  const ratio = (t.cpuMs / jsonMs.cpuMs).toFixed(1);
  console.log(
    `${label.padEnd(22)} ${t.wallMs.toFixed(1).padStart(7)} ms wall ${t.cpuMs.toFixed(1).padStart(7)} ms cpu  ${ratio}x JSON.parse${note}`,
  );
};
row('JSON.parse (baseline)', jsonMs);
row('parseJenkinsfile', parseMs, '  (goal ≤ 200 ms)');
row('checkJenkinsfile', checkMs, '  (parse + validate)');
