import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { configError } from './config-error.js';
import { flattenSettings } from './flatten-settings.js';
import type { Setting } from './setting.js';

/** The settings of a YAML configuration file; unknown keys are errors naming the file. */
export async function readConfigFile(file: string): Promise<Setting[]> {
  const text = await readText(file);
  return flattenSettings(parseYaml(text, file), '', file);
}

// Syntax errors are collected on the document, but toJS throws for others (an alias
// to no anchor, too many aliases): both are the file's fault, not a bug.
function parseYaml(text: string, file: string): unknown {
  try {
    const document = parseDocument(text);
    const [problem] = document.errors;
    if (problem !== undefined) throw problem;
    return document.toJS() as unknown;
  } catch (error) {
    throw notValidYaml(file, error);
  }
}

function notValidYaml(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? '').replace(/:$/, '');
  return configError(`configuration file ${file} is not valid YAML: ${firstLine}`);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw configError(`cannot read configuration file ${file}: ${reason}`);
  }
}
