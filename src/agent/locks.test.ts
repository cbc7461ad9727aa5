import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentMessage } from '../protocol/messages.ts';
import { AgentLocks } from './locks.ts';

test('requests are listed for hello, waiting ones sent again, a grant resolves once', async () => {
  const sent: AgentMessage[] = [];
  let online = false;
  const locks = new AgentLocks((m) => (online ? (sent.push(m), true) : false));
  const provider = locks.forJob('j1');
  const a = provider.acquire('db', {});
  const b = provider.acquire('net', {});
  assert.equal(sent.length, 0, 'offline: nothing went out');
  assert.deepEqual(
    locks.state().map((l) => [l.requestId, l.resource, l.held]),
    [
      ['j1:1', 'db', false],
      ['j1:2', 'net', false],
    ],
  );
  online = true;
  locks.resendWaiting();
  assert.deepEqual(
    sent.map((m) => m.type === 'lock.acquire' && m.requestId),
    ['j1:1', 'j1:2'],
  );
  locks.granted('j1:1');
  locks.granted('j1:1');
  const release = await a;
  assert.deepEqual(
    locks.state().map((l) => l.held),
    [true, false],
  );
  locks.resendWaiting();
  assert.equal(sent.length, 3, 'only the waiting request is sent again');
  release();
  release();
  assert.deepEqual(sent.at(-1), {
    type: 'lock.release',
    jobId: 'j1',
    resource: 'db',
    requestId: 'j1:1',
  });
  assert.equal(sent.length, 4);
  locks.forgetJob('j1');
  assert.deepEqual(locks.state(), []);
  void b;
});

test('an aborted wait is released at the controller and rejects', async () => {
  const sent: AgentMessage[] = [];
  const locks = new AgentLocks((m) => (sent.push(m), true));
  const abort = new AbortController();
  const waiting = locks.forJob('j2').acquire('db', { signal: abort.signal });
  abort.abort();
  await assert.rejects(waiting, /cancelled while waiting for lock db/);
  assert.equal(sent.at(-1)?.type, 'lock.release');
  assert.deepEqual(locks.state(), []);
});
