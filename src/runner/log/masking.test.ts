import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineBuffer } from './line-buffer.ts';
import { Masker } from './masker.ts';

test('a secret split across output chunks is masked once its line is complete', () => {
  const masker = new Masker();
  masker.add('s3cr3t-value');
  const out: string[] = [];
  const buffer = new LineBuffer((text) => out.push(masker.mask(text)));
  buffer.push(Buffer.from('token=s3cr'));
  buffer.push(Buffer.from('3t-value and more\nnext line s3cr3t'));
  buffer.push(Buffer.from('-value'));
  buffer.flush();
  assert.deepEqual(out, ['token=**** and more', 'next line ****']);
});

test('each line of a multi-line secret is masked, longer secrets first', () => {
  const masker = new Masker();
  masker.add('-----BEGIN KEY-----\nAAAAsecretline\n-----END KEY-----');
  masker.add('abc');
  masker.add('abcdef');
  assert.equal(masker.mask('x AAAAsecretline y'), 'x **** y');
  assert.equal(masker.mask('abcdef abc'), '**** ****');
  assert.equal(masker.mask('nothing here'), 'nothing here');
});

test('multi-byte characters split across chunks are decoded whole', () => {
  const out: string[] = [];
  const buffer = new LineBuffer((text) => out.push(text));
  const bytes = Buffer.from('héllo ✓\n');
  buffer.push(bytes.subarray(0, 2));
  buffer.push(bytes.subarray(2, 9));
  buffer.push(bytes.subarray(9));
  buffer.flush();
  assert.deepEqual(out, ['héllo ✓']);
});
