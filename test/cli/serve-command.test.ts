import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runServe } from '../../src/cli/serve-command.js';
import type { ServeHooks, StartEmulator } from '../../src/cli/serve-command.js';
import type { Config } from '../../src/config/defaults.js';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A fake emulator and process that record what serve does with them. */
function harness(options: { closeFails?: boolean } = {}) {
  const output: string[] = [];
  const signals = new EventEmitter();
  const exits: number[] = [];
  const started: { config?: Config; configSource?: string } = {};
  let closes = 0;
  let release: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => {
    release = resolve;
  });

  const start: StartEmulator = async (config, sinks) => {
    Object.assign(started, { config, configSource: sinks.configSource });
    sinks.logger.info({ address: 'http://127.0.0.1:1' }, 'voracious listening');
    return {
      address: 'http://127.0.0.1:1',
      statsSnapshot: () => ({ n: 3 }),
      close: async () => {
        closes += 1;
        await closing;
        if (options.closeFails === true) throw new Error('disk full');
      },
    };
  };
  const hooks: ServeHooks = {
    start,
    signals,
    forceExit: (code) => {
      exits.push(code);
    },
  };
  const io: CliIo = {
    stdout: { write: (text: string) => output.push(text) },
    stderr: { write: () => true },
    env: {},
  };

  return {
    hooks,
    io,
    signals,
    exits,
    started,
    release,
    closes: () => closes,
    lines: () => output.map((text) => JSON.parse(text) as LogLine),
  };
}

/** Lets pending promise callbacks and I/O callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

test('the first SIGTERM stops the emulator and logs the final statistics', async () => {
  const run = harness();
  const served = runServe(['--apps', '9', '--log-level', 'debug'], run.io, run.hooks);
  await settle();

  run.signals.emit('SIGTERM', 'SIGTERM');
  run.release();

  assert.equal(await served, 0);
  const lines = run.lines();
  assert.deepEqual(
    lines.map((line) => line.msg),
    ['voracious listening', 'stopping', 'final statistics'],
  );
  assert.equal(lines[1]?.signal, 'SIGTERM');
  assert.deepEqual(lines[2]?.stats, { n: 3 });
  assert.equal(lines[2]?.level, 30);
  assert.equal(run.closes(), 1);
});

test('serve hands startEmulator the configuration and its source', async () => {
  const run = harness();
  const served = runServe(['--apps', '9', '--profile', 'lenient'], run.io, run.hooks);
  await settle();
  run.signals.emit('SIGINT', 'SIGINT');
  run.release();
  await served;

  assert.equal(run.started.config?.fleet.apps, 9);
  assert.equal(run.started.config?.sequence.profile, 'lenient');
  assert.equal(run.started.configSource, 'flags');
});

test('a second signal while stopping forces exit code 1', async () => {
  const run = harness();
  const served = runServe([], run.io, run.hooks);
  await settle();

  run.signals.emit('SIGINT', 'SIGINT');
  await settle();
  run.signals.emit('SIGINT', 'SIGINT');

  assert.deepEqual(run.exits, [1]);
  run.release();
  await served;
});

test('a signal during start-up stops the emulator once it has started', async () => {
  const run = harness();
  const hooks: ServeHooks = {
    ...run.hooks,
    start: async (config, sinks) => {
      run.signals.emit('SIGTERM', 'SIGTERM');
      return run.hooks.start(config, sinks);
    },
  };
  run.release();

  assert.equal(await runServe([], run.io, hooks), 0);
  assert.equal(run.closes(), 1);
});

test('a failed stop is logged at error and exits 1', async () => {
  const run = harness({ closeFails: true });
  const served = runServe([], run.io, run.hooks);
  await settle();

  run.signals.emit('SIGTERM', 'SIGTERM');
  run.release();

  assert.equal(await served, 1);
  const failure = run.lines().at(-1);
  assert.equal(failure?.msg, 'graceful stop failed');
  assert.equal(failure?.level, 50);
});

test('signal handlers are removed once serve has returned', async () => {
  const run = harness();
  const served = runServe([], run.io, run.hooks);
  await settle();
  assert.equal(run.signals.listenerCount('SIGTERM'), 1);

  run.signals.emit('SIGTERM', 'SIGTERM');
  run.release();
  await served;

  assert.equal(run.signals.listenerCount('SIGTERM'), 0);
  assert.equal(run.signals.listenerCount('SIGINT'), 0);
});

test('a failed start-up rejects and leaves no signal handler behind', async () => {
  const run = harness();
  const hooks: ServeHooks = {
    ...run.hooks,
    start: () => Promise.reject(new Error('listen EADDRINUSE')),
  };

  await assert.rejects(runServe([], run.io, hooks), /EADDRINUSE/);
  assert.equal(run.signals.listenerCount('SIGTERM'), 0);
});

test('log.level silences lines below it', async () => {
  const run = harness();
  const served = runServe(['--log-level', 'warn'], run.io, run.hooks);
  await settle();
  run.signals.emit('SIGTERM', 'SIGTERM');
  run.release();
  await served;

  assert.deepEqual(run.lines(), []);
});
