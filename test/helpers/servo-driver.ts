import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Dispatcher } from 'undici';
import { DESCRIPTOR } from '../../src/swarm/descriptor.js';

/** A status code and the parsed JSON body of one answer. */
export interface ServoReply {
  status: number;
  body: Record<string, unknown>;
}

/** Sends one servo event for `app` and returns the answer. */
export type ServoPost = (app: string, event: string, param?: unknown) => Promise<ServoReply>;

/** The classic servo's demo descriptor (web, java, db; two metrics), as the swarm sends it. */
export const DEMO_DESCRIPTION = { status: 'ok', descriptor: DESCRIPTOR };

const servoPath = (account: string, app: string) =>
  `/accounts/${account}/applications/${app}/servo`;

/** Posts through `server.inject`, in process. */
export function injectPost(server: FastifyInstance, account = 'a'): ServoPost {
  return async (app, event, param = null) => {
    const response = await server.inject({
      method: 'POST',
      url: servoPath(account, app),
      payload: { event, param },
    });
    return { status: response.statusCode, body: response.json() };
  };
}

/** Posts over real HTTP through an undici dispatcher (a Pool keeps connections alive). */
export function httpPost(dispatcher: Dispatcher, account = 'a'): ServoPost {
  return async (app, event, param = null) => {
    const response = await dispatcher.request({
      method: 'POST',
      path: servoPath(account, app),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event, param }),
    });
    return {
      status: response.statusCode,
      body: (await response.body.json()) as ServoReply['body'],
    };
  };
}

async function expectOk(post: ServoPost, app: string, event: string, param?: unknown) {
  const reply = await post(app, event, param);
  assert.equal(reply.status, 200, `${app} ${event}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function expectCommand(post: ServoPost, app: string, cmd: string): Promise<string> {
  const answer = await expectOk(post, app, 'WHATS_NEXT');
  assert.equal(answer.cmd, cmd, `${app} WHATS_NEXT: ${JSON.stringify(answer)}`);
  return answer.cmd_uid as string;
}

/** HELLO, WHATS_NEXT (DESCRIBE), DESCRIPTION: the application is ready to measure. */
export async function connectAndDescribe(post: ServoPost, app: string): Promise<void> {
  await expectOk(post, app, 'HELLO', { agent: 'github.com/opsani/servo' });
  await expectCommand(post, app, 'DESCRIBE');
  await expectOk(post, app, 'DESCRIPTION', DEMO_DESCRIPTION);
}

/** One full cycle the classic way: MEASURE with progress 0, 50 and a final; ADJUST likewise. */
export async function runCycle(post: ServoPost, app: string): Promise<void> {
  await expectCommand(post, app, 'MEASURE');
  await expectOk(post, app, 'MEASUREMENT', { progress: 0, runtime: 0 });
  await expectOk(post, app, 'MEASUREMENT', { progress: 50, runtime: 1 });
  await expectOk(post, app, 'MEASUREMENT', {
    metrics: { throughput: { value: 1000, unit: 'rpm' }, error_rate: { value: 1, unit: '%' } },
  });

  await expectCommand(post, app, 'ADJUST');
  await expectOk(post, app, 'ADJUSTMENT', { progress: 0, runtime: 0 });
  await expectOk(post, app, 'ADJUSTMENT', { state: {} });
}

/** Connects, describes and runs `cycles` full cycles; throws on any unexpected answer. */
export async function driveApp(post: ServoPost, app: string, cycles: number): Promise<void> {
  await connectAndDescribe(post, app);
  for (let cycle = 0; cycle < cycles; cycle++) await runCycle(post, app);
}
