/**
 * JUnit XML reports, counted the way Jenkins' junit plugin counts them: every
 * `<testcase>`, failed when it has `<failure>` or `<error>`, skipped with
 * `<skipped>`. Entities are not expanded (no billion laughs) and files are
 * size-capped.
 */
import { XMLParser } from 'fast-xml-parser';

export interface TestCounts {
  total: number;
  failed: number;
  skipped: number;
  failures: string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
});

type Node = Record<string, unknown>;

export function countTests(xml: string): TestCounts {
  const doc = parser.parse(xml) as Node;
  const counts: TestCounts = { total: 0, failed: 0, skipped: 0, failures: [] };
  const roots = [doc.testsuites, doc.testsuite].flatMap((r) =>
    Array.isArray(r) ? r : r ? [r] : [],
  );
  if (roots.length === 0) throw new Error('not a JUnit report (no <testsuite> or <testsuites>)');
  for (const root of roots) visitSuite(root as Node, counts);
  return counts;
}

function visitSuite(suite: Node, counts: TestCounts): void {
  const cases = asNodes(suite.testcase);
  for (const tc of cases) {
    counts.total++;
    if (asNodes(tc.failure).length > 0 || asNodes(tc.error).length > 0) {
      counts.failed++;
      counts.failures.push(
        `${String(tc.classname ?? suite.name ?? '')}.${String(tc.name ?? '?')}`.replace(/^\./, ''),
      );
    } else if (tc.skipped !== undefined) counts.skipped++;
  }
  for (const child of asNodes(suite.testsuite)) visitSuite(child, counts);
  if (cases.length === 0 && asNodes(suite.testsuite).length === 0) {
    counts.total += num(suite.tests);
    counts.failed += num(suite.failures) + num(suite.errors);
    counts.skipped += num(suite.skipped);
  }
}

function asNodes(v: unknown): Node[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) =>
    typeof x === 'object' && x !== null ? (x as Node) : {},
  );
}

function num(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}
