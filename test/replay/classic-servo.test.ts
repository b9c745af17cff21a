import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Pool } from 'undici';
import { listeningEmulator } from '../helpers/test-emulator.js';

// Compiled to dist/test/replay/: up three levels is the repository, and shared/ sits beside it.
const FIXTURE = new URL('../../../../shared/fixtures/classic-servo-2apps.jsonl', import.meta.url);

interface Recorded {
  seq: number;
  method: 'POST' | 'GET';
  path: string;
  contentType: string;
  userAgent: string;
  body: string;
  status: number;
  response: string;
}

type Json = Record<string, unknown>;

async function readFixture(): Promise<Recorded[]> {
  const text = await readFile(FIXTURE, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Recorded);
}

/** Each application's lines in recorded order, keyed by path. */
function byApplication(lines: Recorded[]): Map<string, Recorded[]> {
  const apps = new Map<string, Recorded[]>();
  for (const line of lines) apps.set(line.path, [...(apps.get(line.path) ?? []), line]);
  return apps;
}

function metricsOf(description: Json): string[] {
  const param = description.param as { descriptor: { measurement: { metrics: Json } } };
  return Object.keys(param.descriptor.measurement.metrics);
}

/** Replays one application's lines in order, checking each answer against the recording. */
async function replay(pool: Pool, lines: Recorded[]): Promise<number> {
  let metrics: string[] = [];
  let measurements = 0;

  for (const line of lines) {
    const response = await pool.request({
      method: line.method,
      path: line.path,
      body: line.body,
      headers: { 'content-type': line.contentType, 'user-agent': line.userAgent },
    });
    const text = await response.body.text();
    const where = `seq ${line.seq} ${line.body.slice(0, 60)}: ${text.slice(0, 200)}`;
    assert.equal(response.statusCode, line.status, where);

    const sent = JSON.parse(line.body) as Json;
    if (sent.event === 'DESCRIPTION') metrics = metricsOf(sent);
    if (sent.event === 'MEASUREMENT' && !('progress' in (sent.param as Json))) measurements += 1;
    if (sent.event !== 'WHATS_NEXT') {
      assert.equal(JSON.parse(text).status, 'ok', where);
      continue;
    }
    checkCommand(JSON.parse(text), JSON.parse(line.response), metrics, where);
  }
  return measurements;
}

function checkCommand(ours: Json, recorded: Json, metrics: string[], where: string): void {
  assert.equal(ours.cmd, recorded.cmd, where);
  assert.equal(typeof ours.cmd_uid, 'string', where);
  const param = ours.param as Json;
  if (ours.cmd === 'MEASURE') {
    assert.deepEqual(param.metrics, metrics, where);
    assert.deepEqual(param.control, {}, where);
  }
  if (ours.cmd === 'ADJUST') {
    assert.deepEqual(param.state, (recorded.param as Json).state, where);
    assert.equal('metrics' in param, false, where);
  }
  if (ours.cmd === 'DESCRIBE') assert.deepEqual(param, {}, where);
}

test('the classic servo recording replays with the recorded statuses and commands', async (t) => {
  const emulator = await listeningEmulator();
  const pool = new Pool(emulator.address, { connections: 2, pipelining: 1 });
  t.after(async () => {
    await pool.close();
    await emulator.close();
  });
  const lines = await readFixture();
  const apps = byApplication(lines);
  assert.equal(apps.size, 2);
  assert.equal(lines.length, 1000);

  const measured = await Promise.all([...apps.values()].map((appLines) => replay(pool, appLines)));

  const stats = emulator.stats();
  assert.equal(stats.n, 2);
  assert.equal(stats.rejected, 0);
  assert.equal(stats.failures, 0);
  assert.equal(stats.min, Math.min(...measured));
  assert.equal(stats.max, Math.max(...measured));
  assert.equal(stats.cycles, measured[0]! + measured[1]!);
  assert.equal(stats.states.disconnected, 2, 'both servos said GOODBYE at the end');
});
