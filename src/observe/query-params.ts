import { VoraciousError } from '../errors/catalogue.js';
import { PHASE_NAMES, type Phase } from '../protocol/phases.js';

export type Query = Record<string, string | undefined>;

/** Every query parameter is a string in the schema, so the messages here can name the need. */
export const stringQuery = (names: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])),
});

/** An integer parameter from `min` to `max`, or `fallback` when absent. */
export function integerParam(
  query: Query,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const text = query[name];
  if (text === undefined) return fallback;

  const value = /^-?\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  throw new VoraciousError('VOR_ERR_QUERY_INVALID', {
    name,
    type: `an integer from ${min} to ${max}`,
    value: text,
  });
}

/** A protocol state name, or null when absent. */
export function stateParam(query: Query, name: string): Phase | null {
  const text = query[name];
  if (text === undefined) return null;

  const phase = PHASE_NAMES.indexOf(text as never);
  if (phase >= 0) return phase as Phase;
  throw new VoraciousError('VOR_ERR_QUERY_INVALID', {
    name,
    type: `one of ${PHASE_NAMES.join(', ')}`,
    value: text,
  });
}
