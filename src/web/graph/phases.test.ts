import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredEvent } from '../../controller/store/records.ts';
import { describeRemoved, postPhases, teardownPhases } from './phases.ts';

const stored = (event: unknown, line = 0, source = 'j1'): StoredEvent => ({
  buildId: 'b1',
  source,
  chunkSeq: 1,
  index: 0,
  line,
  event,
});

describe('post and teardown phases', () => {
  it('says what teardown removed, counted by kind in plain words', () => {
    assert.equal(
      describeRemoved([{ kind: 'container' }, { kind: 'netns' }, { kind: 'container' }]),
      'removed 2 containers, 1 network namespace',
    );
    assert.equal(describeRemoved([]), 'nothing to remove');
  });

  it('keeps what teardown could not remove and what it left on the host', () => {
    const [t] = teardownPhases([
      stored(
        {
          type: 'teardown',
          at: 5,
          removed: [{ kind: 'link', id: 'veth0' }],
          failed: [{ kind: 'mount', id: '/mnt/x', error: 'busy' }],
          leftovers: ['iptables rule rig-1'],
        },
        42,
      ),
    ]);
    assert.equal(t?.summary, 'removed 1 network link');
    assert.deepEqual(t?.failed, [{ what: 'mount /mnt/x', error: 'busy' }]);
    assert.deepEqual(t?.leftovers, ['iptables rule rig-1']);
    assert.equal(t?.line, 42);
  });

  it('pairs post block starts and ends per scope and condition', () => {
    const posts = postPhases([
      stored({ type: 'post.start', at: 10, scope: 'pipeline', condition: 'always' }, 7),
      stored(
        { type: 'post.end', at: 15, scope: 'pipeline', condition: 'always', result: 'SUCCESS' },
        9,
      ),
      stored({ type: 'post.start', at: 16, scope: 'pipeline', condition: 'failure' }, 9),
    ]);
    assert.deepEqual(
      posts.map((p) => [p.condition, p.result, p.durationMs, p.line]),
      [
        ['always', 'SUCCESS', 5, 7],
        ['failure', null, null, 9],
      ],
    );
  });
});
