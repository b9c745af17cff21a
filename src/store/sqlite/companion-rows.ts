import type Database from 'better-sqlite3';
import type { DescriptorInfo, DescriptorRegistry } from '../../protocol/descriptor-registry.js';
import { isObject } from '../../protocol/descriptor-registry.js';
import type { FleetCounters, FleetStats } from '../../stats/fleet-stats.js';
import { StateFileProblem } from './state-file.js';

const COUNTERS = 'counters';

/**
 * Saves and restores what lives beside the application rows: the descriptor
 * registry (append-only, so only new entries are written) and the fleet
 * counters (one JSON row, written when it changed).
 */
export class CompanionRows {
  private readonly insertDescriptor: Database.Statement<[number, string]>;
  private readonly saveMeta: Database.Statement<[string, string]>;
  private savedDescriptors = 1;
  private savedCounters = '';
  private pendingDescriptors = 1;
  private pendingCounters = '';

  constructor(
    private readonly db: Database.Database,
    private readonly registry: DescriptorRegistry,
    private readonly stats: FleetStats,
  ) {
    this.insertDescriptor = db.prepare(
      'INSERT OR REPLACE INTO descriptors (id, info) VALUES (?, ?)',
    );
    this.saveMeta = db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)');
  }

  /** Restores descriptors and counters; call before any event is handled. */
  load(): void {
    const descriptors = this.db
      .prepare<[], [number, string]>('SELECT id, info FROM descriptors ORDER BY id')
      .raw(true)
      .all();
    this.registry.restore(descriptors.map(([id, info], index) => readDescriptor(id, info, index)));
    this.savedDescriptors = this.registry.size;

    const counters = this.db
      .prepare<[string], string>('SELECT value FROM meta WHERE name = ?')
      .pluck(true)
      .get(COUNTERS);
    if (counters !== undefined) this.stats.restoreCounters(readCounters(counters));
    this.savedCounters = counters ?? '';
  }

  /** Writes what changed since the last save; runs inside the flush transaction. */
  save(): void {
    const fresh = this.registry.entriesFrom(this.savedDescriptors);
    fresh.forEach((info, index) => {
      this.insertDescriptor.run(this.savedDescriptors + index, JSON.stringify(info));
    });

    const counters = JSON.stringify(this.stats.counters());
    if (counters !== this.savedCounters) this.saveMeta.run(COUNTERS, counters);
    this.pendingDescriptors = this.savedDescriptors + fresh.length;
    this.pendingCounters = counters;
  }

  /** The transaction of the last `save()` committed: only later changes need writing. */
  committed(): void {
    this.savedDescriptors = this.pendingDescriptors;
    this.savedCounters = this.pendingCounters;
  }
}

function readDescriptor(id: number, text: string, index: number): DescriptorInfo {
  if (id !== index + 1) throw new StateFileProblem(`lacks descriptor ${index + 1}`);

  const info = parseJson(text, `descriptor ${id}`);
  if (!isObject(info) || !Array.isArray(info.metrics) || !Array.isArray(info.settings)) {
    throw new StateFileProblem(`has an unreadable descriptor ${id}`);
  }
  return info as unknown as DescriptorInfo;
}

function readCounters(text: string): FleetCounters {
  const counters = parseJson(text, 'counters');
  const maps = ['events', 'failures_by_event', 'rejections', 'bad_requests'];
  const valid =
    isObject(counters) &&
    typeof counters.resyncs === 'number' &&
    maps.every((name) => isCountMap(counters[name]));
  if (!valid) throw new StateFileProblem('has unreadable counters');
  return counters as unknown as FleetCounters;
}

function isCountMap(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((count) => typeof count === 'number');
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StateFileProblem(`has unreadable ${what} (not JSON)`);
  }
}
