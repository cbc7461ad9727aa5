/**
 * The web UI end to end, as a person uses it: a real `rig serve` from the
 * built CLI with its local agent, a git repository with Jenkinsfiles, and
 * headless Chromium. Sign in, run a build and watch its log arrive and its
 * stage graph move, open the failing test, download the artifact, cancel
 * a running build. Screenshots of the main pages go to
 * test-output/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import type { Browser } from './support/browser.ts';
import { launch, signInWithForm } from './support/browser.ts';
import type { Served } from './support/serve.ts';
import { gitRepo, startServe, waitFor } from './support/serve.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const shots = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/**
 * CI runs this beside ~700 other tests on two cores: every wait is for a
 * condition, generous but finite, and a timeout says what it waited for.
 */
const PATIENCE_MS = 90_000;

async function see(what: string, locator: Locator, timeout = PATIENCE_MS): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (err) {
    const why = (err as Error).message.split('\n')[0] ?? '';
    throw new Error(`waited ${timeout / 1000} s for ${what} (${why})`, { cause: err });
  }
}

describe('web UI end to end (rig serve, Chromium)', () => {
  let s: Served;
  let b: Browser;
  let page: Page;
  let buildUrl = '';
  let gate = '';

  before(async () => {
    mkdirSync(shots, { recursive: true });
    s = await startServe();
    gate = join(s.dir, 'gate');
    const repo = gitRepo(s.dir, {
      Jenkinsfile: fixture('Jenkinsfile').replace('@GATE@', gate),
      'Jenkinsfile.slow': fixture('Jenkinsfile.slow'),
      'Jenkinsfile.vm': fixture('Jenkinsfile.vm'),
    });
    for (const [name, pipelineFile] of [
      ['demo', 'Jenkinsfile'],
      ['soak', 'Jenkinsfile.slow'],
      ['vm-tests', 'Jenkinsfile.vm'],
    ] as const) {
      const r = await s.api(`/api/projects/${name}`, {
        method: 'PUT',
        body: JSON.stringify({ name, repo, pipelineFile, defaultBranch: 'main' }),
      });
      assert.ok(r.status < 300, `project ${name}: ${JSON.stringify(r.body)}`);
    }
    await waitFor('the local agent', async () => {
      const r = await s.api<{ agents: Array<{ connected: boolean }> }>('/api/agents');
      return r.body.agents.some((a) => a.connected);
    });
    b = await launch();
    page = b.page;
    page.setDefaultTimeout(PATIENCE_MS);
    page.setDefaultNavigationTimeout(PATIENCE_MS);
    page.on('dialog', (d) => void d.accept());
  });
  after(async () => {
    await b?.close();
    await s?.stop();
  });

  it('signs in with a token', async () => {
    await page.goto(`${s.url}/`);
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await shoot(page, 'sign-in');
    await signInWithForm(page, s.url, s.admin);
    await see('the dashboard', page.getByRole('heading', { name: 'Builds' }));
  });

  it('runs a build and shows its log arriving and its stages moving', async () => {
    await page.goto(`${s.url}/projects/demo`);
    await page.getByLabel('GREETING').fill('bonjour');
    await page.getByRole('button', { name: 'Run build' }).click();
    await page.waitForURL(/\/builds\/[^/?#]+$/);
    buildUrl = page.url();
    // The build waits at the gate: what shows now arrived live.
    await see(
      'the log line "build step 3"',
      page.locator('.lv-row .lt', { hasText: /^build step 3$/ }),
    );
    await see('the Running badge', page.locator('.build-title-row .badge', { hasText: 'Running' }));
    await see(
      'Build running in the graph',
      page.locator('a.chip.status-running', { hasText: 'Build' }),
    );
    await see(
      'unit pending in the graph (planned, not started)',
      page.locator('.chip.status-pending', { hasText: 'unit' }),
    );
    await shoot(page, 'build-running');
    writeFileSync(gate, '');
    // The graph moves on without a reload: Build passes, Test's branches run.
    await see(
      'Build passed in the graph',
      page.locator('a.chip.tone-success', { hasText: 'Build' }),
    );
    await see(
      'the unit branch finished in the graph',
      page.locator('.chip.status-finished', { hasText: 'unit' }),
    );
    await see(
      'a matrix cell finished in the graph',
      page.locator('.cells .chip.status-finished', { hasText: 'ARCH=arm64' }),
    );
    await see(
      'the final result',
      page.locator('.build-title-row .badge', { hasText: /Unstable|Passed|Failed/ }),
    );
    assert.equal(page.url(), buildUrl, 'no reload happened');
    assert.match(
      await page.locator('.build-title-row .badge').innerText(),
      /Unstable/,
      'a failed JUnit case makes the build unstable',
    );
    await shoot(page, 'build');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'build-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('jumps from a stage to its log line, searches the log, and shows timestamps', async () => {
    await page.locator('a.chip', { hasText: 'Build' }).first().click();
    assert.match(page.url(), /#L\d+$/);
    await see('the first line of the stage, targeted', page.locator('.lv-row.lv-target'));
    await page.getByLabel('Search this log').fill('compiled for bonjour');
    await page.getByLabel('Search this log').press('Enter');
    await see('one search hit', page.locator('#log-search-status', { hasText: /^1 of 1$/ }));
    const hit = page.locator('.lv-row.lv-hit-current', { hasText: 'compiled for bonjour' });
    await see('the hit in view', hit);
    assert.equal(
      await hit.locator('.ansi-green-fg', { hasText: 'compiled' }).count(),
      1,
      'ANSI green',
    );
    await page.getByRole('button', { name: 'Timestamps' }).click();
    await see(
      'timestamps on the lines',
      page.locator('.lv-row .ts', { hasText: /^\d\d:\d\d:\d\d\.\d{3}$/ }).first(),
    );
    // Rows outside the view are hidden, never painted over the ones in it.
    const tops = (await page.evaluate(
      "[...document.querySelectorAll('.lv-row')].filter((r) => getComputedStyle(r).display !== 'none').map((r) => r.getBoundingClientRect().top).sort((a, b) => a - b)",
    )) as number[];
    tops
      .slice(1)
      .forEach((top, i) => assert.ok(top - (tops[i] ?? 0) >= 19, `rows overlap at ${top}px`));
    await page.locator('.log-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'log-viewer.png') });
    await page.getByRole('button', { name: 'Timestamps' }).click();
  });

  it('opens the failing test', async () => {
    await page.getByRole('link', { name: /^Tests/ }).click();
    await see('the Failures heading', page.getByRole('heading', { name: 'Failures' }));
    const failure = page.locator('.test-failure').first();
    assert.match(await failure.locator('summary').innerText(), /moves into a namespace/);
    assert.match(
      await failure.locator('.test-message').innerText(),
      /expected state UP, got DOWN|link stayed DOWN/,
    );
    await shoot(page, 'tests');
  });

  it('downloads the artifact', async () => {
    await page.getByRole('link', { name: /^Artifacts/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /dist\/app\.txt/ }).click(),
    ]);
    const path = await download.path();
    assert.equal(readFileSync(path, 'utf8'), 'rig artifact\n');
  });

  it('cancels a running build; post still runs', async () => {
    await page.goto(`${s.url}/projects/soak`);
    await page.getByRole('button', { name: 'Run build' }).click();
    await page.waitForURL(/\/builds\/[^/?#]+$/);
    await see('the log line "soak 5"', page.locator('.lv-row .lt', { hasText: /^soak 5$/ }));
    const soakUrl = page.url();
    await page.goto(`${s.url}/agents`);
    await see(
      'the agent busy with the soak build',
      page
        .locator('.agent-card', { hasText: 'Busy' })
        .locator('.agent-jobs', { hasText: 'soak #1' }),
    );
    await shoot(page, 'agents-busy');
    await page.goto(soakUrl);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await see(
      'the Cancelled badge',
      page.locator('.build-title-row .badge', { hasText: 'Cancelled' }),
    );
    const id = page.url().split('/').pop() ?? '';
    const log = await s.api<{ streams: Array<{ stream: string }> }>(`/api/builds/${id}/log`);
    const texts = await Promise.all(
      log.body.streams.map(async (st) =>
        (await s.api<{ lines: string[] }>(`/api/builds/${id}/log/${st.stream}`)).body.lines.join(
          '\n',
        ),
      ),
    );
    assert.match(texts.join('\n'), /post after cancel ran/);
  });

  it('shows the dashboard, the queue with its reason, the agents, and a phone-sized build page', async () => {
    const vm = await s.api<{ id: string }>('/api/projects/vm-tests/builds', {
      method: 'POST',
      body: '{}',
    });
    await page.goto(`${s.url}/queue`);
    await see('the wait reason', page.locator('.wait-reason', { hasText: /vagrant && kvm/ }));
    await shoot(page, 'queue');
    await page.goto(`${s.url}/`);
    await see('the demo project', page.locator('.project-card', { hasText: 'demo' }));
    await shoot(page, 'dashboard');
    await page.goto(`${s.url}/agents`);
    await see('the local agent', page.locator('.agent-card', { hasText: 'local' }));
    await shoot(page, 'agents');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(buildUrl);
    await see('log rows', page.locator('.lv-row').first());
    await shoot(page, 'build-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    await s.api(`/api/builds/${vm.body.id}/cancel`, { method: 'POST' });
  });
});
