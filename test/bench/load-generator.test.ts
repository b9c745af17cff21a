import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runSequence } from '../../bench/load-generator.js';
import type { SequenceJob, StepSpec } from '../../bench/jobs.js';
import { FULL_CYCLE, LOOP_FROM } from '../../bench/workloads/servo-script.js';

type Answer = (event: string) => { status: number; body: string };

interface Recorder {
  origin: string;
  eventsByPath: Map<string, string[]>;
  mostInFlightForOneApp: number;
  close(): Promise<void>;
}

/** A server that answers late, so concurrent requests for one app would overlap if sent. */
async function recordingServer(answer: Answer): Promise<Recorder> {
  const eventsByPath = new Map<string, string[]>();
  const inFlight = new Map<string, number>();
  const recorder = { eventsByPath, mostInFlightForOneApp: 0 };

  const handle = (request: IncomingMessage, response: ServerResponse, text: string) => {
    const path = request.url ?? '';
    const { event } = JSON.parse(text) as { event: string };
    eventsByPath.set(path, [...(eventsByPath.get(path) ?? []), event]);
    inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
    const now = inFlight.get(path) ?? 0;
    recorder.mostInFlightForOneApp = Math.max(recorder.mostInFlightForOneApp, now);

    setTimeout(() => {
      inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
      const reply = answer(event);
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.body);
    }, 2);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };
  return Object.assign(recorder, { origin: `http://127.0.0.1:${port}`, close });
}

function fleet(origin: string, apps: number, requests: number, check: 'protocol' | 'status') {
  const job: SequenceJob = {
    kind: 'sequence',
    origin,
    connections: 10,
    apps,
    account: 'bench',
    steps: FULL_CYCLE,
    loopFrom: LOOP_FROM,
    startStep: 0,
    timing: { warmupMs: 0, durationMs: 60_000, maxRequests: requests },
    check,
  };
  return job;
}

const eventName = (step: StepSpec) => (JSON.parse(step.body) as { event: string }).event;

test('each app gets its script in order, one request at a time, with fewer apps than connections', async () => {
  const server = await recordingServer(() => ({ status: 200, body: '{"status":"ok"}' }));
  const apps = 7;
  const perApp = 17;

  const result = await runSequence(fleet(server.origin, apps, apps * perApp, 'status'));
  await server.close();

  const script = FULL_CYCLE.map(eventName);
  const expected = [...script, ...script.slice(LOOP_FROM)].slice(0, perApp);
  assert.equal(result.requests, apps * perApp);
  assert.equal(server.eventsByPath.size, apps);
  for (const events of server.eventsByPath.values()) assert.deepEqual(events, expected);
  assert.equal(server.mostInFlightForOneApp, 1);
});

test('rejections and wrong commands are counted and the first one is quoted', async () => {
  const server = await recordingServer((event) => {
    if (event === 'DESCRIPTION') return { status: 400, body: '{"code":"VOR_ERR_SEQUENCE"}' };
    if (event === 'WHATS_NEXT') return { status: 200, body: '{"cmd":"SLEEP","param":{}}' };
    return { status: 200, body: '{"status":"ok"}' };
  });

  const result = await runSequence(fleet(server.origin, 2, 6, 'protocol'));
  await server.close();

  assert.equal(result.rejections, 2);
  assert.equal(result.mismatches, 2);
  assert.equal(result.non2xx, 0);
  assert.match(result.firstProblem ?? '', /^(rejections|mismatches): POST \/accounts\/bench\//);
});

test('the status check only counts answers outside 2xx', async () => {
  const server = await recordingServer((event) =>
    event === 'HELLO' ? { status: 503, body: 'busy' } : { status: 200, body: '{"cmd":"SLEEP"}' },
  );

  const result = await runSequence(fleet(server.origin, 3, 9, 'status'));
  await server.close();

  assert.equal(result.non2xx, 3);
  assert.equal(result.mismatches + result.rejections, 0);
});
