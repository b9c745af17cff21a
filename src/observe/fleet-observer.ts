import type { ErrorCode } from '../errors/catalogue.js';
import { EVENT_KIND_LABELS, type EventKind } from '../protocol/events.js';
import type { Phase } from '../protocol/phases.js';
import type { EventObserver } from '../protocol/sequencer.js';
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
 * observe endpoints show: per-application histories, the rejection feed and
 * rejections by event kind. Only references and numbers are stored here;
 * answers are parsed when someone asks for them.
 */
export class FleetObserver implements EventObserver {
  readonly history: AppHistory;
  readonly feed: RejectionFeed;
  /** Rejections by event kind, for the events the sequencer reports with a slot. */
  readonly rejectedByKind = new Float64Array(EVENT_KIND_LABELS.length);
  private readonly apps: AppTable;
  private readonly clock: () => number;
  private lastRejectedSlot = -1;
  private lastRejectedAnswer = '';

  constructor(options: FleetObserverOptions) {
    this.apps = options.apps;
    this.clock = options.clock;
    this.history = new AppHistory(options.historyApps);
    this.feed = new RejectionFeed(options.rejections);
  }

  eventAnswered(slot: number, kind: EventKind, answer: string, rejection: ErrorCode | null): void {
    if (rejection === null && this.repeatsRejection(slot, answer)) return;

    const timeMs = this.clock();
    this.history.record(slot, timeMs, kind, answer, rejection);
    if (rejection !== null) this.rejected(slot, kind, answer, rejection, timeMs);
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
    this.rejectedByKind.fill(0);
    this.lastRejectedSlot = -1;
  }

  /**
   * A lenient rejection is answered, not thrown, so the sequencer reports it
   * once with its code and then again as a plain answer: keep the first only.
   */
  private repeatsRejection(slot: number, answer: string): boolean {
    const repeated = slot === this.lastRejectedSlot && answer === this.lastRejectedAnswer;
    this.lastRejectedSlot = -1;
    return repeated;
  }

  private rejected(slot: number, kind: EventKind, answer: string, code: ErrorCode,
    timeMs: number): void {
    this.lastRejectedSlot = slot;
    this.lastRejectedAnswer = answer;
    this.rejectedByKind[kind]! += 1;

    const key = this.apps.keyOf(slot);
    const phase = this.apps.phase[slot] as Phase;
    this.feed.add({ timeMs, key, phase, kind, code, answer });
  }
}
