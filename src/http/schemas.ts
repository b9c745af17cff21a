import { EVENT_NAMES } from '../protocol/events.js';
import { NAME_PATTERN } from '../fleet/fleet-names.js';

/** JSON schemas that validate requests and also generate the OpenAPI document. */

const name = (what: string) => ({
  type: 'string',
  pattern: NAME_PATTERN,
  maxLength: 128,
  description: `${what} name: 1 to 128 letters, digits, ".", "_" or "-"`,
});

export const servoParamsSchema = {
  type: 'object',
  required: ['account', 'app'],
  properties: { account: name('Account'), app: name('Application') },
} as const;

export const servoBodySchema = {
  type: 'object',
  required: ['event'],
  properties: {
    event: { type: 'string', enum: EVENT_NAMES },
    param: {
      description:
        'Depends on the event: an object, or null for HELLO, WHATS_NEXT and GOODBYE. ' +
        'MEASUREMENT and ADJUSTMENT params with a "progress" key are progress reports.',
    },
    servo_uid: { type: ['string', 'null'] },
  },
} as const;

const commandSchema = {
  type: 'object',
  description: 'Answer to WHATS_NEXT',
  properties: {
    cmd: { type: 'string', enum: ['DESCRIBE', 'MEASURE', 'ADJUST', 'SLEEP'] },
    param: { type: 'object', additionalProperties: true },
    cmd_uid: { type: 'string' },
  },
} as const;

const statusSchema = {
  type: 'object',
  description: 'Answer to every other event; lenient rejections too',
  properties: {
    status: { type: 'string', enum: ['ok', 'unexpected-event', 'cancel', 'invalid'] },
    reason: { type: 'string' },
  },
} as const;

export const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Stable code from the error catalogue' },
    message: { type: 'string' },
    account: { type: 'string' },
    app: { type: 'string' },
    state: { type: 'string' },
    event: { type: 'string' },
    expected: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
} as const;

export const servoResponseSchemas = {
  200: { oneOf: [commandSchema, statusSchema] },
  '4xx': errorSchema,
} as const;

export const overridesQuerySchema = {
  type: 'object',
  properties: {
    cluster_id: { type: 'string', description: 'Accepted and ignored' },
    show_all: { type: 'string', description: 'Accepted and ignored' },
  },
} as const;

export const overridesParamsSchema = {
  type: 'object',
  required: ['account'],
  properties: { account: name('Account') },
} as const;
