import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { configError } from './config-error.js';
import { flattenSettings } from './flatten-settings.js';
import type { Setting } from './setting.js';

/** The settings of a YAML configuration file; unknown keys are errors naming the file. */
export async function readConfigFile(file: string): Promise<Setting[]> {
  const text = await readText(file);
  const document = parseDocument(text);

  const [problem] = document.errors;
  if (problem !== undefined) {
    const firstLine = (problem.message.split('\n')[0] ?? '').replace(/:$/, '');
    throw configError(`configuration file ${file} is not valid YAML: ${firstLine}`);
  }

  return flattenSettings(document.toJS() as unknown, '', file);
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
