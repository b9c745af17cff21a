import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { driveApp, httpPost } from '../helpers/servo-driver.js';

// Compiled to dist/test/e2e/, next to dist/src/cli/main.js.
const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const APPS = 5_000;
const CYCLES = 3;
const CONNECTIONS = 50;
/** Applications driven at once; each sends its own requests one after another. */
const IN_FLIGHT = 250;

type LogLine = Record<string, unknown>;

/** The CLI as a child process, its stdout read line by line as JSON. */
interface Served {
  child: ChildProcess;
  lines: LogLine[];
  address: string;
}

function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VORACIOUS_')),
  );
}

async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [MAIN, 'serve', ...args], {
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: LogLine[] = [];
  const address = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      if (line.msg === 'voracious listening') resolve(String(line.address));
    });
  });
  return { child, lines, address: await address };
}

/** Drives apps app00000.. through `cycles` cycles, IN_FLIGHT of them at a time. */
async function driveFleet(pool: Pool, apps: number, cycles: number): Promise<void> {
  const post = httpPost(pool, 'e2e');
  let next = 0;
  const worker = async () => {
    while (next < apps) {
      const app = `app${String(next++).padStart(5, '0')}`;
      await driveApp(post, app, cycles);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

test(
  'the CLI serves 5,000 apps through 3 cycles each and stops cleanly on SIGTERM',
  { timeout: 90_000 },
  async (t) => {
    const served = await serve(['--port', '0', '--log-level', 'info']);
    t.after(() => {
      if (served.child.exitCode === null) served.child.kill('SIGKILL');
    });
    const pool = new Pool(served.address, { connections: CONNECTIONS, pipelining: 1 });

    await driveFleet(pool, APPS, CYCLES);
    const response = await pool.request({ method: 'GET', path: '/' });
    const stats = (await response.body.json()) as Record<string, unknown>;
    await pool.close();

    assert.equal(response.statusCode, 200);
    assert.deepEqual([stats.n, stats.min, stats.max], [APPS, CYCLES, CYCLES]);
    assert.equal(stats.average, CYCLES);
    assert.equal(stats.rejected, 0);
    assert.deepEqual(stats.rejections, {});
    assert.equal(stats.fairness, 1);

    const exited = once(served.child, 'exit');
    served.child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
    const final = served.lines.find((line) => line.msg === 'final statistics');
    assert.ok(final, 'a final statistics line on stdout');
    const finalStats = final.stats as Record<string, unknown>;
    assert.deepEqual([finalStats.n, finalStats.min, finalStats.max], [APPS, CYCLES, CYCLES]);
    assert.equal(
      served.lines.filter((line) => Number(line.level) >= 40).length,
      0,
      'no warning or error logged',
    );
  },
);
