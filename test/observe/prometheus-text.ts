/** One sample line of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;
const COMMENT = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/**
 * Parses Prometheus text exposition strictly enough for tests: every line is
 * a HELP or TYPE comment, a sample of a declared family, or blank; anything
 * else throws with the line.
 */
export function parsePrometheus(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = COMMENT.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE' && !TYPES.has(comment[3]!)) throw new Error(`bad type: ${line}`);
      if (comment[1] === 'TYPE') types.set(comment[2]!, comment[3]!);
      continue;
    }
    const sample = parseSample(line);
    if (!types.has(familyOf(sample.name, types))) throw new Error(`undeclared family: ${line}`);
    samples.push(sample);
  }
  return samples;
}

function parseSample(line: string): Sample {
  const match = SAMPLE.exec(line);
  if (!match) throw new Error(`not a sample: ${line}`);
  const value = Number(match[3] === '+Inf' ? Infinity : match[3]);
  if (Number.isNaN(value) && match[3] !== 'NaN') throw new Error(`bad value: ${line}`);
  return { name: match[1]!, labels: parseLabels(match[2] ?? '', line), value };
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** Histogram samples end in _bucket, _sum or _count of a declared family. */
function familyOf(name: string, types: Map<string, string>): string {
  if (types.has(name)) return name;
  return name.replace(/_(bucket|sum|count|total|created)$/, '');
}

/** The value of the one sample with this name and these labels; throws when absent. */
export function valueOf(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const found = samples.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (!found) throw new Error(`no sample ${name} ${JSON.stringify(labels)}`);
  return found.value;
}
