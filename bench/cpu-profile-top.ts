import { formatSelfTime, readProfile, topSelfTime } from './cpu-profile-summary.js';

/** node dist/bench/cpu-profile-top.js <file.cpuprofile | folder> [count]: top self time. */
const [target, countText] = process.argv.slice(2);
if (target === undefined) {
  process.stderr.write('usage: node dist/bench/cpu-profile-top.js <file|folder> [count]\n');
  process.exit(2);
}

const profile = await readProfile(target);
process.stdout.write(formatSelfTime(topSelfTime(profile, Number(countText ?? 15))) + '\n');
