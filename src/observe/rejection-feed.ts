import type { ErrorCode } from '../errors/catalogue.js';
import type { EventKind } from '../protocol/events.js';

/** One rejection as it was answered; the message is read from `answer` only when asked. */
export interface RejectionEntry {
  timeMs: number;
  key: string;
  /** The application's state when the event arrived ("new" when it had none). */
  state: string;
  kind: EventKind;
  code: ErrorCode;
  answer: string;
}

/** The most recent rejections across all applications, in a ring of fixed size. */
export class RejectionFeed {
  private readonly ring: (RejectionEntry | null)[];
  private next = 0;
  private stored = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<RejectionEntry | null>(capacity).fill(null);
  }

  add(entry: RejectionEntry): void {
    if (this.capacity === 0) return;
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.stored = Math.min(this.stored + 1, this.capacity);
  }

  /** Up to `limit` entries, newest first. */
  recent(limit: number): RejectionEntry[] {
    const entries: RejectionEntry[] = [];
    for (let i = 1; i <= this.stored && entries.length < limit; i++) {
      const entry = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** Drops the entries of one application (after it was reset). */
  forget(key: string): void {
    this.ring.forEach((entry, index) => {
      if (entry?.key === key) this.ring[index] = null;
    });
  }

  clear(): void {
    this.ring.fill(null);
    this.next = 0;
    this.stored = 0;
  }
}
