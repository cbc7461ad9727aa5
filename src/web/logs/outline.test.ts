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

  it('fits a step to the lines it printed when a parallel branch started alongside', () => {
    const seg = (from: number, count: number, stage: string, stepId: string): unknown => ({
      type: 'log.segment',
      at: from,
      segment: { from, count, stage, stepId },
    });
    const outline = outlineOf(
      [
        ev(10, { type: 'step.start', at: 1, stepId: 'u', stage: 'Test/unit', name: 'sh' }),
        ev(10, { type: 'step.start', at: 1, stepId: 'l', stage: 'Test/lint', name: 'sh' }),
        ev(10, seg(10, 4, 'Test/unit', 'u')),
        ev(14, { type: 'step.end', at: 2, stepId: 'u', result: 'SUCCESS' }),
        ev(14, seg(14, 2, 'Test/lint', 'l')),
        ev(16, { type: 'step.end', at: 3, stepId: 'l', result: 'SUCCESS' }),
      ],
      'j1',
    );
    assert.deepEqual(
      outline.sections.map((s) => [s.title, s.from, s.to]),
      [
        ['Test/unit › sh', 10, 14],
        ['Test/lint › sh', 14, 16],
      ],
    );
    assert.equal(outline.lanes, undefined, 'one after the other: no branch labels');
  });

  it('labels the lines of branches that interleave, and does not collapse them', () => {
    const seg = (from: number, count: number, stage: string | null, stepId: string): unknown => ({
      type: 'log.segment',
      at: from,
      segment: { from, count, stage, stepId },
    });
    const outline = outlineOf(
      [
        ev(0, seg(0, 2, 'Build', 'b')),
        ev(2, { type: 'step.start', at: 1, stepId: 'u', stage: 'Test/unit', name: 'sh' }),
        ev(2, { type: 'step.start', at: 1, stepId: 'l', stage: 'Test/lint', name: 'sh' }),
        ev(2, seg(2, 3, 'Test/unit', 'u')),
        ev(5, seg(5, 1, 'Test/lint', 'l')),
        ev(6, seg(6, 2, 'Test/unit', 'u')),
        ev(8, { type: 'step.end', at: 2, stepId: 'u', result: 'SUCCESS' }),
        ev(8, { type: 'step.end', at: 3, stepId: 'l', result: 'SUCCESS' }),
        ev(8, seg(8, 1, null, 'p')),
      ],
      'j1',
    );
    assert.deepEqual(
      outline.sections.map((s) => s.id),
      ['step:l'],
      'unit holds a lint line; lint holds only its own',
    );
    assert.deepEqual(outline.lanes, [
      [0, null],
      [2, 'Test/unit'],
      [5, 'Test/lint'],
      [6, 'Test/unit'],
      [8, null],
    ]);
  });
});
