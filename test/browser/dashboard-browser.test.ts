import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { chromium, type Page } from 'playwright-core';
import { listeningEmulator } from '../helpers/test-emulator.js';
import { startLoad } from './servo-load.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// `DASHBOARD_SCREENSHOT=docs/dashboard.png` refreshes the README's picture;
// by default the test leaves the working tree alone.
const SCREENSHOT = process.env.DASHBOARD_SCREENSHOT ?? join(tmpdir(), 'voracious-dashboard.png');

const missing = existsSync(CHROMIUM)
  ? false
  : `chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
if (missing) process.stderr.write(`dashboard browser test skipped: ${missing}\n`);

const figure = (page: Page, id: string) => page.locator(`#${id}`).innerText();

test(
  'the dashboard follows a running fleet and links a rejection to its app',
  { skip: missing, timeout: 50_000 },
  async () => {
    const emulator = await listeningEmulator();
    const load = startLoad(emulator.address, {
      apps: 60,
      connections: 8,
      misbehaveEvery: 20,
      maxMs: 40_000,
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${emulator.address}/dashboard`);

      await page.waitForFunction(() => document.getElementById('apps')?.textContent === '60');
      const cycles = await figure(page, 'cycles');
      await page.waitForFunction(
        (before) => document.getElementById('cycles')?.textContent !== before,
        cycles,
      );
      await page.waitForFunction(() =>
        /\d/.test(document.getElementById('rate')?.textContent ?? ''),
      );
      assert.equal(await page.locator('#rate-chart canvas').count(), 1);
      assert.equal(await page.locator('#histogram-chart canvas').count(), 1);

      await page.waitForTimeout(5000);
      await mkdir(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      process.stderr.write(`dashboard screenshot: ${SCREENSHOT}\n`);

      const link = page.locator('#rejections a').first();
      const name = await link.innerText();
      assert.match(name, /^load\/app\d{5}$/);
      await link.click();
      await page.waitForFunction(
        (title) => document.getElementById('app-title')?.textContent === title,
        name,
      );
      assert.equal(await page.locator('#fleet-view').isHidden(), true);
      await page.locator('#app-events tbody tr').first().waitFor();
      assert.match(await page.locator('#app-facts').innerText(), /cycles\s+\d+/);
    } finally {
      await browser.close();
      await load.stop();
      await emulator.close();
    }
  },
);
