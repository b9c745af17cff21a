import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, request } from 'undici';
import type { ConfigOverrides } from '../helpers/test-config.js';
import { injectEmulator, listeningEmulator } from '../helpers/test-emulator.js';

/**
 * Over a real socket the servo endpoint is answered by the node:http fast
 * path; `inject` goes through the fastify route. Both must answer every
 * request alike, so each case is sent to a fresh emulator of each kind.
 */
interface Case {
  name: string;
  path?: string;
  body: string;
  headers?: Record<string, string>;
}

const SERVO = '/accounts/a/applications/app00001/servo';
const event = (name: string, param: unknown = null) => JSON.stringify({ event: name, param });

const SEQUENCE: Case[] = [
  { name: 'WHATS_NEXT before HELLO', body: event('WHATS_NEXT') },
  { name: 'HELLO', body: event('HELLO', { agent: 'github.com/opsani/servo' }) },
  { name: 'HELLO again', body: event('HELLO', {}) },
  { name: 'WHATS_NEXT', body: event('WHATS_NEXT') },
  { name: 'DESCRIPTION', body: event('DESCRIPTION', { status: 'ok', descriptor: {} }) },
  { name: 'WHATS_NEXT for MEASURE', body: event('WHATS_NEXT') },
  { name: 'final before progress', body: event('MEASUREMENT', { metrics: {} }) },
  { name: 'progress over 100', body: event('MEASUREMENT', { progress: 101 }) },
  { name: 'stale cmd_uid', body: event('MEASUREMENT', { progress: 5, cmd_uid: '77' }) },
  {
    name: 'form content type',
    body: event('MEASUREMENT', { progress: 5 }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
  { name: 'invalid JSON', body: '{"event": ' },
  { name: 'empty body', body: '' },
  { name: 'JSON null', body: 'null' },
  { name: 'JSON array', body: '[1, 2]' },
  { name: 'event missing', body: '{"param": null}' },
  { name: 'event not a string', body: '{"event": 7}' },
  { name: 'unknown event', body: event('PING') },
  { name: 'param of the wrong type', body: event('DESCRIPTION', 'yes') },
  { name: 'servo_uid of the wrong type', body: '{"event": "WHATS_NEXT", "servo_uid": 3}' },
  {
    name: 'app name too long',
    body: event('HELLO', {}),
    path: `/accounts/a/applications/${'x'.repeat(129)}/servo`,
  },
  { name: 'body over the limit', body: event('HELLO', { pad: 'x'.repeat(600) }) },
];

async function answersOverSocket(overrides: ConfigOverrides, cases: Case[]) {
  const emulator = await listeningEmulator(overrides);
  const dispatcher = new Agent({ connections: 1 });
  try {
    const answers = [];
    for (const item of cases) {
      const response = await request(`${emulator.address}${item.path ?? SERVO}`, {
        method: 'POST',
        body: item.body,
        headers: item.headers ?? {},
        dispatcher,
      });
      const body = await response.body.json();
      answers.push({ name: item.name, status: response.statusCode, body });
    }
    return { answers, stats: emulator.stats() };
  } finally {
    await dispatcher.close();
    await emulator.close();
  }
}

async function answersInjected(overrides: ConfigOverrides, cases: Case[]) {
  const emulator = await injectEmulator(overrides);
  try {
    const answers = [];
    for (const item of cases) {
      const response = await emulator.server.inject({
        method: 'POST',
        url: item.path ?? SERVO,
        payload: item.body,
        headers: item.headers ?? {},
      });
      answers.push({ name: item.name, status: response.statusCode, body: response.json() });
    }
    return { answers, stats: emulator.stats() };
  } finally {
    await emulator.close();
  }
}

async function assertSameAnswers(overrides: ConfigOverrides, cases: Case[]) {
  const overSocket = await answersOverSocket(overrides, cases);
  const injected = await answersInjected(overrides, cases);

  overSocket.answers.forEach((answer, index) => assert.deepEqual(answer, injected.answers[index]));
  assert.deepEqual(overSocket.stats, injected.stats);
}

test('the fast path and the fastify route answer a strict session alike', async () => {
  await assertSameAnswers({ server: { body_limit: 512 } }, SEQUENCE);
});

test('the fast path and the fastify route answer a lenient session alike', async () => {
  await assertSameAnswers({ sequence: { profile: 'lenient' } }, SEQUENCE);
});

test('the fast path and the fastify route check the token and the fleet alike', async () => {
  const hello = event('HELLO', {});
  await assertSameAnswers({ server: { token: 's3cret' }, fleet: { only: true } }, [
    { name: 'no token', body: hello },
    { name: 'wrong bearer', body: hello, headers: { authorization: 'Bearer nope' } },
    { name: 'bearer', body: hello, headers: { authorization: 'Bearer s3cret' } },
    { name: 'X-SF-Token', body: event('WHATS_NEXT'), headers: { 'x-sf-token': 's3cret' } },
    {
      name: 'outside the fleet',
      body: hello,
      headers: { 'x-sf-token': 's3cret' },
      path: '/accounts/a/applications/app99999/servo',
    },
  ]);
});
