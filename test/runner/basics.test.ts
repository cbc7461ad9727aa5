import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runJenkinsfile } from '../support/run-pipeline.ts';

test('a seed-like pipeline runs end to end through the host executor', async () => {
  const { report, lines } = await runJenkinsfile(
    `
pipeline {
    agent { label 'vagrant' }
    options { timeout(time: 30, unit: 'MINUTES') }
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
            sh 'echo destroying; echo "memory was \${MEMORY:-unset}"'
        }
    }
}
`,
    {
      files: {
        'contrib/vagrant/start.sh':
          '#!/bin/sh\necho "starting VM with $MEMORY MB, suite=$RUN_TEST_SUITE"\n',
      },
    },
  ).catch(async (err) => {
    throw err;
  });
  assert.equal(report.result, 'SUCCESS', lines.join('\n'));
  assert.deepEqual(
    report.stages.map((s) => [s.path, s.result]),
    [['Build', 'SUCCESS']],
  );
  assert.deepEqual(report.post, [{ scope: 'pipeline', condition: 'always', result: 'SUCCESS' }]);
  assert.ok(
    lines.some((l) => l.includes('starting VM with 4096 MB, suite=1')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.includes('memory was unset')),
    'stage environment must not leak into pipeline post',
  );
});
