import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { checkTargets, ratiosOf } from './report.js';
import type { BenchOptions } from './options.js';
import type { SuiteResults } from './suite.js';

/** Where every run leaves its figures, next to the bench sources. */
export const RESULTS_FILE = new URL('../../bench/results.json', import.meta.url);

/** Writes the machine, Node version, date, options and every figure of a run. */
export async function writeResults(
  results: SuiteResults,
  options: BenchOptions,
  argv: string[],
): Promise<void> {
  const document = {
    date: new Date().toISOString(),
    command: ['npm run bench --', ...argv].join(' '),
    node: process.version,
    machine: machine(),
    options,
    ratios: ratiosOf(results.rows),
    targets: checkTargets(results),
    ...results,
  };
  await writeFile(RESULTS_FILE, JSON.stringify(document, null, 2) + '\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
