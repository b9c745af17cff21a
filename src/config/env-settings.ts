import { CONFIG_SCHEMA, childPath } from './config-schema.js';
import type { Branch } from './config-schema.js';
import { configError } from './config-error.js';
import { settingsFromText } from './settings-from-text.js';
import type { Setting } from './setting.js';

export const ENV_PREFIX = 'VORACIOUS_';

/** Names the configuration file, like --config (which wins over it). */
export const CONFIG_FILE_VARIABLE = 'VORACIOUS_CONFIG';

/**
 * Settings from VORACIOUS_<SECTION>_<KEY> variables: VORACIOUS_FLEET_APPS=5000 sets
 * fleet.apps, VORACIOUS_SEQUENCE_RULES_SINGLE_FINAL=false one rule switch, and a
 * variable naming a group of keys (VORACIOUS_SEQUENCE_RULES) takes a JSON object.
 */
export function envSettings(env: NodeJS.ProcessEnv): Setting[] {
  const names = Object.keys(env)
    .filter((name) => name.startsWith(ENV_PREFIX) && name !== CONFIG_FILE_VARIABLE)
    .sort();

  return names.flatMap((name) => {
    const origin = `environment variable ${name}`;
    const suffix = name.slice(ENV_PREFIX.length).toLowerCase();
    const path = resolvePath(CONFIG_SCHEMA, '', suffix, origin);
    return settingsFromText(path, env[name] ?? '', origin, 'environment');
  });
}

// Keys hold underscores themselves (body_limit), so names are matched key by key.
function resolvePath(node: Branch, at: string, rest: string, origin: string): string {
  for (const [key, child] of Object.entries(node.children)) {
    if (rest === key) return childPath(at, key);
    if (child.kind === 'branch' && rest.startsWith(`${key}_`)) {
      return resolvePath(child, childPath(at, key), rest.slice(key.length + 1), origin);
    }
  }

  const known = Object.keys(node.children).join(', ');
  throw configError(`unknown key ${childPath(at, rest)} in ${origin} (known: ${known})`);
}
