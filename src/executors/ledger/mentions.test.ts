import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Mentions } from './mentions.ts';

test('names in trace lines count, plain output does not', () => {
  const m = new Mentions();
  m.feed('s 1', Buffer.from('+ ip netns add ns-a\nns-b (id: 3)\n+ + mount -t tmpfs x /mnt/a\n'));
  assert.ok(m.has('ns-a'));
  assert.ok(m.has('/mnt/a'));
  assert.ok(!m.has('ns-b'), 'ip netns list output names other jobs');
});

test('a trace line that lost its prefix to a background subshell still counts', () => {
  const m = new Mentions();
  m.feed('s 1', Buffer.from('+ + setsid sleep 1\nip link add lkd-1 type veth peer name lke-1\n'));
  assert.ok(m.has('lkd-1') && m.has('lke-1'));
});

test('lines split across chunks are joined per stream', () => {
  const m = new Mentions();
  m.feed('s 1', Buffer.from('+ podman run --name=c'));
  m.feed('s 2', Buffer.from('+ ip netns add other\n'));
  m.feed('s 1', Buffer.from('ont-1 img\n'));
  assert.ok(m.has('cont-1'));
  assert.ok(m.has('other'));
});
