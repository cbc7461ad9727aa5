import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from '../store/sqlite.ts';
import { LockManager } from './locks.ts';

async function withLocks(fn: (locks: LockManager) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-locks-'));
  const store = await openSqliteStore(join(dir, 'rig.db'));
  try {
    await fn(new LockManager(store));
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

test('one holder at a time, first come first served', () =>
  withLocks(async (locks) => {
    const order: string[] = [];
    await locks.acquire('db', 'b1:j1#1');
    const second = locks.acquire('db', 'b1:j1#2').then(() => order.push('j1#2'));
    await tick();
    const third = locks.acquire('db', 'b2:j9#1').then(() => order.push('j9#1'));
    await tick();
    assert.deepEqual(order, [], 'two requests of one job exclude each other too');
    assert.deepEqual(locks.waitingFor('b1:'), ['db']);
    await locks.release('db', 'b1:j1#1');
    await second;
    await locks.release('db', 'b1:j1#2');
    await third;
    assert.deepEqual(order, ['j1#2', 'j9#1']);
  }));

test('a request sent again joins its wait, or finds its lock held', () =>
  withLocks(async (locks) => {
    await locks.acquire('db', 'b1:j1#1');
    const first = locks.acquire('db', 'b1:j2#1');
    const again = locks.acquire('db', 'b1:j2#1');
    assert.equal(first, again);
    await locks.release('db', 'b1:j1#1');
    await again;
    await locks.acquire('db', 'b1:j2#1');
    await locks.release('db', 'b1:j2#1');
    await locks.acquire('db', 'b3:j3#1');
  }));

test('a job that ends frees its locks and drops its waits, together with its own change', () =>
  withLocks(async (locks) => {
    await locks.acquire('a', 'b1:j1#1');
    await locks.acquire('b', 'b1:j2#1');
    const dropped = locks.acquire('b', 'b1:j1#2');
    const next = locks.acquire('a', 'b2:j5#1');
    let also = 0;
    await locks.releaseAllOf('b1:j1#', () => Promise.resolve(void also++));
    await assert.rejects(dropped, /gave up waiting for lock b: its job or build ended/);
    await next;
    assert.equal(also, 1);
    assert.deepEqual(locks.waitingFor('b1:'), []);
  }));

test('an aborted wait gives up its place', () =>
  withLocks(async (locks) => {
    await locks.acquire('x', 'h#1');
    const abort = new AbortController();
    const waiting = locks.acquire('x', 'h#2', abort.signal);
    const after = locks.acquire('x', 'h#3');
    await tick();
    abort.abort();
    await assert.rejects(waiting, /the wait was cancelled/);
    await locks.release('x', 'h#1');
    await after;
  }));
