import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJUnit, type TestSuite } from './junit.ts';

function suites(xml: string): TestSuite[] {
  const result = parseJUnit(xml);
  if ('error' in result) assert.fail(result.error);
  return result.suites;
}

const surefire = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="com.acme.NetTest" time="3.5" tests="5" errors="1" skipped="1" failures="1" timestamp="2024-05-01T10:00:00">
  <properties><property name="java.version" value="17"/></properties>
  <testcase name="createsVeth" classname="com.acme.NetTest" time="0.25"/>
  <testcase name="loadsBpf" classname="com.acme.NetTest" time="1,234.5">
    <failure message="expected &lt;0&gt; but was &lt;1&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected <0> but was <1>
	at com.acme.NetTest.loadsBpf(NetTest.java:42)]]></failure>
    <system-out><![CDATA[attaching prog &amp; map]]></system-out>
    <system-err>warn: kernel &gt;= 6.1</system-err>
  </testcase>
  <testcase name="bootsVm" classname="com.acme.NetTest" time="0.1">
    <error message="boom" type="java.lang.IllegalStateException">java.lang.IllegalStateException: boom</error>
  </testcase>
  <testcase name="needsKvm" classname="com.acme.NetTest" time="0"><skipped message="no /dev/kvm"/></testcase>
  <testcase name="retried" classname="com.acme.NetTest" time="0.3">
    <flakyFailure message="timeout" type="java.util.concurrent.TimeoutException">first run timed out</flakyFailure>
  </testcase>
  <system-out>suite output</system-out>
</testsuite>`;

test('Surefire report: statuses, messages, details, output, durations', () => {
  const [suite] = suites(surefire);
  assert.equal(suite?.name, 'com.acme.NetTest');
  assert.equal(suite?.durationMs, 3500);
  assert.equal(suite?.timestamp, '2024-05-01T10:00:00');
  assert.equal(suite?.stdout, 'suite output');
  const [pass, fail, error, skip, flaky] = suite?.cases ?? [];
  assert.deepEqual(pass, {
    id: 'com.acme.NetTest.createsVeth',
    suite: 'com.acme.NetTest',
    className: 'com.acme.NetTest',
    name: 'createsVeth',
    status: 'passed',
    durationMs: 250,
  });
  assert.equal(fail?.status, 'failed');
  assert.equal(fail?.durationMs, 1_234_500);
  assert.equal(fail?.message, 'expected <0> but was <1>');
  assert.equal(fail?.type, 'org.opentest4j.AssertionFailedError');
  assert.match(
    fail?.details ?? '',
    /^org.opentest4j.AssertionFailedError: expected <0> but was <1>\n\tat com.acme/,
  );
  assert.equal(fail?.stdout, 'attaching prog &amp; map', 'CDATA is taken literally');
  assert.equal(fail?.stderr, 'warn: kernel >= 6.1');
  assert.equal(error?.status, 'error');
  assert.equal(error?.details, 'java.lang.IllegalStateException: boom');
  assert.equal(skip?.status, 'skipped');
  assert.equal(skip?.message, 'no /dev/kvm');
  assert.equal(flaky?.status, 'passed');
  assert.equal(flaky?.flaky, true);
  assert.equal(flaky?.message, 'timeout');
});

test('testsuites root, nested suites, pytest and go-junit-report shapes', () => {
  const xml = `<testsuites name="all" tests="3">
    <testsuite name="pytest" tests="2">
      <testcase classname="tests.test_net" name="test_link[veth]" time="0.010" file="tests/test_net.py" line="12"/>
      <testcase classname="tests.test_net" name="test_ns" time="0.5"><failure message="AssertionError">assert 1 == 2</failure></testcase>
      <testsuite name="nested"><testcase name="inner"/></testsuite>
    </testsuite>
    <testsuite name="github.com/acme/rig/pkg" time="0.002"><testcase name="TestX" classname="" time="0.001"/></testsuite>
  </testsuites>`;
  const all = suites(xml);
  assert.deepEqual(
    all.map((s) => s.name),
    ['pytest', 'nested', 'github.com/acme/rig/pkg'],
  );
  assert.equal(all[0]?.cases[0]?.id, 'tests.test_net.test_link[veth]');
  assert.equal(all[0]?.cases[0]?.file, 'tests/test_net.py');
  assert.equal(all[1]?.cases[0]?.id, 'nested.inner', 'the suite stands in for a missing class');
  assert.equal(all[2]?.cases[0]?.id, 'github.com/acme/rig/pkg.TestX');
});

test('entities: predefined and numeric are decoded; DOCTYPE entities are not expanded', () => {
  const xml = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<testsuite name="s"><testcase name="&#65;&#x42;&amp;" classname="c"><failure message="&lol2;">&quot;x&apos; &lt; &gt;</failure></testcase></testsuite>`;
  const [c] = suites(xml)[0]?.cases ?? [];
  assert.equal(c?.name, 'AB&');
  assert.equal(c?.message, '&lol2;');
  assert.equal(c?.details, `"x' < >`);
});

test('long output is cut, with a note', () => {
  const result = parseJUnit(
    `<testsuite name="s"><testcase name="t"><system-out>${'y'.repeat(100)}</system-out></testcase></testsuite>`,
    { maxTextChars: 10 },
  );
  assert.ok('suites' in result);
  assert.equal(result.suites[0]?.cases[0]?.stdout, 'yyyyyyyyyy\n[rig] cut: 90 more characters');
});

test('errors are values: too big, not XML, not JUnit', () => {
  assert.deepEqual(parseJUnit('<testsuite/>'.padEnd(2000, ' '), { maxBytes: 1000 }), {
    error: 'test report is larger than 1000 bytes',
  });
  const broken = parseJUnit('<testsuite><testcase></testsuite>');
  assert.match('error' in broken ? broken.error : '', /^not valid XML: .*line 1/);
  assert.deepEqual(parseJUnit('<html><body/></html>'), {
    error: 'not a JUnit report: the root element is <html>',
  });
  assert.deepEqual(parseJUnit(''), { error: 'not valid XML: Start tag expected. (line 1)' });
  assert.deepEqual(parseJUnit('<?xml version="1.0"?><!-- only a comment --><x/>'), {
    error: 'not a JUnit report: the root element is <x>',
  });
});

test('an empty suite and odd times are fine', () => {
  const [s] = suites('<testsuite name="e" time="nope"><testcase name="t" time="-1"/></testsuite>');
  assert.equal(s?.durationMs, 0);
  assert.equal(s?.cases[0]?.durationMs, 0);
  assert.deepEqual(suites('<testsuites/>'), []);
});

test('never throws on junk', () => {
  const pieces = fc.constantFrom(
    '<testsuite>',
    '</testsuite>',
    '<testcase name="a">',
    '</testcase>',
    '<failure/>',
    '<![CDATA[x',
    ']]>',
    '&amp;',
    '&#0;',
    '&#xFFFFFF;',
    '<!DOCTYPE x>',
    'text',
    '<',
    '>',
    '"',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(pieces).map((p) => p.join('')),
      ),
      (xml) => {
        const result = parseJUnit(xml);
        assert.ok('suites' in result || typeof result.error === 'string');
      },
    ),
    { numRuns: 1000 },
  );
});
