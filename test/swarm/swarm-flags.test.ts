import assert from 'node:assert/strict';
import { test } from 'node:test';

import { runSwarm } from '../../src/cli/swarm-command.js';
import { FlagError, parseDuration, parseFraction } from '../../src/swarm/flag-values.js';
import { numberedApps, parseSwarmFlags } from '../../src/swarm/swarm-flags.js';

function collector() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

test('durations take ms, s and m suffixes', () => {
  assert.equal(parseDuration('--d', '200ms'), 200);
  assert.equal(parseDuration('--d', '60s'), 60_000);
  assert.equal(parseDuration('--d', '1.5m'), 90_000);
  assert.equal(parseDuration('--d', '0'), 0);
  assert.throws(() => parseDuration('--d', '60'), /--d must be a duration like 200ms/);
  assert.throws(() => parseDuration('--d', '-1s'), FlagError);
});

test('fractions take decimals and percentages from 0 to 1', () => {
  assert.equal(parseFraction('--f', '50%'), 0.5);
  assert.equal(parseFraction('--f', '0.05'), 0.05);
  assert.throws(() => parseFraction('--f', '1.5'), /--f must be a fraction from 0 to 1/);
  assert.throws(() => parseFraction('--f', ''), FlagError);
});

test('no flags give a 60 s run against 127.0.0.1:8080 with discovered apps', () => {
  const flags = parseSwarmFlags([]);

  assert.equal(flags.url, 'http://127.0.0.1:8080');
  assert.equal(flags.account, 'acme');
  assert.equal(flags.apps, null);
  assert.equal(flags.durationMs, 60_000);
  assert.equal(flags.cycles, null);
  assert.equal(flags.thinkTimeMs, 200);
  assert.equal(flags.jitter, 0.5);
});

test('every flag is read, in both --name value and --name=value forms', () => {
  const flags = parseSwarmFlags([
    '--url',
    'http://127.0.0.1:9000/',
    '--account=big',
    '--apps',
    '12',
    '--app-prefix',
    'svc',
    '--cycles',
    '3',
    '--think-time',
    '0',
    '--jitter',
    '10%',
    '--progress-reports',
    '1',
    '--failure-rate',
    '0.1',
    '--misbehave=0.02',
    '--seed',
    '7',
    '--json',
    'out.json',
    '--max-rejections',
    '0',
    '--min-fairness',
    '0.99',
    '--connections',
    '8',
    '--retry-for',
    '5s',
    '--quiet',
  ]);

  assert.deepEqual(flags, {
    url: 'http://127.0.0.1:9000',
    account: 'big',
    apps: 12,
    appPrefix: 'svc',
    cycles: 3,
    durationMs: null,
    thinkTimeMs: 0,
    jitter: 0.1,
    progressReports: 1,
    failureRate: 0.1,
    misbehaveRate: 0.02,
    seed: 7,
    json: 'out.json',
    maxRejections: 0,
    minFairness: 0.99,
    connections: 8,
    retryForMs: 5_000,
    quiet: true,
    help: false,
  });
});

test('mistakes are named with the flag and the bad value', () => {
  assert.throws(
    () => parseSwarmFlags(['--apps', '0']),
    /--apps must be a whole number of at least 1, got "0"/,
  );
  assert.throws(() => parseSwarmFlags(['--bogus', '1']), /unknown flag --bogus/);
  assert.throws(() => parseSwarmFlags(['--apps']), /--apps needs a value/);
  assert.throws(() => parseSwarmFlags(['--url', 'ftp://x']), /http or https URL/);
  assert.throws(() => parseSwarmFlags(['--duration', '5s', '--cycles', '2']), /cannot be combined/);
  assert.throws(() => parseSwarmFlags(['stray']), /unexpected argument "stray"/);
});

test('numbered apps are zero-padded like the emulator fleet', () => {
  assert.deepEqual(numberedApps('app', 3), ['app00000', 'app00001', 'app00002']);
});

test('the swarm command exits 2 with a clear message on a bad flag', async () => {
  const stdout = collector();
  const stderr = collector();

  const code = await runSwarm(['--jitter', 'lots'], { stdout, stderr, env: {} });

  assert.equal(code, 2);
  assert.match(stderr.text(), /^voracious swarm: --jitter must be a fraction/);
  assert.equal(stdout.text(), '');
});

test('the swarm command prints its help and exits 0', async () => {
  const stdout = collector();

  const code = await runSwarm(['--help'], { stdout, stderr: collector(), env: {} });

  assert.equal(code, 0);
  assert.match(stdout.text(), /^Usage: voracious swarm/);
  assert.match(stdout.text(), /--misbehave/);
});
