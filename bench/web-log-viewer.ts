/**
 * The log viewer against a 100 MB, 1,000,000-line log, in headless Chromium.
 *
 *   node --import tsx bench/web-log-viewer.ts [runs]
 *
 * Viewer figures:
 *  - time to first lines: navigation start until the first log row shows
 *    (HTML, stylesheet, scripts and the first block of lines), cold then warm;
 *  - jump to `#L1000000`: hash change until the last line shows;
 *  - bytes the browser received for all of that;
 *  - line latency: a line appended to the running build's log (as ingest
 *    does) until it is in the viewer's DOM, p50/p95/max over 60 lines.
 * Baselines, measured in the same run on the same server:
 *  - the last 1,000 lines over plain HTTP (`GET …/log/:stream?tail=1000`);
 *  - the whole raw log over plain HTTP (what any viewer that loads the full
 *    log must transfer before it can show the end);
 *  - line latency to a plain HTTP client on the API's SSE follow stream.
 * End to end: `rig serve` (built CLI) with its local agent runs a Jenkinsfile
 * whose step prints timestamped lines; reported is the time from the step
 * printing a line to that line in the viewer's DOM, and to a plain client on
 * the API's build follow stream (the transport's share).
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { logKey } from '../src/controller/scheduler/context.ts';
import { launch, signInWithForm } from '../test/web/support/browser.ts';
import { seedBigLog } from '../test/web/support/big-log.ts';
import { startHarness } from '../test/web/support/harness.ts';
import { gitRepo, startServe } from '../test/web/support/serve.ts';

const runs = Number(process.argv[2] ?? 5);
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log('machine: %d cores, load average %s (1, 5, 15 min)', cpus().length, load());

const h = await startHarness();
await h.listen();
process.stdout.write('seeding a 1,000,000-line log… ');
const big = await seedBigLog(h.controller);
process.stdout.write(`${(big.bytes / 1e6).toFixed(1)} MB\n\n`);
const browser = await launch();
await signInWithForm(browser.page, h.url, h.admin);
const page = browser.page;
const logUrl = `${h.url}/builds/${big.buildId}?log=${big.stream}`;

async function firstLines(p: Page): Promise<number> {
  const t = performance.now();
  await p.goto(logUrl, { waitUntil: 'commit' });
  await p.locator('.lv-row', { hasText: /^1line 1 abc/ }).waitFor({ state: 'visible' });
  return performance.now() - t;
}

async function jumpToEnd(p: Page): Promise<number> {
  const t = performance.now();
  await p.evaluate("location.hash = '#L1000000'");
  await p.locator('.lv-row.lv-target', { hasText: 'line 1000000 ' }).waitFor({ state: 'visible' });
  return performance.now() - t;
}

// ---- viewer: open and jump
let received = 0;
page.on(
  'requestfinished',
  (r) => void r.sizes().then((s) => (received += s.responseBodySize + s.responseHeadersSize)),
);
const cold = await firstLines(page);
const coldJump = await jumpToEnd(page);
await page.waitForLoadState('networkidle');
const coldBytes = received;
const warm: number[] = [];
const jumps: number[] = [];
for (let i = 0; i < runs; i++) {
  await page.goto('about:blank');
  warm.push(await firstLines(page));
  jumps.push(await jumpToEnd(page));
}

// ---- baselines: plain HTTP
const auth = { authorization: `Bearer ${h.admin}` };
const tails: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const res = await fetch(`${h.url}/api/builds/${big.buildId}/log/${big.stream}?tail=1000`, {
    headers: auth,
  });
  await res.arrayBuffer();
  tails.push(performance.now() - t);
}
const t = performance.now();
const raw = await fetch(`${h.url}/api/builds/${big.buildId}/log/${big.stream}/raw`, {
  headers: auth,
});
const rawBytes = (await raw.arrayBuffer()).byteLength;
const rawMs = performance.now() - t;

// ---- line latency: write to DOM, and to a plain SSE client
const live = await seedBigLog(h.controller, 200, 'running');
await page.goto(`${h.url}/builds/${live.buildId}?log=${live.stream}`);
await page.locator('.lv-row', { hasText: 'line 200 ' }).waitFor({ state: 'visible' });
await page.evaluate(`(() => {
  window.__marks = {};
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    for (const el of document.querySelectorAll('.lv-row .lt')) {
      const m = /MARK-(\\d+)-/.exec(el.textContent || '');
      if (m && !(m[1] in window.__marks)) window.__marks[m[1]] = now;
    }
  }).observe(document.querySelector('.lv-layer'), { childList: true, subtree: true, characterData: true });
})()`);
const sse = await fetch(`${h.url}/api/builds/${live.buildId}/log/${live.stream}/follow?from=200`, {
  headers: auth,
});
const sseSeen = new Map<number, number>();
const reader = sse.body?.getReader();
void (async () => {
  const decoder = new TextDecoder();
  for (;;) {
    const r = await reader?.read();
    if (!r || r.done) return;
    const now = Date.now() + (performance.timeOrigin + performance.now() - Date.now());
    for (const m of decoder.decode(r.value).matchAll(/MARK-(\d+)-/g))
      if (!sseSeen.has(Number(m[1]))) sseSeen.set(Number(m[1]), now);
  }
})();
const written = new Map<number, number>();
const logs = h.controller.scheduler.ctx.logs;
const key = logKey(live.buildId, live.stream);
for (let i = 1; i <= 60; i++) {
  const at = performance.timeOrigin + performance.now();
  written.set(i, at);
  await logs.append(key, live.seq + i, [`MARK-${i}-${Math.round(at)} printed by the step`]);
  await new Promise((r) => setTimeout(r, 40));
}
await new Promise((r) => setTimeout(r, 500));
const marks = (await page.evaluate('window.__marks')) as Record<string, number>;
const dom = [...written]
  .filter(([i]) => marks[i] !== undefined)
  .map(([i, at]) => (marks[i] as number) - at);
const plain = [...written]
  .filter(([i]) => sseSeen.has(i))
  .map(([i, at]) => (sseSeen.get(i) as number) - at);
await reader?.cancel();

console.log('log: %s lines, %s MB', '1,000,000', (big.bytes / 1e6).toFixed(1));
console.log('\nviewer (Chromium, headless)');
console.log('  first lines, cold          %s', ms(cold));
console.log('  first lines, warm (p50/%d)  %s', runs, ms(median(warm)));
console.log('  jump to #L1000000, cold    %s', ms(coldJump));
console.log('  jump to #L1000000 (p50)    %s', ms(median(jumps)));
console.log('  bytes received (open + jump, cold) %s KB', (coldBytes / 1000).toFixed(0));
console.log('\nbaseline: plain HTTP');
console.log('  last 1,000 lines (p50)     %s', ms(median(tails)));
console.log('  whole raw log              %s (%s MB)', ms(rawMs), (rawBytes / 1e6).toFixed(1));
console.log('\nline latency, append → seen (60 lines)');
console.log(
  '  viewer DOM    p50 %s  p95 %s  max %s  (%d/60 seen)',
  ms(median(dom)),
  ms(pct(dom, 95)),
  ms(Math.max(...dom)),
  dom.length,
);
console.log(
  '  plain SSE     p50 %s  p95 %s  max %s  (%d/60 seen)',
  ms(median(plain)),
  ms(pct(plain, 95)),
  ms(Math.max(...plain)),
  plain.length,
);

await browser.close();
await h.close();

// ---- end to end: a step prints, the line shows in the viewer (rig serve + local agent)
await endToEnd();

async function endToEnd(): Promise<void> {
  const s = await startServe();
  const marks = 60;
  const repo = gitRepo(s.dir, {
    Jenkinsfile: `pipeline {
  agent any
  stages {
    stage('Print') {
      steps {
        sh 'sleep 4; for i in $(seq 1 ${marks}); do echo "MARK-$i-$(date +%s%3N)"; sleep 0.05; done'
      }
    }
  }
}
`,
  });
  await s.api('/api/projects/latency', {
    method: 'PUT',
    body: JSON.stringify({
      name: 'latency',
      repo,
      pipelineFile: 'Jenkinsfile',
      defaultBranch: 'main',
    }),
  });
  const b = await launch();
  await signInWithForm(b.page, s.url, s.admin);
  await b.page.goto(`${s.url}/projects/latency`);
  await b.page.getByRole('button', { name: 'Run build' }).click();
  await b.page.waitForURL(/\/builds\/[^/?#]+$/);
  const id = b.page.url().split('/').pop() ?? '';
  await b.page.evaluate(`(() => {
    window.__marks = {};
    new MutationObserver(() => {
      const now = Date.now();
      for (const el of document.querySelectorAll('.lv-row .lt')) {
        const m = /^MARK-(\\d+)-(\\d+)$/.exec(el.textContent || '');
        if (m && !(m[1] in window.__marks)) window.__marks[m[1]] = now - Number(m[2]);
      }
    }).observe(document.getElementById('log'), { childList: true, subtree: true, characterData: true });
  })()`);
  const plain: number[] = [];
  const sse = await fetch(`${s.url}/api/builds/${id}/follow`, {
    headers: { authorization: `Bearer ${s.admin}` },
  });
  const reader = sse.body?.getReader();
  const reading = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const r = await reader?.read();
      if (!r || r.done) return;
      const now = Date.now();
      // The shell's trace (`+ echo MARK-…`) comes first; the printed line follows.
      for (const m of decoder.decode(r.value).matchAll(/(?<!echo )MARK-\d+-(\d+)/g))
        plain.push(now - Number(m[1]));
    }
  })();
  await b.page
    .locator('.build-title-row .badge', { hasText: 'Passed' })
    .waitFor({ timeout: 120_000 });
  await reading;
  const seen = Object.values((await b.page.evaluate('window.__marks')) as Record<string, number>);
  console.log('\nline latency, step prints → seen (rig serve, local agent, %d lines)', marks);
  console.log(
    '  viewer DOM    p50 %s  p95 %s  max %s  (%d seen)',
    ms(median(seen)),
    ms(pct(seen, 95)),
    ms(Math.max(...seen)),
    seen.length,
  );
  console.log(
    '  plain SSE     p50 %s  p95 %s  max %s  (%d seen)',
    ms(median(plain)),
    ms(pct(plain, 95)),
    ms(Math.max(...plain)),
    plain.length,
  );
  await b.close();
  await s.stop();
  console.log('\nload average at the end: %s', load());
}
