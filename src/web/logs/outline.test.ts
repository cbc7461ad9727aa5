import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredEvent } from '../../controller/store/records.ts';
import { outlineOf } from './outline.ts';

let index = 0;
const ev = (line: number, event: unknown, source = 'j1'): StoredEvent => ({
  buildId: 'b1',
  source,
  chunkSeq: 1,
  index: index++,
  line,
  event,
});

describe('log outline', () => {
  it('makes one section per printing step and keeps arrival times', () => {
    const outline = outlineOf(
      [
        ev(0, { type: 'log.segment', at: 100, segment: { from: 0 } }),
        ev(1, { type: 'step.start', at: 101, stepId: 's1', stage: 'Build', name: 'dir' }),
        ev(1, {
          type: 'step.start',
          at: 102,
          stepId: 's2',
          stage: 'Build',
          name: 'sh',
          label: 'make',
        }),
        ev(1, { type: 'log.segment', at: 103, segment: { from: 1 } }),
        ev(9, { type: 'step.end', at: 110, stepId: 's2', result: 'FAILURE', durationMs: 8 }),
        ev(9, { type: 'step.end', at: 111, stepId: 's1', result: 'FAILURE', durationMs: 10 }),
        ev(9, { type: 'post.start', at: 112, scope: 'pipeline', condition: 'always' }),
        ev(12, {
          type: 'post.end',
          at: 113,
          scope: 'pipeline',
          condition: 'always',
          result: 'SUCCESS',
        }),
        ev(12, { type: 'step.start', at: 114, stepId: 'other', name: 'sh' }, 'j2'),
      ],
      'j1',
    );
    assert.deepEqual(
      outline.sections.map((s) => [s.title, s.from, s.to, s.result]),
      [
        ['Build › sh: make', 1, 9, 'FAILURE'],
        ['post always', 9, 12, 'SUCCESS'],
      ],
    );
    assert.deepEqual(outline.times, [
      [0, 100],
      [1, 103],
    ]);
  });

  it('drops sections that interleave (parallel branches in one stream)', () => {
    const outline = outlineOf(
      [
        ev(0, { type: 'step.start', at: 1, stepId: 'a', name: 'sh' }),
        ev(1, { type: 'step.start', at: 2, stepId: 'b', name: 'sh' }),
        ev(5, { type: 'step.end', at: 3, stepId: 'a', result: 'SUCCESS' }),
        ev(8, { type: 'step.end', at: 4, stepId: 'b', result: 'SUCCESS' }),
        ev(10, { type: 'step.start', at: 5, stepId: 'c', name: 'sh' }),
        ev(12, { type: 'step.end', at: 6, stepId: 'c', result: 'SUCCESS' }),
      ],
      'j1',
    );
    assert.deepEqual(
      outline.sections.map((s) => s.id),
      ['step:c'],
    );
  });
});
