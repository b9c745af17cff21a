import type { ProfileName, RejectStyle, RuleSwitches } from '../protocol/rules.js';

/** The whole effective configuration; keys are those of the YAML file. */
export interface Config {
  server: {
    host: string;
    port: number;
    /** Largest accepted request body, in bytes. */
    body_limit: number;
    /** When set, servo requests must carry it as Bearer or X-SF-Token. */
    token: string | null;
  };
  log: {
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  };
  fleet: {
    apps: number;
    prefix: string;
    width: number;
    first: number;
    /** Refuse servo requests for names outside the listed fleet. */
    only: boolean;
  };
  sequence: {
    profile: ProfileName;
    /** Overrides of single switches on top of the profile. */
    rules: Partial<RuleSwitches>;
    /** Overrides the profile's way of answering rejections. */
    reject_with: RejectStyle | null;
    /** Accept the first event of an unknown application and infer its state. */
    resync: boolean;
  };
  measure: {
    control: Record<string, unknown>;
  };
  adjust: {
    mode: 'fixed' | 'descriptor';
    state: Record<string, unknown>;
    control: Record<string, unknown>;
    seed: number;
  };
  state: {
    /** SQLite file keeping every application's state; null keeps it in memory. */
    file: string | null;
    /** Milliseconds between two flushes of changed applications. */
    flush_interval: number;
  };
  observe: {
    /** How many of the most recently active applications keep an event history. */
    history_apps: number;
    /** How many recent rejections are kept for GET /rejections. */
    rejections: number;
  };
}

/** The demo configuration's components, as the original tool adjusted them. */
export const DEMO_STATE = {
  application: {
    components: {
      web: { settings: { cpu: { value: 1 }, replicas: { value: 3 } } },
      java: { settings: { mem: { value: 2 }, GCTimeRatio: { value: 99 } } },
      db: { settings: { cpu: { value: 1 }, commit_delay: { value: 0 } } },
    },
  },
};

export function defaultConfig(): Config {
  return {
    server: { host: '127.0.0.1', port: 8080, body_limit: 1024 * 1024, token: null },
    log: { level: 'info' },
    fleet: { apps: 5, prefix: 'app', width: 5, first: 0, only: false },
    sequence: { profile: 'strict', rules: {}, reject_with: null, resync: false },
    measure: { control: {} },
    adjust: { mode: 'fixed', state: structuredClone(DEMO_STATE), control: {}, seed: 1 },
    state: { file: null, flush_interval: 250 },
    observe: { history_apps: 10_000, rejections: 1_000 },
  };
}
