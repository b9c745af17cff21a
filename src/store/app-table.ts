import { Phase } from '../protocol/phases.js';
import { KeyIndex } from './key-index.js';

const INITIAL_CAPACITY = 1024;

/**
 * Every application's protocol state, one typed-array column per field and
 * one row (slot) per application, so a million applications cost about
 * seventy bytes each instead of an object apiece. Keys are `account/app`;
 * neither part may contain "/".
 */
export class AppTable {
  private readonly keys = new KeyIndex();
  private capacity = 0;

  phase = new Uint8Array(0);
  /** Bit 0: a progress report arrived for the running command; bits 1-2: previous kind. */
  flags = new Uint8Array(0);
  /** Last numeric progress of the running command, NaN before the first. */
  progress = new Float32Array(0);
  /** Number of commands handed out; the running command's cmd_uid derives from it. */
  commandSeq = new Uint32Array(0);
  cycles = new Uint32Array(0);
  failures = new Uint32Array(0);
  rejections = new Uint32Array(0);
  /** Interned descriptor id from the last DESCRIPTION, 0 when none. */
  descriptor = new Uint32Array(0);
  /** Seconds since the epoch. */
  firstSeen = new Uint32Array(0);
  lastSeen = new Uint32Array(0);

  get size(): number {
    return this.keys.size;
  }

  /** The slot of `account/app`, or -1 when the table holds nothing for it. */
  find(key: string): number {
    return this.keys.find(key);
  }

  /** Adds a disconnected application and returns its slot. */
  insert(key: string, nowSeconds: number): number {
    if (this.keys.size === this.capacity) this.grow();
    const slot = this.keys.add(key);
    this.clear(slot);
    this.firstSeen[slot] = nowSeconds;
    this.lastSeen[slot] = nowSeconds;
    return slot;
  }

  /** The key of a slot, as a new string: not for the request path. */
  keyOf(slot: number): string {
    return this.keys.keyAt(slot);
  }

  /** Resets a slot's protocol state and counters; the application stays known. */
  clear(slot: number): void {
    this.phase[slot] = Phase.DISCONNECTED;
    this.flags[slot] = 0;
    this.progress[slot] = NaN;
    this.commandSeq[slot] = 0;
    this.cycles[slot] = 0;
    this.failures[slot] = 0;
    this.rejections[slot] = 0;
    this.descriptor[slot] = 0;
  }

  /** Forgets the application added last, as if its insert never happened. */
  removeLast(): void {
    this.keys.removeLast();
  }

  /** Forgets every application. */
  removeAll(): void {
    this.keys.clear();
  }

  private grow(): void {
    const capacity = Math.max(INITIAL_CAPACITY, this.capacity * 2);
    this.phase = resized(this.phase, new Uint8Array(capacity));
    this.flags = resized(this.flags, new Uint8Array(capacity));
    this.progress = resized(this.progress, new Float32Array(capacity));
    this.commandSeq = resized(this.commandSeq, new Uint32Array(capacity));
    this.cycles = resized(this.cycles, new Uint32Array(capacity));
    this.failures = resized(this.failures, new Uint32Array(capacity));
    this.rejections = resized(this.rejections, new Uint32Array(capacity));
    this.descriptor = resized(this.descriptor, new Uint32Array(capacity));
    this.firstSeen = resized(this.firstSeen, new Uint32Array(capacity));
    this.lastSeen = resized(this.lastSeen, new Uint32Array(capacity));
    this.capacity = capacity;
  }
}

function resized<T extends Uint8Array | Uint32Array | Float32Array>(old: T, fresh: T): T {
  fresh.set(old as never);
  return fresh;
}

/** Builds the table key of an application. */
export function appKey(account: string, app: string): string {
  return `${account}/${app}`;
}

/** Splits a table key back into account and app. */
export function splitKey(key: string): { account: string; app: string } {
  const cut = key.indexOf('/');
  return { account: key.slice(0, cut), app: key.slice(cut + 1) };
}
