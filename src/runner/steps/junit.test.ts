import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCase } from '../../reports/tests/junit.ts';
import { runJenkinsfile } from '../../../test/support/run-pipeline.ts';

const report = `<testsuite name="unit">
  <testcase classname="net.Veth" name="creates_pair" time="0.5"/>
  <testcase classname="net.Veth" name="moves"><failure message="link stayed DOWN">trace</failure></testcase>
  <testcase classname="net.Veth" name="mtu"><skipped/></testcase>
</testsuite>`;

it('hands every case of every report to the test-result sink, with its file', async () => {
  const recorded: TestCase[][] = [];
  const { report: build } = await runJenkinsfile(
    `pipeline { agent any; stages { stage('T') { steps { junit 'r/*.xml' } } } }`,
    {
      files: { 'r/a.xml': report, 'r/b.xml': report.replaceAll('unit', 'other') },
      options: {
        testResults: { record: (cases) => (recorded.push([...cases]), Promise.resolve()) },
      },
    },
  );
  assert.equal(build.result, 'UNSTABLE');
  assert.equal(recorded.length, 1);
  const cases = recorded[0] ?? [];
  assert.equal(cases.length, 6);
  const failed = cases.filter((c) => c.status === 'failed');
  assert.deepEqual(
    failed.map((c) => [c.file, c.id, c.message]),
    [
      ['r/a.xml', 'net.Veth.moves', 'link stayed DOWN'],
      ['r/b.xml', 'net.Veth.moves', 'link stayed DOWN'],
    ],
  );
  assert.equal(cases.find((c) => c.name === 'creates_pair')?.durationMs, 500);
});

it('a sink that refuses the results leaves a note and does not fail the step', async () => {
  const { report: build, lines } = await runJenkinsfile(
    `pipeline { agent any; stages { stage('T') { steps { junit 'r/*.xml' } } } }`,
    {
      files: { 'r/a.xml': report.replace(/<failure[^/]*\/failure>/, '') },
      options: { testResults: { record: () => Promise.reject(new Error('HTTP 403')) } },
    },
  );
  assert.equal(build.result, 'SUCCESS');
  assert.ok(
    lines.some((l) => l.includes('test results could not be stored: HTTP 403')),
    lines.join('\n'),
  );
});
