/**
 * Golden scenarios: `test/scenarios/<name>/Jenkinsfile` with `expected.json`
 * beside it. The expectation format (all fields optional except `result`):
 *
 *   description       what the scenario shows
 *   context           BuildContext overrides (branch, params, previousResult…)
 *   options           RunOptions overrides (killGraceMs, postTimeoutMs)
 *   files             files to create in the workspace first
 *   credentials       id → Credential (`content` of file credentials is text)
 *   input             { "submitter": "x", "values": {…} } answers every input; "reject": true rejects
 *   cancelOnLog       cancel the build when a log line contains this text
 *   result            expected build result
 *   stages            path → result, or { result, skipped: "substring of the reason" }
 *   stageOrder        the report's stage paths, exactly
 *   post              [scope, condition, result] in the order they ran, exactly
 *   log               substrings that must each appear in some log line
 *   logInOrder        substrings that must appear in this order
 *   logAbsent         substrings that must not appear anywhere in the log
 *   maxDurationMs     a generous upper bound on the whole run
 *   noLeftovers       no process carrying the build's marker within 1 s of the end
 */
import type { BuildContext, Credential, RunOptions } from '../../src/runner/index.ts';

export interface ScenarioExpectation {
  description: string;
  context?: Partial<BuildContext>;
  options?: Pick<RunOptions, 'killGraceMs' | 'postTimeoutMs'>;
  files?: Record<string, string>;
  credentials?: Record<string, Credential | { kind: 'file'; fileName: string; content: string }>;
  input?: { submitter?: string; values?: Record<string, string | boolean>; reject?: boolean };
  cancelOnLog?: string;
  /** The pipeline must be rejected before it runs, with diagnostics containing these texts. */
  loadErrors?: string[];
  result: string;
  stages?: Record<string, string | { result: string; skipped?: string }>;
  stageOrder?: string[];
  post?: Array<[string, string, string]>;
  log?: string[];
  logInOrder?: string[];
  logAbsent?: string[];
  maxDurationMs?: number;
  noLeftovers?: boolean;
}
