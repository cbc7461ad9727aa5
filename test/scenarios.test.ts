/**
 * Runs every golden scenario in test/scenarios/ through parse → validate →
 * plan → runBuild with the host executor, and compares with expected.json
 * (format: test/support/scenario.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialProvider, InputHandler } from '../src/runner/index.ts';
import { loadPipeline } from '../src/pipeline/load.ts';
import { runJenkinsfile } from './support/run-pipeline.ts';
import { waitForNoProcesses } from './support/processes.ts';
import type { ScenarioExpectation } from './support/scenario.ts';

const ROOT = join(import.meta.dirname, 'scenarios');

function credentialsFrom(spec: ScenarioExpectation['credentials']): CredentialProvider | undefined {
  if (!spec) return undefined;
  return {
    get: async (id) => {
      const c = spec[id];
      if (!c) throw new Error(`no credential '${id}'`);
      return c.kind === 'file' ? { ...c, content: Buffer.from(c.content) } : c;
    },
  };
}

function inputsFrom(spec: ScenarioExpectation['input']): InputHandler | undefined {
  if (!spec) return undefined;
  return {
    ask: async () => {
      if (spec.reject) throw new Error('rejected by the scenario');
      return {
        ...(spec.submitter ? { submitter: spec.submitter } : {}),
        values: spec.values ?? {},
      };
    },
  };
}

async function runScenario(name: string): Promise<void> {
  const dir = join(ROOT, name);
  const text = readFileSync(join(dir, 'Jenkinsfile'), 'utf8');
  const want = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ScenarioExpectation;
  if (want.loadErrors) return expectRejected(text, want.loadErrors);
  const cancel = new AbortController();
  const markers = new Set<string>();
  const credentials = credentialsFrom(want.credentials);
  const inputs = inputsFrom(want.input);
  const started = Date.now();
  const run = await runJenkinsfile(text, {
    ...(want.context ? { context: want.context } : {}),
    ...(want.files ? { files: want.files } : {}),
    options: {
      ...want.options,
      signal: cancel.signal,
      ...(credentials ? { credentials } : {}),
      ...(inputs ? { inputs } : {}),
    },
    onEvent: (e) => {
      if (e.type !== 'log') return;
      for (const m of e.text.matchAll(/job (rig-[a-z0-9-]+)\)/g)) if (m[1]) markers.add(m[1]);
      if (want.cancelOnLog && e.text.includes(want.cancelOnLog)) cancel.abort();
    },
  });
  const elapsed = Date.now() - started;
  const { report, lines } = run;
  const log = lines.join('\n');
  const context = `\n--- log of ${name} ---\n${log}\n--- report ---\n${JSON.stringify(report, null, 1)}`;
  assert.equal(report.result, want.result, `build result${context}`);
  for (const [path, expected] of Object.entries(want.stages ?? {})) {
    const stage = report.stages.find((s) => s.path === path);
    assert.ok(stage, `no stage ${path} in the report${context}`);
    const exp = typeof expected === 'string' ? { result: expected } : expected;
    assert.equal(stage.result, exp.result, `result of stage ${path}${context}`);
    if (exp.skipped !== undefined) {
      assert.ok(
        stage.skipped?.reason.includes(exp.skipped),
        `stage ${path} should be skipped (${exp.skipped}), got ${JSON.stringify(stage.skipped)}${context}`,
      );
    } else if (typeof expected !== 'string' || exp.result !== 'NOT_BUILT') {
      assert.equal(stage.skipped, undefined, `stage ${path} should not be skipped${context}`);
    }
  }
  if (want.stageOrder)
    assert.deepEqual(
      report.stages.map((s) => s.path),
      want.stageOrder,
      `stage order${context}`,
    );
  if (want.post)
    assert.deepEqual(
      report.post.map((p) => [p.scope, p.condition, p.result]),
      want.post,
      `post order${context}`,
    );
  for (const s of want.log ?? [])
    assert.ok(
      lines.some((l) => l.includes(s)),
      `log should contain "${s}"${context}`,
    );
  for (const s of want.logAbsent ?? [])
    assert.ok(!log.includes(s), `log must not contain "${s}"${context}`);
  let at = 0;
  for (const s of want.logInOrder ?? []) {
    const i = lines.findIndex((l, k) => k >= at && l.includes(s));
    assert.ok(i >= 0, `log should contain "${s}" after line ${at}${context}`);
    at = i + 1;
  }
  if (want.maxDurationMs)
    assert.ok(
      elapsed <= want.maxDurationMs,
      `took ${elapsed} ms, more than ${want.maxDurationMs}${context}`,
    );
  if (want.noLeftovers) {
    assert.ok(markers.size > 0, `no job id in the log${context}`);
    for (const marker of markers) {
      const left = await waitForNoProcesses(marker, 1000);
      assert.deepEqual(left, [], `processes with marker ${marker} are left`);
    }
  }
}

function expectRejected(text: string, messages: string[]): void {
  const loaded = loadPipeline(text, 'Jenkinsfile');
  const found = loaded.diagnostics.map(
    (d) => `Jenkinsfile:${d.span.line}:${d.span.col}: ${d.message}`,
  );
  assert.equal(loaded.value, undefined, 'the pipeline should be rejected before it runs');
  for (const m of messages)
    assert.ok(
      found.some((f) => f.includes(m)),
      `no diagnostic contains "${m}":\n${found.join('\n')}`,
    );
}

const names = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden scenarios', { concurrency: 4 }, () => {
  for (const name of names) test(name, () => runScenario(name));
});
