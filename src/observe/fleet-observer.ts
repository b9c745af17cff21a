import type { EventKind } from '../protocol/events.js';
import type { EventObserver, RejectedEvent } from '../protocol/sequencer.js';
import type { AppTable } from '../store/app-table.js';
import { AppHistory } from './app-history.js';
import { RejectionFeed } from './rejection-feed.js';

export interface FleetObserverOptions {
  apps: AppTable;
  historyApps: number;
  rejections: number;
  /** Milliseconds since the epoch. */
  clock: () => number;
}

/**
 * Receives every answered event from the sequencer and keeps what the
 * observe endpoints show: per-application histories and the rejection feed.
 * Only references and numbers are stored here; answers are parsed when
 * someone asks for them.
 */
export class FleetObserver implements EventObserver {
  readonly history: AppHistory;
  readonly feed: RejectionFeed;
  private readonly apps: AppTable;
  private readonly clock: () => number;

  constructor(options: FleetObserverOptions) {
    this.apps = options.apps;
    this.clock = options.clock;
    this.history = new AppHistory(options.historyApps);
    this.feed = new RejectionFeed(options.rejections);
  }

  eventAccepted(slot: number, kind: EventKind, answer: string): void {
    this.history.record(slot, this.clock(), kind, answer, null);
  }

  eventRejected(event: RejectedEvent): void {
    const timeMs = this.clock();
    const { slot, key, state, kind, code, answer } = event;
    if (slot >= 0) this.history.record(slot, timeMs, kind, answer, code);
    this.feed.add({ timeMs, key, state, kind, code, answer });
  }

  /** Forgets what is kept for one application. */
  forgetApp(slot: number): void {
    this.history.forget(slot);
    this.feed.forget(this.apps.keyOf(slot));
  }

  /** Forgets everything, as when every application is removed. */
  clear(): void {
    this.history.clear();
    this.feed.clear();
  }
}
