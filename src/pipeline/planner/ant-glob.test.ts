import { test } from 'node:test';
import assert from 'node:assert/strict';
import { antMatch, splitAntPatterns } from './ant-glob.ts';

test('* stays within a segment, ** crosses segments', () => {
  assert.equal(antMatch('release-*', 'release-1.0'), true);
  assert.equal(antMatch('release-*', 'release/1.0'), false);
  assert.equal(antMatch('feature/*', 'feature/login'), true);
  assert.equal(antMatch('feature/*', 'feature/a/b'), false);
  assert.equal(antMatch('feature/**', 'feature/a/b'), true);
  assert.equal(antMatch('**/*.xml', 'reports/unit/TEST-a.xml'), true);
  assert.equal(antMatch('**/*.xml', 'TEST-a.xml'), true);
  assert.equal(antMatch('src/**/test/*.ts', 'src/a/b/test/x.ts'), true);
  assert.equal(antMatch('src/**/test/*.ts', 'src/test/x.ts'), true);
  assert.equal(antMatch('src/**/test/*.ts', 'src/a/x.ts'), false);
});

test('? matches one character and case sensitivity is optional', () => {
  assert.equal(antMatch('v?.0', 'v1.0'), true);
  assert.equal(antMatch('v?.0', 'v10.0'), false);
  assert.equal(antMatch('MAIN', 'main'), false);
  assert.equal(antMatch('MAIN', 'main', false), true);
});

test('splits comma-separated patterns; a trailing slash means everything below', () => {
  assert.deepEqual(splitAntPatterns('a/*.jar, build/ ,,c'), ['a/*.jar', 'build/**', 'c']);
});
