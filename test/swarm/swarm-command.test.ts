import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { runSwarm } from '../../src/cli/swarm-command.js';
import { progressText } from '../../src/swarm/progress-line.js';
import type { SwarmReport } from '../../src/swarm/report.js';
import { runMain } from '../cli/run-main.js';
import { emulator, statistics } from './swarm-harness.js';

function collector() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

test('SIGINT makes every servo say GOODBYE and the report is still written', async () => {
  const server = await emulator();
  const dir = await mkdtemp(join(tmpdir(), 'swarm-'));
  const json = join(dir, 'report.json');
  const signals = new EventEmitter();
  const stdout = collector();
  const argv = [
    '--url',
    server.address,
    '--apps',
    '150',
    '--duration',
    '60s',
    '--think-time',
    '5ms',
    '--quiet',
    '--json',
    json,
  ];

  try {
    const running = runSwarm(
      argv,
      { stdout, stderr: collector(), env: {} },
      {
        signals,
        forceExit: () => assert.fail('a single SIGINT must not force the exit'),
      },
    );
    while (((await statistics(server.address)).cycles as number) < 150) await sleep(50);
    signals.emit('SIGINT', 'SIGINT');

    assert.equal(await running, 0, stdout.text());
    const stats = await statistics(server.address);
    const report = JSON.parse(await readFile(json, 'utf8')) as SwarmReport;
    assert.equal((stats.events as Record<string, number>).GOODBYE, 150);
    assert.equal((stats.states as Record<string, number>).disconnected, 150);
    assert.equal(report.stopReason, 'SIGINT');
    assert.equal(report.servos, 150);
    assert.match(stdout.text(), /ended by SIGINT/);
    assert.equal(signals.listenerCount('SIGINT'), 0);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unreachable backend without --apps is a clear error with exit 2', async () => {
  const stderr = collector();

  const code = await runSwarm(['--url', 'http://127.0.0.1:1', '--quiet'], {
    stdout: collector(),
    stderr,
    env: {},
  });

  assert.equal(code, 2);
  const expected = /^voracious swarm: cannot reach http:\/\/127\.0\.0\.1:1: ECONNREFUSED/;
  assert.match(stderr.text(), expected);
});

test('the progress line shows servos, request rate, cycles, rejections and latency', () => {
  const text = progressText(
    {
      elapsedMs: 12_400,
      servos: 5000,
      active: 4990,
      requests: 100,
      cycles: 7,
      rejections: 1,
      p50Ms: 1.25,
      p99Ms: 9.5,
    },
    1234.4,
  );

  assert.equal(
    text,
    '[  12s] servos 4990/5000  req/s 1234  cycles 7  rejections 1  p50 1.3 ms  p99 9.5 ms',
  );
});

test('voracious demo runs a swarm against its own emulator and exits 0', async () => {
  const result = await runMain(['demo', '--apps', '300', '--duration', '2s', '--quiet']);

  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /listing 300 apps/);
  assert.match(result.stdout, /voracious swarm: 300 servos against http:\/\/127\.0\.0\.1:\d+/);
  assert.match(result.stdout, /verdict {7}pass/);
  assert.match(result.stdout, /emulator GET \/:\n\{\n {2}"n": 300,/);
});

test('voracious demo refuses --url', async () => {
  const result = await runMain(['demo', '--url', 'http://127.0.0.1:8080']);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /--url is not used by demo/);
});

test('voracious demo holds --apps to the fleet limit', async () => {
  const result = await runMain(['demo', '--apps', '1000001']);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /--apps must be at most 1000000 \(fleet\.apps\), got 1000001/);
});
