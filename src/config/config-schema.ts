import { LOG_LEVELS } from '../logging/log-levels.js';
import { PROFILES, RULE_NAMES } from '../protocol/rules.js';
import { parseDuration } from './parse-duration.js';

/** Returned by a leaf's `normalize` when a value does not fit it. */
export const INVALID = Symbol('invalid');

/** Where the text of a value comes from: the two read a few words differently. */
export type TextSource = 'environment' | 'flag';

/** Most applications fleet.apps may list: application-overrides builds them in one answer. */
export const MAX_FLEET_APPS = 1_000_000;

/** One configuration key holding a value. */
export interface Leaf {
  kind: 'leaf';
  /** What a valid value looks like, completing "fleet.apps must be ...". */
  expected: string;
  /** The value as the configuration keeps it, or INVALID. */
  normalize(value: unknown): unknown;
  /** Turns the text of an environment variable or a flag into a candidate value. */
  fromText(text: string, source: TextSource): unknown;
}

/** A configuration key holding more keys (a section, or sequence.rules). */
export interface Branch {
  kind: 'branch';
  children: Record<string, Node>;
  /** Keys may be left out (sequence.rules: unset switches follow the profile). */
  partial: boolean;
}

export type Node = Leaf | Branch;

function branch(children: Record<string, Node>, partial = false): Branch {
  return { kind: 'branch', children, partial };
}

// Only plain decimal digits: Number() would also take " 7", "0x10" or "1e3". The minus
// is read so that a range message can say "got -3".
const DECIMAL_INTEGER = /^-?\d+$/;

/** The number a text of decimal digits gives, or the text itself to be quoted as given. */
function fromIntegerText(text: string): unknown {
  if (!DECIMAL_INTEGER.test(text)) return text;

  const number = Number(text);
  // Beyond safe integers the number would be rounded (1e20 for twenty nines); + 0 makes
  // "-0" a plain 0.
  return Number.isSafeInteger(number) ? number + 0 : text;
}

function fromBooleanText(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

function integer(min: number, max: number, expected: string): Leaf {
  const fits = (value: unknown): boolean =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

  return {
    kind: 'leaf',
    expected,
    normalize: (value) => (fits(value) ? value : INVALID),
    fromText: fromIntegerText,
  };
}

const positiveInteger = integer(1, Number.MAX_SAFE_INTEGER, 'a positive integer');

const nonNegativeInteger = integer(0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');

const flag: Leaf = {
  kind: 'leaf',
  expected: 'true or false',
  normalize: (value) => (typeof value === 'boolean' ? value : INVALID),
  fromText: fromBooleanText,
};

function oneOf(choices: readonly string[], nullable = false): Leaf {
  const names = nullable ? [...choices, 'null'] : choices;

  return {
    kind: 'leaf',
    expected: `one of ${names.join(', ')}`,
    normalize: (value) => {
      if (value === null && nullable) return null;
      return typeof value === 'string' && choices.includes(value) ? value : INVALID;
    },
    fromText: (text) => (nullable && text === 'null' ? null : text),
  };
}

/**
 * A non-empty string, or null when `nullMeans` says what null does. The word null in
 * the environment gives null; a flag is always its text ("--token null" is a token),
 * and an empty text is refused rather than read as null.
 */
function text(nullMeans: string | null = null): Leaf {
  const nullable = nullMeans !== null;

  return {
    kind: 'leaf',
    expected: nullable ? `a non-empty string, or null ${nullMeans}` : 'a non-empty string',
    normalize: (value) => {
      if (value === null && nullable) return null;
      return typeof value === 'string' && value !== '' ? value : INVALID;
    },
    fromText: (input, source) =>
      nullable && source === 'environment' && input === 'null' ? null : input,
  };
}

/** The fleet prefix may be empty; the fleet check tests the names it gives. */
const prefix: Leaf = {
  kind: 'leaf',
  expected: 'a string',
  normalize: (value) => (typeof value === 'string' ? value : INVALID),
  fromText: (input) => input,
};

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Free-form objects (a state, a control) are replaced whole, never merged. */
const mapping: Leaf = {
  kind: 'leaf',
  expected: 'a mapping (in an environment variable or a flag: a JSON object)',
  normalize: (value) => (isMapping(value) ? structuredClone(value) : INVALID),
  fromText: (input) => {
    try {
      return JSON.parse(input) as unknown;
    } catch {
      return input;
    }
  },
};

const duration: Leaf = {
  kind: 'leaf',
  expected: 'a positive integer of milliseconds or a duration like "250ms", "2s" or "1m"',
  normalize: (value) => {
    const ms = typeof value === 'string' ? parseDuration(value) : value;
    return Number.isSafeInteger(ms) && (ms as number) > 0 ? ms : INVALID;
  },
  fromText: fromIntegerText,
};

const ruleSwitches = branch(Object.fromEntries(RULE_NAMES.map((name) => [name, flag])), true);

/** Every configuration key, shaped like Config and like the YAML file. */
export const CONFIG_SCHEMA: Branch = branch({
  server: branch({
    host: text(),
    port: integer(0, 65_535, 'an integer from 0 to 65535'),
    body_limit: positiveInteger,
    token: text('to accept every request'),
  }),
  log: branch({
    level: oneOf(LOG_LEVELS),
  }),
  fleet: branch({
    apps: integer(1, MAX_FLEET_APPS, `an integer from 1 to ${MAX_FLEET_APPS}`),
    prefix,
    width: integer(0, 128, 'an integer from 0 to 128'),
    first: nonNegativeInteger,
    only: flag,
  }),
  sequence: branch({
    profile: oneOf(Object.keys(PROFILES)),
    rules: ruleSwitches,
    reject_with: oneOf(['http-400', 'status-200'], true),
    resync: flag,
  }),
  measure: branch({
    control: mapping,
  }),
  adjust: branch({
    mode: oneOf(['fixed', 'descriptor']),
    state: mapping,
    control: mapping,
    seed: nonNegativeInteger,
  }),
  state: branch({
    file: text('to keep state in memory'),
    flush_interval: duration,
  }),
  observe: branch({
    history_apps: nonNegativeInteger,
    rejections: nonNegativeInteger,
  }),
});

/** The node at a dotted path such as "fleet.apps", or undefined. */
export function nodeAt(path: string): Node | undefined {
  let node: Node | undefined = CONFIG_SCHEMA;
  if (path === '') return node;

  for (const key of path.split('.')) {
    if (node?.kind !== 'branch' || !Object.hasOwn(node.children, key)) return undefined;
    node = node.children[key];
  }

  return node;
}

/** The dotted path of a child key, the root having the empty path. */
export function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

export { isMapping };
