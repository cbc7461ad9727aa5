/** Test reports: JUnit XML parsing, a build's summary, flaky-test detection. */
export {
  parseJUnit,
  type JUnitOptions,
  type TestCase,
  type TestStatus,
  type TestSuite,
} from './junit.ts';
export { summarizeTests, type TestResults } from './results.ts';
export { detectFlaky, type BuildTests, type FlakyTest } from './flaky.ts';
