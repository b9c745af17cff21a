import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listeningEmulator } from '../helpers/test-emulator.js';
import { connectAndDescribe, driveApp, httpPost } from '../helpers/servo-driver.js';
import { Pool } from 'undici';
import { parsePrometheus, valueOf, type Sample } from './prometheus-text.js';

interface Stats {
  n: number;
  min: number;
  max: number;
  average: number;
  cycles: number;
  rejected: number;
  events: Record<string, number>;
  rejections: Record<string, number>;
  bad_requests: Record<string, number>;
  states: Record<string, number>;
}

async function scrape(address: string): Promise<{ samples: Sample[]; type: string | null }> {
  const response = await fetch(`${address}/metrics`);
  assert.equal(response.status, 200);
  return {
    samples: parsePrometheus(await response.text()),
    type: response.headers.get('content-type'),
  };
}

test('/metrics parses as Prometheus text and agrees with GET /', async () => {
  const emulator = await listeningEmulator();
  const pool = new Pool(emulator.address, { connections: 4 });
  try {
    const post = httpPost(pool);
    await Promise.all([driveApp(post, 'app1', 3), driveApp(post, 'app2', 1)]);
    await connectAndDescribe(post, 'app3');
    assert.equal((await post('app1', 'HELLO', {})).status, 400);
    assert.equal((await post('app3', 'MEASUREMENT', { progress: 5 })).status, 400);
    assert.equal((await post('never-said-hello', 'WHATS_NEXT')).status, 400);
    const bad = await fetch(`${emulator.address}/accounts/a/applications/app1/servo`, {
      method: 'POST',
      body: '{not json',
    });
    assert.equal(bad.status, 400);

    const { samples, type } = await scrape(emulator.address);
    const stats = (await (await fetch(`${emulator.address}/`)).json()) as Stats;
    assert.match(type ?? '', /^text\/plain/);

    for (const [state, count] of Object.entries(stats.states)) {
      assert.equal(valueOf(samples, 'voracious_applications', { state }), count, state);
    }
    for (const [code, count] of Object.entries(stats.rejections)) {
      assert.equal(valueOf(samples, 'voracious_rejections_total', { code }), count, code);
    }
    for (const [event, count] of Object.entries(stats.events)) {
      assert.equal(
        valueOf(samples, 'voracious_requests_total', { event, outcome: 'accepted' }),
        count,
        event,
      );
    }
    assert.equal(valueOf(samples, 'voracious_cycles_completed_total'), stats.cycles);
    assert.equal(stats.cycles, 4);
    assert.equal(valueOf(samples, 'voracious_cycles_per_app', { stat: 'min' }), stats.min);
    assert.equal(valueOf(samples, 'voracious_cycles_per_app', { stat: 'max' }), stats.max);
    assert.equal(valueOf(samples, 'voracious_cycles_per_app', { stat: 'mean' }), stats.average);

    const rejected = samples.filter(
      (sample) =>
        sample.name === 'voracious_requests_total' && sample.labels.outcome === 'rejected',
    );
    assert.equal(
      rejected.reduce((sum, sample) => sum + sample.value, 0),
      stats.rejected,
    );
    assert.equal(stats.rejected, 3);
    assert.equal(
      valueOf(samples, 'voracious_requests_total', { event: 'HELLO', outcome: 'rejected' }),
      1,
    );
    assert.equal(
      valueOf(samples, 'voracious_requests_total', {
        event: 'MEASUREMENT progress',
        outcome: 'rejected',
      }),
      1,
    );
    assert.equal(
      valueOf(samples, 'voracious_bad_requests_total', { code: 'VOR_ERR_BODY_INVALID' }),
      stats.bad_requests.VOR_ERR_BODY_INVALID,
    );
  } finally {
    await pool.close();
    await emulator.close();
  }
});

test('/metrics times requests and reports event-loop lag, with no per-app labels', async () => {
  const emulator = await listeningEmulator();
  const pool = new Pool(emulator.address, { connections: 2 });
  try {
    await driveApp(httpPost(pool), 'app1', 2);
    const { samples } = await scrape(emulator.address);

    const count = valueOf(samples, 'voracious_request_duration_seconds_count');
    assert.ok(count >= 17, `17 servo requests were made, histogram counted ${count}`);
    assert.equal(
      valueOf(samples, 'voracious_request_duration_seconds_bucket', { le: '+Inf' }),
      count,
    );
    assert.ok(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds'));
    assert.ok(
      samples.every((sample) => !('app' in sample.labels) && !('account' in sample.labels)),
    );
  } finally {
    await pool.close();
    await emulator.close();
  }
});
