import type { Config } from './defaults.js';
import { CONFIG_SCHEMA, INVALID, childPath, isMapping } from './config-schema.js';
import type { Branch, Leaf } from './config-schema.js';
import { configError, showValue } from './config-error.js';
import { checkFleetNames } from './check-fleet-names.js';

/** Where each leaf's value came from, by dotted path; absent means the defaults. */
export type Origins = ReadonlyMap<string, string>;

/**
 * Checks a whole configuration against the schema and returns it normalized
 * (durations in milliseconds, objects copied). Throws VOR_ERR_CONFIG naming
 * the key, the value, what was expected and where the value came from.
 */
export function validateConfig(value: unknown, origins: Origins = new Map()): Config {
  const config = checkBranch(CONFIG_SCHEMA, value, '', origins) as unknown as Config;

  checkFleetNames(config.fleet, origins);
  return config;
}

function checkBranch(
  node: Branch,
  value: unknown,
  at: string,
  origins: Origins,
): Record<string, unknown> {
  const known = Object.keys(node.children);
  if (!isMapping(value)) {
    const name = at === '' ? 'the configuration' : at;
    throw configError(
      `${name} must be a mapping of keys (${known.join(', ')}), ` +
        `got ${showValue(value)}${fromSuffix(at, origins)}`,
    );
  }

  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(node.children, key)) {
      throw configError(`unknown key ${childPath(at, key)} (known: ${known.join(', ')})`);
    }
  }

  return checkChildren(node, value, at, origins);
}

function checkChildren(
  node: Branch,
  value: Record<string, unknown>,
  at: string,
  origins: Origins,
): Record<string, unknown> {
  const checked: Record<string, unknown> = {};

  for (const [key, child] of Object.entries(node.children)) {
    const path = childPath(at, key);
    if (!Object.hasOwn(value, key)) {
      if (node.partial) continue;
      throw configError(`${path} is missing; expected ${describeNode(child)}`);
    }
    checked[key] =
      child.kind === 'branch'
        ? checkBranch(child, value[key], path, origins)
        : checkLeaf(child, value[key], path, origins);
  }

  return checked;
}

function checkLeaf(leaf: Leaf, value: unknown, path: string, origins: Origins): unknown {
  const normalized = leaf.normalize(value);
  if (normalized !== INVALID) return normalized;

  throw configError(
    `${path} must be ${leaf.expected}, ` + `got ${showValue(value)}${fromSuffix(path, origins)}`,
  );
}

function describeNode(node: Branch | Leaf): string {
  return node.kind === 'leaf' ? node.expected : 'a mapping of keys';
}

/** " (from voracious.yaml)" when the value did not come from the defaults. */
export function fromSuffix(path: string, origins: Origins): string {
  const origin = origins.get(path);
  return origin === undefined ? '' : ` (from ${origin})`;
}
