/**
 * The attribution rule on constructed snapshots: the same rule the real-host
 * tests exercise, here with every branch (including `exclusive`, which must
 * not run for real on a machine other jobs share).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeDiff, type JobTraces } from './attribute.ts';
import type { HostSnapshot } from './snapshot.ts';

const mount = (id: number, mountPoint: string, fsType = 'tmpfs') => ({
  id,
  mountPoint,
  fsType,
  source: 'none',
});

const before: HostSnapshot = {
  takenAt: 0,
  netns: { old: 1 },
  links: { lo: 1, eth0: 2 },
  mounts: { '1': mount(1, '/') },
  containers: { aaa: 'old-ctr' },
  cgroups: [],
  marked: {},
};

const after: HostSnapshot = {
  ...before,
  netns: { old: 1, 'by-process': 101, 'job-7-named': 102, 'someone-else': 103, replaced: 104 },
  links: { lo: 1, eth0: 2, 'veth-ours': 10, 'veth-theirs': 11 },
  mounts: {
    '1': mount(1, '/'),
    '2': mount(2, '/ws/job/mnt'),
    '3': mount(3, '/mnt/elsewhere'),
    '4': mount(4, '/run/netns/by-process', 'nsfs'),
    '5': mount(5, '/var/lib/containers/storage/overlay/x/merged', 'overlay'),
  },
  containers: { aaa: 'old-ctr', bbb: 'marked-ctr', ccc: 'foreign-ctr' },
};

const traces: JobTraces = {
  jobId: 'job-7',
  netnsInodes: new Set([101]),
  paths: ['/ws/job'],
  containers: new Set(['bbb']),
  linkPeers: { 'veth-ours': 'by-process', 'veth-theirs': 'someone-else' },
  ignoreMountsUnder: ['/var/lib/containers/storage'],
};

test('traced: only what leads back to the job is attributed; the rest is listed', () => {
  const result = attributeDiff(before, after, traces, 'traced');
  assert.deepEqual(
    result.entries.map((e) => `${e.kind} ${e.id}`),
    [
      'netns by-process',
      'netns job-7-named',
      'link veth-ours',
      'mount /ws/job/mnt',
      'container bbb',
    ],
  );
  assert.ok(result.entries.every((e) => e.source === 'diff'));
  assert.deepEqual(result.unattributed, [
    'netns someone-else',
    'netns replaced',
    'link veth-theirs',
    'mount /mnt/elsewhere (tmpfs)',
    'container foreign-ctr (ccc)',
  ]);
});

test('a netns re-created under an old name is new', () => {
  const recreated = { ...before, netns: { old: 999 } };
  const result = attributeDiff(
    before,
    recreated,
    { ...traces, netnsInodes: new Set([999]) },
    'traced',
  );
  assert.deepEqual(
    result.entries.map((e) => e.id),
    ['old'],
  );
});

test('exclusive: everything new is the job’s, except what belongs to something else', () => {
  const result = attributeDiff(before, after, traces, 'exclusive');
  assert.equal(result.unattributed.length, 0);
  assert.equal(result.entries.length, 10);
  assert.ok(!result.entries.some((e) => e.id.startsWith('/var/lib/containers')));
  assert.ok(!result.entries.some((e) => e.id === '/run/netns/by-process'));
});

test('nothing new, nothing attributed', () => {
  assert.deepEqual(attributeDiff(before, before, traces, 'exclusive'), {
    entries: [],
    unattributed: [],
  });
});

test('a mount that took the id of one unmounted meanwhile is new', () => {
  // The kernel hands out freed mount ids again: another job's unmount then our mount.
  const withOther = { ...before, mounts: { ...before.mounts, '9': mount(9, '/mnt/other-job') } };
  const reused = { ...before, mounts: { ...before.mounts, '9': mount(9, '/ws/job/mnt') } };
  const result = attributeDiff(withOther, reused, traces, 'traced');
  assert.deepEqual(
    result.entries.map((e) => `${e.kind} ${e.id}`),
    ['mount /ws/job/mnt'],
  );
});
