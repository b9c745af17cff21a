import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The parts of a V8 .cpuprofile file the summary reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function, summed over every node of the call tree it appears in. */
export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Functions by self time, largest first; each sample is charged the time until the next. */
export function topSelfTime(profile: CpuProfile, count: number): SelfTime[] {
  const names = new Map(profile.nodes.map((node) => [node.id, describe(node)]));
  const totals = new Map<string, number>();
  let all = 0;

  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const name = names.get(id) ?? `node ${id}`;
    totals.set(name, (totals.get(name) ?? 0) + micros);
    all += micros;
  });

  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / Math.max(all, 1) }));
}

function describe(node: ProfileNode): string {
  const frame = node.callFrame;
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;

  const file = frame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '');
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/** Reads a profile file, or the newest .cpuprofile of a folder. */
export async function readProfile(fileOrFolder: string): Promise<CpuProfile> {
  const file = (await stat(fileOrFolder)).isDirectory()
    ? await newestProfile(fileOrFolder)
    : fileOrFolder;
  return JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
}

async function newestProfile(folder: string): Promise<string> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.cpuprofile'));
  const dated = await Promise.all(
    names.map(async (name) => {
      const file = path.join(folder, name);
      return { file, mtime: (await stat(file)).mtimeMs };
    }),
  );
  const newest = dated.sort((a, b) => b.mtime - a.mtime)[0];
  if (newest === undefined) throw new Error(`no .cpuprofile file in ${folder}`);
  return newest.file;
}

/** The summary as a table, one function per line. */
export function formatSelfTime(entries: SelfTime[]): string {
  const lines = entries.map(
    (entry) =>
      `${entry.ms.toFixed(0).padStart(8)} ms ${(entry.share * 100).toFixed(1).padStart(5)}%  ` +
      entry.name,
  );
  return ['   self time  share  function', ...lines].join('\n');
}
