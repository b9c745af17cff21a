const INITIAL_KEYS = 1024;
const INITIAL_BYTES = 16 * 1024;
const EMPTY = 0;

/**
 * Maps application keys to slots 0, 1, 2, ... without a JavaScript object
 * per key: the key bytes share one buffer and the hash table is a typed
 * array (open addressing, linear probing, at most half full). A million keys
 * cost about 33 bytes each, where a Map<string, number> and the key strings
 * cost about 70. Keys are ASCII, as the name schema allows.
 */
export class KeyIndex {
  private bytes = Buffer.alloc(INITIAL_BYTES);
  private used = 0;
  private starts = new Uint32Array(INITIAL_KEYS);
  private lengths = new Uint16Array(INITIAL_KEYS);
  private hashes = new Uint32Array(INITIAL_KEYS);
  /** Slot + 1 of the key in each bucket, EMPTY for none. */
  private table = new Uint32Array(INITIAL_KEYS * 2);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of a key, or -1. */
  find(key: string): number {
    const hash = hashOf(key);
    const mask = this.table.length - 1;
    for (let bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
      const entry = this.table[bucket]!;
      if (entry === EMPTY) return -1;
      if (this.hashes[entry - 1] === hash && this.holds(entry - 1, key)) return entry - 1;
    }
  }

  /** Adds a key not present yet; its slot is the number of keys before it. */
  add(key: string): number {
    const slot = this.count;
    this.reserve(key.length);

    this.starts[slot] = this.used;
    this.lengths[slot] = key.length;
    this.hashes[slot] = hashOf(key);
    this.used += this.bytes.write(key, this.used, 'latin1');
    this.count += 1;

    this.place(slot);
    return slot;
  }

  keyAt(slot: number): string {
    if (slot < 0 || slot >= this.count) throw new RangeError(`no key in slot ${slot}`);
    const start = this.starts[slot]!;
    return this.bytes.toString('latin1', start, start + this.lengths[slot]!);
  }

  /** Forgets the key added last. */
  removeLast(): void {
    if (this.count === 0) return;
    const slot = this.count - 1;
    this.unplace(slot);
    this.used = this.starts[slot]!;
    this.count = slot;
  }

  clear(): void {
    this.table.fill(EMPTY);
    this.used = 0;
    this.count = 0;
  }

  private holds(slot: number, key: string): boolean {
    if (this.lengths[slot] !== key.length) return false;
    const start = this.starts[slot]!;
    for (let i = 0; i < key.length; i++) {
      if (this.bytes[start + i] !== key.charCodeAt(i)) return false;
    }
    return true;
  }

  private place(slot: number): void {
    const mask = this.table.length - 1;
    let bucket = this.hashes[slot]! & mask;
    while (this.table[bucket] !== EMPTY) bucket = (bucket + 1) & mask;
    this.table[bucket] = slot + 1;
  }

  /** Empties the slot's bucket and shifts later entries of its run back into the gap. */
  private unplace(slot: number): void {
    const mask = this.table.length - 1;
    let gap = this.hashes[slot]! & mask;
    while (this.table[gap] !== slot + 1) gap = (gap + 1) & mask;
    this.table[gap] = EMPTY;

    for (let next = (gap + 1) & mask; this.table[next] !== EMPTY; next = (next + 1) & mask) {
      const home = this.hashes[this.table[next]! - 1]! & mask;
      // The entry may move back only if its home is not after the gap (cyclically).
      const movable = gap <= next ? home <= gap || home > next : home <= gap && home > next;
      if (!movable) continue;
      this.table[gap] = this.table[next]!;
      this.table[next] = EMPTY;
      gap = next;
    }
  }

  private reserve(keyLength: number): void {
    if (this.used + keyLength > this.bytes.length) {
      const bytes = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + keyLength));
      this.bytes.copy(bytes, 0, 0, this.used);
      this.bytes = bytes;
    }
    if (this.count === this.starts.length) this.growSlots();
    if ((this.count + 1) * 2 > this.table.length) this.growTable();
  }

  private growSlots(): void {
    const capacity = this.starts.length * 2;
    this.starts = copied(this.starts, new Uint32Array(capacity));
    this.lengths = copied(this.lengths, new Uint16Array(capacity));
    this.hashes = copied(this.hashes, new Uint32Array(capacity));
  }

  private growTable(): void {
    this.table = new Uint32Array(this.table.length * 2);
    for (let slot = 0; slot < this.count; slot++) this.place(slot);
  }
}

function copied<T extends Uint16Array | Uint32Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

/** FNV-1a over the key's character codes. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code > 0x7f) throw new RangeError(`application keys are ASCII, got ${JSON.stringify(key)}`);
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash >>> 0;
}
