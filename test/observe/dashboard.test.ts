import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketCycles } from '../../src/observe/cycle-buckets.js';
import { listeningEmulator } from '../helpers/test-emulator.js';
import { driveApp, httpPost } from '../helpers/servo-driver.js';
import { Pool } from 'undici';

test('the dashboard page, its script, styles and bundled uPlot are served', async () => {
  const emulator = await listeningEmulator();
  try {
    const page = await fetch(`${emulator.address}/dashboard`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    for (const asset of [
      '/dashboard/app.js',
      '/dashboard/style.css',
      '/dashboard/uplot.js',
      '/dashboard/uplot.css',
    ]) {
      assert.ok(html.includes(asset), `page links ${asset}`);
      const response = await fetch(`${emulator.address}${asset}`);
      assert.equal(response.status, 200, asset);
      assert.ok((await response.text()).length > 500, asset);
    }
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN');
  } finally {
    await emulator.close();
  }
});

test('/dashboard/data sums the fleet without listing apps', async () => {
  const emulator = await listeningEmulator();
  const pool = new Pool(emulator.address, { connections: 2 });
  try {
    const post = httpPost(pool);
    await driveApp(post, 'app0', 2);
    await driveApp(post, 'app1', 1);
    await post('app1', 'HELLO', {});

    const data = await (await fetch(`${emulator.address}/dashboard/data`)).json();
    assert.equal(data.apps, 2);
    assert.deepEqual(data.cycles, {
      total: 3,
      min: 1,
      mean: 1.5,
      max: 2,
      stddev: 0.5,
      fairness: 0.9,
    });
    assert.deepEqual(data.histogram, { first: 1, width: 1, counts: [1, 1] });
    assert.equal(data.requests.HELLO, 3);
    assert.equal(data.states['measure-pending'], 2);
    assert.equal(data.rejections.length, 1);
    assert.equal(data.rejections[0].app, 'app1');
    assert.equal(typeof data.time, 'number');
  } finally {
    await pool.close();
    await emulator.close();
  }
});

test('long cycle histograms are folded into at most the asked number of buckets', () => {
  const appsAt = Array.from({ length: 101 }, (_, cycles) => (cycles === 100 ? 5 : 1));
  const folded = bucketCycles(appsAt, 40);

  assert.equal(folded.width, 3);
  assert.equal(folded.counts.length, 34);
  assert.equal(
    folded.counts.reduce((sum, count) => sum + count, 0),
    105,
  );
  assert.equal(folded.counts[33], 6, 'cycles 99 and 100 share the last bucket');
  assert.deepEqual(bucketCycles([], 40), { first: 0, width: 1, counts: [] });
  assert.deepEqual(bucketCycles([0, 0, 0, 4, 2], 40), { first: 3, width: 1, counts: [4, 2] });
});
