/**
 * JUnit XML as written by Maven Surefire, Gradle, pytest, go-junit-report,
 * Jest and friends: `<testsuites>` or a single `<testsuite>` (suites may
 * nest), `<testcase>` with `<failure>`, `<error>`, `<skipped>`,
 * `<system-out>`, `<system-err>`. Surefire's reruns are understood:
 * `<flakyFailure>`/`<flakyError>` mean the test passed on a rerun (status
 * passed, `flaky: true`); `<rerunFailure>` means it failed every time.
 *
 * Never throws. Input over `maxBytes` (default 50 MiB) is refused before
 * parsing; long outputs and stack traces are cut to `maxTextChars` (default
 * 64 Ki characters) per field, with a note, so one noisy test cannot bloat
 * the store.
 */
import { childElements, parseXml, textOf, type XmlElement } from './xml-nodes.ts';

export type TestStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestCase {
  /** `className.name`, as Jenkins names a case; the suite name stands in for a missing class. */
  id: string;
  suite: string;
  className: string;
  name: string;
  status: TestStatus;
  durationMs: number;
  /** The failure, error or skip message, and its type (exception class). */
  message?: string;
  type?: string;
  /** Body of `<failure>`/`<error>`: usually the stack trace. */
  details?: string;
  stdout?: string;
  stderr?: string;
  /** Failed at first, passed on a rerun (Surefire). */
  flaky?: boolean;
  file?: string;
}

export interface TestSuite {
  name: string;
  durationMs: number;
  timestamp?: string;
  stdout?: string;
  stderr?: string;
  cases: TestCase[];
}

export interface JUnitOptions {
  maxBytes?: number;
  maxTextChars?: number;
}

export function parseJUnit(
  xml: string,
  options: JUnitOptions = {},
): { suites: TestSuite[] } | { error: string } {
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  if (xml.length > maxBytes || Buffer.byteLength(xml) > maxBytes) {
    return { error: `test report is larger than ${maxBytes} bytes` };
  }
  const parsed = parseXml(xml);
  if ('error' in parsed) return { error: `not valid XML: ${parsed.error}` };
  const root = parsed.nodes.find((n): n is XmlElement => 'tag' in n);
  if (!root || (root.tag !== 'testsuites' && root.tag !== 'testsuite')) {
    return { error: `not a JUnit report: the root element is <${root?.tag ?? 'nothing'}>` };
  }
  const suites: TestSuite[] = [];
  collectSuites(root, '', suites, options.maxTextChars ?? 64 * 1024);
  return { suites };
}

function collectSuites(
  node: XmlElement,
  parentName: string,
  out: TestSuite[],
  maxText: number,
): void {
  if (node.tag === 'testsuites') {
    for (const child of childElements(node, 'testsuite'))
      collectSuites(child, parentName, out, maxText);
    return;
  }
  const name = node.attrs.name ?? parentName;
  const cut = (text: string | undefined): string | undefined => truncate(text, maxText);
  const suite: TestSuite = {
    name,
    durationMs: seconds(node.attrs.time),
    cases: childElements(node, 'testcase').map((c) => testCase(c, name, cut)),
  };
  setIf(suite, 'timestamp', node.attrs.timestamp);
  setIf(suite, 'stdout', cut(joinedText(node, 'system-out')));
  setIf(suite, 'stderr', cut(joinedText(node, 'system-err')));
  out.push(suite);
  for (const nested of childElements(node, 'testsuite')) collectSuites(nested, name, out, maxText);
}

type Cut = (text: string | undefined) => string | undefined;

function testCase(node: XmlElement, suite: string, cut: Cut): TestCase {
  const name = node.attrs.name ?? '(unnamed)';
  const className = node.attrs.classname ?? node.attrs.class ?? '';
  const outcome = outcomeOf(node);
  const result: TestCase = {
    id: `${className || suite}.${name}`,
    suite,
    className,
    name,
    status: outcome.status,
    durationMs: seconds(node.attrs.time),
  };
  if (outcome.element) {
    setIf(result, 'message', outcome.element.attrs.message);
    setIf(result, 'type', outcome.element.attrs.type);
    setIf(result, 'details', cut(textOf(outcome.element).trim() || undefined));
  }
  if (outcome.flaky) result.flaky = true;
  setIf(result, 'stdout', cut(joinedText(node, 'system-out')));
  setIf(result, 'stderr', cut(joinedText(node, 'system-err')));
  setIf(result, 'file', node.attrs.file);
  return result;
}

function outcomeOf(node: XmlElement): {
  status: TestStatus;
  element?: XmlElement;
  flaky?: boolean;
} {
  const first = (...tags: string[]): XmlElement | undefined =>
    tags.map((t) => childElements(node, t)[0]).find((e) => e !== undefined);
  const failure = first('failure', 'rerunFailure');
  if (failure) return { status: 'failed', element: failure };
  const error = first('error', 'rerunError');
  if (error) return { status: 'error', element: error };
  const skipped = first('skipped');
  if (skipped) return { status: 'skipped', element: skipped };
  const flaky = first('flakyFailure', 'flakyError');
  return flaky ? { status: 'passed', element: flaky, flaky: true } : { status: 'passed' };
}

function joinedText(node: XmlElement, tag: string): string | undefined {
  const parts = childElements(node, tag).map(textOf);
  const text = parts.join('\n');
  return text.trim() === '' ? undefined : text;
}

/** JUnit times are seconds, sometimes with thousands separators ("1,234.5"). */
function seconds(value: string | undefined): number {
  const n = Number((value ?? '').replace(/,/g, ''));
  return Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : 0;
}

function truncate(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.length <= max) return text;
  return `${text.slice(0, max)}\n[rig] cut: ${text.length - max} more characters`;
}

function setIf<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
