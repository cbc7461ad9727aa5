import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAgo, formatBytes, formatDuration, plural } from './format.ts';
import { agentLook, lookOf } from './status.ts';

describe('format', () => {
  it('says durations, ages and sizes briefly', () => {
    assert.equal(formatDuration(850), '850ms');
    assert.equal(formatDuration(245_000), '4m05s');
    assert.equal(formatAgo(0, 5 * 60_000), '5 min ago');
    assert.equal(formatAgo(0, 3 * 86_400_000), '3 days ago');
    assert.equal(formatBytes(104_857_600), '105 MB');
    assert.equal(plural(1, 'container'), '1 container');
    assert.equal(plural(2, 'network namespace'), '2 network namespaces');
  });

  it('gives every state a word as well as a colour', () => {
    assert.deepEqual(lookOf('finished', 'FAILURE'), {
      tone: 'failure',
      label: 'Failed',
      icon: 'cross',
    });
    assert.equal(lookOf('running', null).label, 'Running');
    assert.equal(lookOf('finished', 'ABORTED').label, 'Cancelled');
    assert.equal(agentLook('quarantined').label, 'Quarantined');
  });
});
