import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogSection } from './log-api.ts';
import { RowMap } from './log-rows.ts';

const section = (id: string, from: number, to: number | null): LogSection => ({
  id,
  title: id,
  from,
  to,
  result: null,
  durationMs: null,
});

describe('RowMap', () => {
  const sections = [section('a', 10, 15), section('b', 20, 30)];

  it('puts a header row before each section and maps rows and lines both ways', () => {
    const map = new RowMap(40, sections, new Set());
    assert.equal(map.count, 42);
    assert.deepEqual(map.at(9), { kind: 'line', line: 9 });
    assert.equal(map.at(10).kind, 'section');
    assert.deepEqual(map.at(11), { kind: 'line', line: 10 });
    assert.deepEqual(map.at(16), { kind: 'line', line: 15 });
    assert.equal(map.at(21).kind, 'section');
    assert.deepEqual(map.at(22), { kind: 'line', line: 20 });
    assert.deepEqual(map.at(41), { kind: 'line', line: 39 });
    for (let line = 0; line < 40; line++)
      assert.deepEqual(map.at(map.rowOf(line)), { kind: 'line', line });
  });

  it('hides the lines of a collapsed section behind its header', () => {
    const map = new RowMap(40, sections, new Set(['a']));
    assert.equal(map.count, 37);
    assert.deepEqual(map.at(10), {
      kind: 'section',
      section: sections[0],
      collapsed: true,
      lines: 5,
    });
    assert.deepEqual(map.at(11), { kind: 'line', line: 15 });
    assert.equal(map.rowOf(12), 10, 'a hidden line maps to its header');
    assert.equal(map.rowOf(15), 11);
    assert.deepEqual(map.at(map.rowOf(25)), { kind: 'line', line: 25 });
    assert.equal(map.sectionOf(12)?.id, 'a');
    assert.equal(map.sectionOf(17), undefined);
  });

  it('runs an open section to the end of the log and ignores sections past it', () => {
    const map = new RowMap(25, [section('a', 10, null), section('late', 30, 40)], new Set(['a']));
    assert.equal(map.count, 11);
    assert.equal(map.at(10).kind, 'section');
    assert.equal(map.rowOf(24), 10);
  });
});
