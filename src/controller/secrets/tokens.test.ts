import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agentTokenPrefix,
  generateToken,
  hashToken,
  userTokenPrefix,
  verifyToken,
} from './tokens.ts';

test('tokens carry their prefix and 256 bits of randomness', () => {
  const token = generateToken(userTokenPrefix);
  assert.match(token, /^rig_u_[A-Za-z0-9_-]{43}$/);
  assert.match(generateToken(agentTokenPrefix), /^rig_a_/);
  const many = new Set(Array.from({ length: 1000 }, () => generateToken('t_')));
  assert.equal(many.size, 1000);
});

test('a bad prefix is a programming error', () => {
  assert.throws(() => generateToken('Rig U'), /prefix/);
});

test('hashToken is hex SHA-256; verifyToken accepts only the right token', () => {
  assert.equal(
    hashToken('abc'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  const token = generateToken(userTokenPrefix);
  const hash = hashToken(token);
  assert.equal(verifyToken(token, hash), true);
  assert.equal(verifyToken(token + 'x', hash), false);
  assert.equal(verifyToken(generateToken(userTokenPrefix), hash), false);
  assert.equal(verifyToken(token, hash.slice(0, 10)), false);
  assert.equal(verifyToken(token, hash.toUpperCase()), false);
  assert.equal(verifyToken(token, ''), false);
});
