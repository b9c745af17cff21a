import { parseOptions, USAGE } from './options.js';
import { runProfile } from './profile-run.js';
import { formatReport } from './report.js';
import { RESULTS_FILE, writeResults } from './results-file.js';
import { runSuite } from './suite.js';

/** `npm run bench`: baseline and emulator under the same generator, then the report. */
async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv, process.env);
  if (options === null) {
    process.stdout.write(USAGE);
    return;
  }

  const io = { progress: process.stderr, out: process.stdout };
  if (options.profileDir !== null) {
    await runProfile(options, options.profileDir, io);
    return;
  }

  const results = await runSuite(options, io);
  process.stdout.write('\n' + formatReport(results, options));
  await writeResults(results, options, argv);
  process.stdout.write(`\nfigures written to ${RESULTS_FILE.pathname}\n`);
}

await main(process.argv.slice(2));
