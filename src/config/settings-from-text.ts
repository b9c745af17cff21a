import { nodeAt } from './config-schema.js';
import type { TextSource } from './config-schema.js';
import { configError } from './config-error.js';
import { flattenSettings } from './flatten-settings.js';
import type { Setting } from './setting.js';

/**
 * Settings from the text of an environment variable or a flag aimed at `path`:
 * a leaf parses the text by its type, a group of keys takes a JSON object.
 */
export function settingsFromText(
  path: string,
  text: string,
  origin: string,
  source: TextSource,
): Setting[] {
  const node = nodeAt(path);
  if (node === undefined) throw configError(`unknown key ${path} in ${origin}`);
  if (node.kind === 'leaf') return [{ path, value: node.fromText(text, source), origin }];

  return flattenSettings(parseJsonObject(path, text, origin), path, origin);
}

function parseJsonObject(path: string, text: string, origin: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw configError(`${path} must be a JSON object in ${origin}: ${(error as Error).message}`);
  }
}
