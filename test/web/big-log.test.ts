/**
 * A 1,000,000-line (~100 MB) log opens in the viewer in real Chromium:
 * the first lines show, `#L1000000` jumps to the end, and the browser
 * fetched a few blocks of lines, never the log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from './support/browser.ts';
import { countBytes, launch, signInWithForm } from './support/browser.ts';
import { BIG_LINES, seedBigLog } from './support/big-log.ts';
import type { Harness } from './support/harness.ts';
import { startHarness } from './support/harness.ts';

describe('a million-line log in the viewer', () => {
  let h: Harness;
  let b: Browser;
  let big: Awaited<ReturnType<typeof seedBigLog>>;

  before(async () => {
    h = await startHarness();
    await h.listen();
    big = await seedBigLog(h.controller);
    b = await launch();
    await signInWithForm(b.page, h.url, h.admin);
  });
  after(async () => {
    await b?.close();
    await h?.close();
  });

  it('shows the first lines and jumps to the last without loading the log', async (t) => {
    assert.ok(big.bytes > 95_000_000, `the log is ~100 MB (${big.bytes} bytes)`);
    const bytes = countBytes(b.page);
    const page = b.page;
    await page.goto(`${h.url}/builds/${big.buildId}?log=${big.stream}`);
    const first = page.locator('.lv-row', { hasText: /^1line 1 abc/ });
    await first.waitFor({ state: 'visible' });
    assert.match(
      (await page.locator('.lv-scroller').getAttribute('aria-label')) ?? '',
      /1,000,000 lines/,
    );

    await page.evaluate("location.hash = '#L1000000'");
    const last = page.locator('.lv-row.lv-target', { hasText: 'line 1000000 ' });
    await last.waitFor({ state: 'visible' });
    assert.equal(await last.locator('.ansi-green-fg').count(), 1, 'its colour is rendered');

    await page.evaluate("location.hash = '#L500000'");
    await page
      .locator('.lv-row.lv-target', { hasText: 'line 500000 ' })
      .waitFor({ state: 'visible' });

    const rows = await page.locator('.lv-row').count();
    assert.ok(rows < 200, `only the rows in view exist (${rows})`);
    await page.waitForLoadState('networkidle');
    const received = bytes.total();
    assert.ok(received < 2_000_000, `received ${received} bytes for a ${big.bytes}-byte log`);
    assert.ok(received > 50_000, 'lines did arrive');
    const fetched = Number(await page.evaluate('window.rigLog.store.fetchedBytes'));
    assert.ok(fetched < 1_000_000, `line data fetched: ${fetched} bytes`);
    t.diagnostic(
      `${BIG_LINES} lines, ${big.bytes} bytes; the browser received ${received} bytes (${fetched} of line data)`,
    );
  });
});
