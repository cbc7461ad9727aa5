import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createMasker } from './mask.ts';
import { StreamMasker } from './stream-mask.ts';

test('masks every occurrence in a line', () => {
  const m = createMasker(['hunter2']);
  assert.equal(m.mask('password=hunter2 again hunter2'), 'password=**** again ****');
  assert.equal(m.mask('nothing here'), 'nothing here');
});

test('with no secrets, text passes unchanged; empty secrets are ignored', () => {
  assert.equal(createMasker([]).mask('a b c'), 'a b c');
  assert.equal(createMasker(['']).mask('a b c'), 'a b c');
});

test('overlapping secrets are masked as one, leaking no fragment', () => {
  const m = createMasker(['abcd', 'cdef']);
  assert.equal(m.mask('xxabcdefyy'), 'xx****yy');
  assert.equal(createMasker(['aa']).mask('aaaaa'), '****');
});

test('regex characters in secrets are taken literally', () => {
  assert.equal(createMasker(['a.b*c$(d)']).mask('x a.b*c$(d) axbbc'), 'x **** axbbc');
});

test('multi-line secrets are masked line by line; short lines are left alone', () => {
  const key = '-----BEGIN KEY-----\r\nMIIEvQIBADANBg\n  kqhkiG9w0BAQ  \n}\n-----END KEY-----\n';
  const m = createMasker([key]);
  assert.equal(m.mask('  MIIEvQIBADANBg'), '  ****');
  assert.equal(m.mask('kqhkiG9w0BAQ'), '****');
  assert.equal(m.mask('-----END KEY-----'), '****');
  assert.equal(m.mask('if (x) { y }'), 'if (x) { y }');
  assert.equal(m.mask('a\nMIIEvQIBADANBg\nb'), 'a\n****\nb');
});

test('stream: a secret split across writes is still masked', () => {
  const s = new StreamMasker(['s3cr3t-value']);
  const out = s.write('token: s3cr') + s.write('3t-va') + s.write('lue\nnext') + s.end();
  assert.equal(out, 'token: ****\nnext');
});

test('stream: complete lines pass at once, the partial line waits', () => {
  const s = new StreamMasker(['zzz']);
  assert.equal(s.write('one\ntw'), 'one\n');
  assert.equal(s.write('o'), '');
  assert.equal(s.end(), 'two');
});

test('stream: an endless line is released in bounded pieces, still masked', () => {
  const secret = 'SECRET-123';
  const s = new StreamMasker([secret], 100);
  let out = '';
  let maxHeld = 0;
  for (let i = 0; i < 500; i++) {
    out += s.write(`\r${i} ${i % 7 === 0 ? secret : 'progress'} `);
    maxHeld = Math.max(maxHeld, (s as unknown as { pending: string }).pending.length);
  }
  out += s.end();
  assert.ok(!out.includes('SECRET'), 'secret leaked');
  assert.ok(maxHeld <= 100 + 30, `held ${maxHeld} characters`);
  assert.equal(out.split('****').length - 1, Math.ceil(500 / 7));
});

test('stream output equals whole-text masking, however the text is cut and held', () => {
  const secrets = ['abc', 'b\nXYZW\nc', 'cab'];
  const alphabet = fc.constantFrom('a', 'b', 'c', 'X', 'Y', 'Z', 'W', '\n', ' ');
  fc.assert(
    fc.property(
      fc.array(
        fc.array(alphabet, { maxLength: 12 }).map((a) => a.join('')),
        { maxLength: 20 },
      ),
      fc.integer({ min: 1, max: 20 }),
      (chunks, hold) => {
        const whole = createMasker(secrets).mask(chunks.join(''));
        const s = new StreamMasker(secrets, hold);
        const streamed = chunks.map((c) => s.write(c)).join('') + s.end();
        // A cut may split one run of touching secrets into two masks: compare runs.
        const runs = (t: string): string => t.replace(/\*{4,}/g, '****');
        assert.equal(runs(streamed), runs(whole));
        for (const piece of ['abc', 'XYZW', 'cab']) {
          for (const line of streamed.split('\n'))
            assert.ok(!line.includes(piece), `${piece} in ${JSON.stringify(streamed)}`);
        }
      },
    ),
    { numRuns: 2000 },
  );
});
