import { childPath, isMapping, nodeAt } from './config-schema.js';
import type { Branch } from './config-schema.js';
import { configError, showValue } from './config-error.js';
import type { Setting } from './setting.js';

/**
 * Turns a nested object (a YAML document, a JSON environment value) found at
 * `at` into one setting per leaf key, refusing keys the schema does not know.
 */
export function flattenSettings(value: unknown, at: string, origin: string): Setting[] {
  const node = nodeAt(at);
  if (node === undefined) throw configError(`unknown key ${at} in ${origin}`);
  if (node.kind === 'leaf') return [{ path: at, value, origin }];

  return flattenBranch(node, value, at, origin);
}

function flattenBranch(node: Branch, value: unknown, at: string, origin: string): Setting[] {
  // A section whose keys are all commented out reads as null in YAML.
  if (value === null) return [];

  const known = Object.keys(node.children);
  if (!isMapping(value)) {
    const name = at === '' ? 'the configuration' : at;
    throw configError(
      `${name} must be a mapping of keys (${known.join(', ')}), ` +
        `got ${showValue(value)} (from ${origin})`,
    );
  }

  return Object.entries(value).flatMap(([key, child]) => {
    const path = childPath(at, key);
    if (!Object.hasOwn(node.children, key)) {
      throw configError(`unknown key ${path} in ${origin} (known: ${known.join(', ')})`);
    }
    return flattenSettings(child, path, origin);
  });
}
