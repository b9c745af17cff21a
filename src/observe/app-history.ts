import type { ErrorCode } from '../errors/catalogue.js';
import type { EventKind } from '../protocol/events.js';

/** Events kept per application. */
export const EVENTS_PER_APP = 20;

const NONE = -1;

/** One remembered event; `answer` is the exact string the servo received. */
export interface HistoryEntry {
  timeMs: number;
  kind: EventKind;
  answer: string;
  rejection: ErrorCode | null;
}

/**
 * The last events of the most recently active applications. Memory is
 * bounded in total: a fixed pool of records, one per application, handed
 * to the active ones; the least recently active application loses its
 * record first. Records form a doubly linked list (most recent at the head)
 * in typed arrays, so a touch costs a Map lookup and a few integer writes.
 */
export class AppHistory {
  private readonly recordOf = new Map<number, number>();
  private readonly owner: Int32Array;
  private readonly newer: Int32Array;
  private readonly older: Int32Array;
  private readonly start: Uint8Array;
  private readonly count: Uint8Array;
  private readonly times: Float64Array;
  private readonly kinds: Uint8Array;
  private readonly answers: (string | undefined)[];
  private readonly rejections: (ErrorCode | null)[];
  /** Records given back by `forget`, reused before any eviction. */
  private free: number[] = [];
  private head = NONE;
  private tail = NONE;
  private used = 0;

  constructor(readonly capacity: number) {
    const entries = capacity * EVENTS_PER_APP;
    this.owner = new Int32Array(capacity).fill(NONE);
    this.newer = new Int32Array(capacity).fill(NONE);
    this.older = new Int32Array(capacity).fill(NONE);
    this.start = new Uint8Array(capacity);
    this.count = new Uint8Array(capacity);
    this.times = new Float64Array(entries);
    this.kinds = new Uint8Array(entries);
    this.answers = new Array<string | undefined>(entries);
    this.rejections = new Array<ErrorCode | null>(entries);
  }

  /** How many applications currently keep a history. */
  get size(): number {
    return this.recordOf.size;
  }

  /** Appends an event to the slot's history, making it the most recently active. */
  record(
    slot: number,
    timeMs: number,
    kind: EventKind,
    answer: string,
    rejection: ErrorCode | null,
  ): void {
    if (this.capacity === 0) return;
    const record = this.recordFor(slot);

    const length = this.count[record]!;
    const base = record * EVENTS_PER_APP;
    const position = base + ((this.start[record]! + length) % EVENTS_PER_APP);
    if (length === EVENTS_PER_APP) {
      this.start[record] = (this.start[record]! + 1) % EVENTS_PER_APP;
    } else {
      this.count[record] = length + 1;
    }

    this.times[position] = timeMs;
    this.kinds[position] = kind;
    this.answers[position] = answer;
    this.rejections[position] = rejection;
  }

  /** The slot's kept events, oldest first; empty when it has none (or lost them). */
  eventsOf(slot: number): HistoryEntry[] {
    const record = this.recordOf.get(slot);
    if (record === undefined) return [];

    const entries: HistoryEntry[] = [];
    const base = record * EVENTS_PER_APP;
    for (let i = 0; i < this.count[record]!; i++) {
      const position = base + ((this.start[record]! + i) % EVENTS_PER_APP);
      entries.push({
        timeMs: this.times[position]!,
        kind: this.kinds[position] as EventKind,
        answer: this.answers[position] ?? '',
        rejection: this.rejections[position] ?? null,
      });
    }
    return entries;
  }

  has(slot: number): boolean {
    return this.recordOf.has(slot);
  }

  /** Drops one application's history (its record returns to the pool). */
  forget(slot: number): void {
    const record = this.recordOf.get(slot);
    if (record === undefined) return;

    this.unlink(record);
    this.release(record);
    this.recordOf.delete(slot);
    this.free.push(record);
  }

  /** Drops every history, as when every application is forgotten. */
  clear(): void {
    for (const record of this.recordOf.values()) this.release(record);
    this.recordOf.clear();
    this.newer.fill(NONE);
    this.older.fill(NONE);
    this.free = [];
    this.head = NONE;
    this.tail = NONE;
    this.used = 0;
  }

  private recordFor(slot: number): number {
    const known = this.recordOf.get(slot);
    if (known !== undefined) {
      if (known !== this.head) this.moveToHead(known);
      return known;
    }

    const record = this.free.pop() ?? this.unusedOrOldest();
    this.owner[record] = slot;
    this.recordOf.set(slot, record);
    this.linkAtHead(record);
    return record;
  }

  private unusedOrOldest(): number {
    return this.used < this.capacity ? this.used++ : this.evictOldest();
  }

  /** Takes the least recently active application's record for reuse. */
  private evictOldest(): number {
    const record = this.tail;
    this.recordOf.delete(this.owner[record]!);
    this.unlink(record);
    this.release(record);
    return record;
  }

  private release(record: number): void {
    const base = record * EVENTS_PER_APP;
    this.answers.fill(undefined, base, base + EVENTS_PER_APP);
    this.count[record] = 0;
    this.start[record] = 0;
    this.owner[record] = NONE;
  }

  private moveToHead(record: number): void {
    this.unlink(record);
    this.linkAtHead(record);
  }

  private linkAtHead(record: number): void {
    this.older[record] = this.head;
    this.newer[record] = NONE;
    if (this.head !== NONE) this.newer[this.head] = record;
    this.head = record;
    if (this.tail === NONE) this.tail = record;
  }

  private unlink(record: number): void {
    const newer = this.newer[record]!;
    const older = this.older[record]!;
    if (newer !== NONE) this.older[newer] = older;
    else this.head = older;
    if (older !== NONE) this.newer[older] = newer;
    else this.tail = newer;
    this.newer[record] = NONE;
    this.older[record] = NONE;
  }
}
