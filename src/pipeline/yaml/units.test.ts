import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, parseSize } from './units.ts';

test('durations combine units and allow spaces', () => {
  assert.equal(parseDuration('30m'), 1_800_000);
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('1h 30m'), 5_400_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('2d'), 172_800_000);
});

test('anything else is not a duration', () => {
  for (const text of ['', '30', 'm', '30 minutes', '1y', '-5s', '5s!']) {
    assert.equal(parseDuration(text), undefined, text);
  }
});

test('sizes are powers of 1024 with or without the i', () => {
  assert.equal(parseSize('512'), 512);
  assert.equal(parseSize('512B'), 512);
  assert.equal(parseSize('4k'), 4096);
  assert.equal(parseSize('512M'), 512 * 1024 ** 2);
  assert.equal(parseSize('2G'), 2 * 1024 ** 3);
  assert.equal(parseSize('1.5GiB'), 1.5 * 1024 ** 3);
  assert.equal(parseSize('1T'), 1024 ** 4);
  for (const text of ['', 'lots', '2 gigs', '-1G', '1P'])
    assert.equal(parseSize(text), undefined, text);
});
