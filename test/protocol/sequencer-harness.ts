import { VoraciousError } from '../../src/errors/catalogue.js';
import { CommandWriter } from '../../src/protocol/command-writer.js';
import { DescriptorRegistry } from '../../src/protocol/descriptor-registry.js';
import type { EventName } from '../../src/protocol/events.js';
import { PHASE_NAMES, type Phase } from '../../src/protocol/phases.js';
import { resolveRules } from '../../src/protocol/resolve-rules.js';
import { Sequencer } from '../../src/protocol/sequencer.js';
import { FleetStats } from '../../src/stats/fleet-stats.js';
import { appKey } from '../../src/store/app-table.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { DEMO_DESCRIPTION } from '../helpers/servo-driver.js';
import { quietLogger, type QuietLogger } from '../helpers/quiet-logger.js';
import { testConfig, type ConfigOverrides } from '../helpers/test-config.js';

export const ACCOUNT = 'acct';

/** What the sequencer did with one event: an answer, or a thrown rejection. */
export type Outcome =
  | { answer: Record<string, unknown>; error?: undefined }
  | { error: VoraciousError; answer?: undefined };

/** A sequencer wired to a memory store, as the composition root wires it. */
export interface Harness {
  sequencer: Sequencer;
  store: MemoryStore;
  stats: FleetStats;
  log: QuietLogger;
  send(app: string, event: EventName, param?: unknown): Outcome;
  /** Sends and throws unless answered (strict rejections are thrown errors). */
  ok(app: string, event: EventName, param?: unknown): Record<string, unknown>;
  /** The state name of `app`: "new" when the store holds nothing for it. */
  state(app: string): string;
  /** Every column of the application's row, to compare before and after an event. */
  row(app: string): Record<string, number> | null;
}

/** Builds a sequencer from the test configuration with `overrides` on top. */
export function harness(overrides: ConfigOverrides = {}): Harness {
  const config = testConfig(overrides);
  const store = new MemoryStore();
  const stats = new FleetStats();
  const registry = new DescriptorRegistry(100);
  const log = quietLogger('warn');
  const { rules, rejectWith } = resolveRules(config.sequence);
  const sequencer = new Sequencer({
    store,
    stats,
    registry,
    rules,
    rejectWith,
    logger: log.logger,
    commands: new CommandWriter(config, registry),
    resync: config.sequence.resync,
    clock: () => 1_700_000_000_000,
  });

  const send = (app: string, event: EventName, param: unknown = null): Outcome => {
    try {
      return { answer: JSON.parse(sequencer.handle(ACCOUNT, app, { event, param })) };
    } catch (error) {
      if (error instanceof VoraciousError) return { error };
      throw error;
    }
  };
  const ok = (app: string, event: EventName, param: unknown = null) => {
    const outcome = send(app, event, param);
    if (outcome.error) throw outcome.error;
    return outcome.answer;
  };
  return { sequencer, store, stats, log, send, ok, state: stateOf, row: rowOf };

  function stateOf(app: string): string {
    const slot = store.apps.find(appKey(ACCOUNT, app));
    return slot < 0 ? 'new' : PHASE_NAMES[store.apps.phase[slot] as Phase];
  }

  function rowOf(app: string): Record<string, number> | null {
    const slot = store.apps.find(appKey(ACCOUNT, app));
    if (slot < 0) return null;
    const { apps } = store;
    return {
      phase: apps.phase[slot]!,
      flags: apps.flags[slot]!,
      progress: apps.progress[slot]!,
      commandSeq: apps.commandSeq[slot]!,
      cycles: apps.cycles[slot]!,
      failures: apps.failures[slot]!,
      descriptor: apps.descriptor[slot]!,
    };
  }
}

export const PROGRESS = (progress: unknown, extra: Record<string, unknown> = {}) => ({
  progress,
  runtime: 0,
  ...extra,
});

export const MEASUREMENT_RESULT = {
  metrics: { throughput: { value: 1000, unit: 'rpm' }, error_rate: { value: 1, unit: '%' } },
};

export const ADJUSTMENT_RESULT = { state: {} };

/** One event as the state tables name it, with a param that is valid for it. */
export const EVENTS = {
  HELLO: ['HELLO', { agent: 'github.com/opsani/servo' }],
  WHATS_NEXT: ['WHATS_NEXT', null],
  DESCRIPTION: ['DESCRIPTION', DEMO_DESCRIPTION],
  'MEASUREMENT progress': ['MEASUREMENT', PROGRESS(50)],
  'MEASUREMENT final': ['MEASUREMENT', MEASUREMENT_RESULT],
  'ADJUSTMENT progress': ['ADJUSTMENT', PROGRESS(50)],
  'ADJUSTMENT final': ['ADJUSTMENT', ADJUSTMENT_RESULT],
  GOODBYE: ['GOODBYE', { reason: 'exit' }],
} as const satisfies Record<string, readonly [EventName, unknown]>;

export type EventLabel = keyof typeof EVENTS;

export const EVENT_LABELS = Object.keys(EVENTS) as EventLabel[];

/** How to reach each starting state from nothing, in events the strict profile accepts. */
export const SETUPS = {
  new: [],
  disconnected: ['HELLO', 'GOODBYE'],
  'describe-pending': ['HELLO'],
  describing: ['HELLO', 'WHATS_NEXT'],
  'measure-pending': ['HELLO', 'WHATS_NEXT', 'DESCRIPTION'],
  measuring: ['HELLO', 'WHATS_NEXT', 'DESCRIPTION', 'WHATS_NEXT'],
  'measuring+progress': [
    'HELLO',
    'WHATS_NEXT',
    'DESCRIPTION',
    'WHATS_NEXT',
    'MEASUREMENT progress',
  ],
  'adjust-pending': [
    'HELLO',
    'WHATS_NEXT',
    'DESCRIPTION',
    'WHATS_NEXT',
    'MEASUREMENT progress',
    'MEASUREMENT final',
  ],
  adjusting: [
    'HELLO',
    'WHATS_NEXT',
    'DESCRIPTION',
    'WHATS_NEXT',
    'MEASUREMENT progress',
    'MEASUREMENT final',
    'WHATS_NEXT',
  ],
  'adjusting+progress': [
    'HELLO',
    'WHATS_NEXT',
    'DESCRIPTION',
    'WHATS_NEXT',
    'MEASUREMENT progress',
    'MEASUREMENT final',
    'WHATS_NEXT',
    'ADJUSTMENT progress',
  ],
} as const satisfies Record<string, readonly EventLabel[]>;

export type StartState = keyof typeof SETUPS;

/** Walks `app` into `start` with events every profile accepts. */
export function placeApp(h: Harness, app: string, start: StartState): void {
  for (const label of SETUPS[start]) {
    const [event, param] = EVENTS[label];
    h.ok(app, event, param);
  }
}
