import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carryAfter, stripAnsi } from './ansi-carry.ts';
import { lineConverter } from './ansi-html.ts';

describe('ANSI colour across lines', () => {
  it('carries the SGR sequences since the last reset', () => {
    assert.equal(carryAfter('', 'plain'), '');
    assert.equal(carryAfter('', '\x1b[31mred starts'), '\x1b[31m');
    assert.equal(carryAfter('\x1b[31m', 'and \x1b[1mbold'), '\x1b[31m\x1b[1m');
    assert.equal(carryAfter('\x1b[31m', 'ends\x1b[0m'), '');
    assert.equal(carryAfter('\x1b[31m', '\x1b[0;32mgreen'), '\x1b[0;32m');
  });

  it('renders a line in the colour a previous line left on', () => {
    const convert = lineConverter('\x1b[31m');
    assert.equal(convert('still red'), '<span class="ansi-red-fg">still red</span>');
    const fresh = lineConverter();
    assert.equal(fresh('still red'), 'still red');
  });

  it('escapes HTML in log text', () => {
    assert.equal(
      lineConverter()('<script>x</script> & "q"'),
      '&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;',
    );
  });

  it('strips escapes for search', () => {
    assert.equal(stripAnsi('\x1b[1;32mok\x1b[0m done'), 'ok done');
    assert.equal(stripAnsi('\x1b]8;;https://x\x07link\x1b]8;;\x07'), 'link');
  });
});
