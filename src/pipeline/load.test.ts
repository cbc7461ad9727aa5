import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPipeline, pipelineFormat } from './load.ts';

test('the front end is chosen by file name', () => {
  assert.equal(pipelineFormat('Jenkinsfile'), 'jenkinsfile');
  assert.equal(pipelineFormat('ci/Jenkinsfile.nightly'), 'jenkinsfile');
  assert.equal(pipelineFormat('rig.yaml'), 'yaml');
  assert.equal(pipelineFormat('ci/rig.YML'), 'yaml');
});

test('a valid Jenkinsfile loads into the model', () => {
  const text = "pipeline { agent any\n stages { stage('A') { steps { sh 'true' } } } }";
  const result = loadPipeline(text, 'Jenkinsfile');
  assert.equal(result.value?.stages[0]?.name, 'A');
  assert.deepEqual(result.diagnostics, []);
});
test('semantic errors withhold the model', () => {
  const text = "pipeline { agent any\n stages { stage('A') { steps { shh 'true' } } } }";
  const result = loadPipeline(text, 'Jenkinsfile');
  assert.equal(result.value, undefined);
  assert.ok(result.diagnostics.some((d) => d.severity === 'error' && d.span.line === 2));
});
