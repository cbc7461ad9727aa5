/**
 * The conformance suite on a real PostgreSQL 15. Uses RIG_TEST_PG_URL when
 * set; otherwise, when a local cluster answers to `runuser -u postgres psql`,
 * makes a throw-away role and database for this run and drops them after.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { openPostgresStore } from '../../../src/controller/store/postgres.ts';
import { storeConformance } from './conformance.ts';

function psql(sql: string): boolean {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', 'psql', '-qAtc', sql], {
    encoding: 'utf8',
  });
  return r.status === 0;
}

function localCluster(): { url: string; drop: () => void } | { skip: string } {
  if (!psql('select 1'))
    return {
      skip: 'no PostgreSQL: set RIG_TEST_PG_URL or start one (pg_ctlcluster 15 main start)',
    };
  const suffix = randomBytes(4).toString('hex');
  const role = `rig_test_${suffix}`;
  const password = randomBytes(12).toString('hex');
  psql(`create role ${role} login createdb password '${password}'`);
  return {
    url: `postgres://${role}:${password}@127.0.0.1:5432/postgres`,
    drop: () => {
      for (let i = 0; i < 40; i++) psql(`drop database if exists ${role}_${i} with (force)`);
      psql(`drop role if exists ${role}`);
    },
  };
}

const target = process.env.RIG_TEST_PG_URL
  ? { url: process.env.RIG_TEST_PG_URL, drop: () => {} }
  : localCluster();

if ('skip' in target) {
  storeConformance('postgres', () => Promise.reject(new Error('unreachable')), target.skip);
} else {
  after(target.drop);
  const user = new URL(target.url).username;
  let n = 0;
  storeConformance('postgres', async () => {
    // A fresh database per case, so cases never see each other's rows.
    const name = `${user}_${n++}`;
    if (!psql(`create database ${name} owner ${user}`))
      throw new Error(`cannot create database ${name}`);
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    return openPostgresStore(url.toString());
  });
}
