import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MAIN, cleanEnv, runMain } from './run-main.js';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** `voracious serve` as a child process, with its stdout read as log lines. */
function startServe(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [MAIN, 'serve', ...args], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: { msg: string; resolve: (line: LogLine) => void }[] = [];

  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    lines.push(line);
    waiters.filter((waiter) => waiter.msg === line.msg).forEach((waiter) => waiter.resolve(line));
  });

  const lineWith = (msg: string): Promise<LogLine> => {
    const seen = lines.find((line) => line.msg === msg);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ msg, resolve }));
  };
  return { child, lines, lineWith };
}

async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

test(
  'serve logs its start-up line, answers, and stops on SIGTERM with code 0',
  { timeout: 30_000 },
  async () => {
    const serve = startServe(['--port', '0', '--apps', '12']);

    const startup = await serve.lineWith('voracious listening');
    const address = String(startup.address);
    assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(startup.apps, 12);
    assert.equal(startup.profile, 'strict');
    assert.equal(startup.config, 'flags');
    assert.equal(startup.level, 30);

    const answer = await fetch(`${address}/`);
    assert.equal(answer.status, 200);
    assert.equal(((await answer.json()) as { n: number }).n, 0);

    serve.child.kill('SIGTERM');
    assert.equal(await exitCode(serve.child), 0);

    const stopping = await serve.lineWith('stopping');
    const final = await serve.lineWith('final statistics');
    assert.equal(stopping.signal, 'SIGTERM');
    assert.equal((final.stats as { n: number }).n, 0);
    assert.equal(final.level, 30);
  },
);

test(
  'serve stops on SIGINT too, naming the file and environment it read',
  { timeout: 30_000 },
  async () => {
    const folder = await mkdtemp(join(tmpdir(), 'voracious-serve-'));
    const file = join(folder, 'voracious.yaml');
    await writeFile(file, 'fleet:\n  apps: 3\nsequence:\n  profile: lenient\n');
    const serve = startServe(['--config', file, '--port', '0'], { VORACIOUS_FLEET_APPS: '4' });

    const startup = await serve.lineWith('voracious listening');
    assert.equal(startup.apps, 4);
    assert.equal(startup.profile, 'lenient');
    assert.equal(startup.config, `file ${file} + env + flags`);

    serve.child.kill('SIGINT');
    assert.equal(await exitCode(serve.child), 0);
    assert.equal((await serve.lineWith('stopping')).signal, 'SIGINT');
  },
);

test(
  'serve on a port already in use exits 1 with one line on stderr',
  { timeout: 30_000 },
  async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };

    try {
      const result = await runMain(['serve', '--port', String(port), '--log-level', 'silent']);

      assert.equal(result.code, 1);
      assert.match(result.stderr, /^voracious: .*EADDRINUSE.*\n$/);
    } finally {
      blocker.close();
    }
  },
);
